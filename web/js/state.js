// Shareable state: every input lives in the URL fragment, so a link reproduces the page.
//
//   #/estimate?s=<scenario>&off=<parked phases>&c=<compare settings>
//   #/compare?s=<scenario>&c=<compare settings>
//   #/report?s=<scenario>&r=<report fields>
//   #/import                        (the file stays in the page; its scenario goes to s=)
//   #/estimate?preset=<id>          (a readable link to a preset; replaced by s= once loaded)
//   #/optimize?o=<optimize study>   (with s= too, so the other pages keep their scenario)
//
// s, off and c are base64url (RFC 4648 §5, no padding) of the UTF-8 of compact JSON:
//   s   the scenario exactly as it is sent to the core (docs/schema.md)
//   off phases switched off in the form, kept so switching them on restores them
//   c   {metric, baseline, columns: [{name?, region?, hardware?, device_count?, hours?}]}
//   r   the Report page's fields {model_name?, training_type?, source?}
//   o   the Optimize page's study: {study: preset id, variables, objectives, algorithm, ...}
//       (js/optimize-study.js; the edits, not the request, so links stay short), and the
//       trials tab's inputs {csv, roles, batch, seed} when the table is at most 16 KB
// The fragment never reaches a server. Decoding is strict: a value that is not base64url,
// not UTF-8, not JSON or not an object throws StateError with a readable reason.

export class StateError extends Error {
  constructor(param, reason) {
    super(`the "${param}" part of the link ${reason}`);
    this.name = 'StateError';
    this.param = param;
  }
}

export function encodeState(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeState(param, text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new StateError(param, 'is not valid base64url');
  }
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  let json;
  try {
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StateError(param, 'is not valid base64url text');
  }
  let value;
  try {
    value = JSON.parse(json);
  } catch (err) {
    throw new StateError(param, `is not valid JSON (${err.message})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new StateError(param, 'is not a JSON object');
  }
  return value;
}

const PAGES = new Set(['estimate', 'compare', 'report', 'import', 'optimize']);

/** {page, params} of a location hash; unknown pages read as 'estimate'. */
export function parseHash(hash) {
  const text = hash.replace(/^#\/?/, '');
  const q = text.indexOf('?');
  const name = q < 0 ? text : text.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : text.slice(q + 1));
  return { page: PAGES.has(name) ? name : 'estimate', known: PAGES.has(name) || name === '', params };
}

/** The hash for a page and a state {scenario, off, compare, report, optimize}; empty parts are left out. */
export function buildHash(page, state) {
  const params = new URLSearchParams();
  if (state.scenario) params.set('s', encodeState(state.scenario));
  if (state.off && Object.keys(state.off).length > 0) params.set('off', encodeState(state.off));
  if (state.compare) params.set('c', encodeState(state.compare));
  if (state.report) params.set('r', encodeState(state.report));
  if (state.optimize) params.set('o', encodeState(state.optimize));
  const query = params.toString();
  return `#/${page}${query ? `?${query}` : ''}`;
}

/**
 * Reads {scenario, off, compare, report, optimize} from the params; each part that fails to decode is left
 * null and its StateError collected in `errors`.
 */
export function readState(params) {
  const state = { scenario: null, off: null, compare: null, report: null, optimize: null, preset: params.get('preset'), errors: [] };
  for (const [param, key] of [['s', 'scenario'], ['off', 'off'], ['c', 'compare'], ['r', 'report'], ['o', 'optimize']]) {
    const text = params.get(param);
    if (text == null) continue;
    try {
      state[key] = decodeState(param, text);
    } catch (err) {
      if (!(err instanceof StateError)) throw err;
      state.errors.push(err);
    }
  }
  return state;
}
