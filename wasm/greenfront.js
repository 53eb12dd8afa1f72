// greenfront.js: the ES module that loads the greenfront wasm core, in browsers and in Node.
//
//   import { load, estimate } from './greenfront.js';
//   await load();                       // once; memoized
//   const result = estimate(scenario);  // plain object, or throws GreenfrontError
//
// Types: greenfront.d.ts. Long runs (optimize, large Monte-Carlo) belong in a Web Worker:
// greenfront-worker.js. Every function here is synchronous once load() has resolved.
//
// The wasm build is the classic (non-ES6) MODULARIZE factory `createGreenfront`
// (greenfront_wasm.js + greenfront_wasm.wasm), found next to this file unless
// `options.baseUrl` says otherwise. Browsers load it with a <script> tag (classic
// workers: importScripts); Node evaluates it as CommonJS and passes the wasm bytes
// (`wasmBinary`), which Emscripten 3.1.6 needs there. All the arithmetic is in the core;
// this module only converts JSON at the boundary.

/** A rejected request: `.code`/`.path` of the first problem, `.errors` lists them all. */
export class GreenfrontError extends Error {
  constructor(errors) {
    const list = Array.isArray(errors) && errors.length > 0
      ? errors
      : [{ code: 'internal.error', path: '', message: '[internal.error] the response carried no error details' }];
    const first = list[0];
    const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
    super(`${first.message || first.code}${more}`);
    this.name = 'GreenfrontError';
    this.code = first.code;
    this.path = first.path;
    this.errors = list;
  }
}

const isNode = typeof process === 'object' && process.versions != null &&
  process.versions.node != null && typeof window === 'undefined';

let modulePromise = null;
let wasmModule = null;
let loadOptions = {};

/**
 * Loads the wasm module once and resolves to the raw Embind module (string in, string out).
 * options.baseUrl: folder (URL, or a path in Node) holding greenfront_wasm.{js,wasm};
 *   defaults to this file's folder. Only the first call's options count.
 * options.wasmBinary: the .wasm bytes, if the caller already has them.
 */
export function load(options = {}) {
  if (!modulePromise) {
    if (!wasmModule && !failedInstance) loadOptions = options;
    modulePromise = instantiate(loadOptions).then((mod) => {
      wasmModule = mod;
      return mod;
    }, (err) => {
      modulePromise = null;  // allow a retry after a failed load
      throw err;
    });
  }
  return modulePromise;
}

async function instantiate(options) {
  if (isNode) return instantiateInNode(options);
  const base = ensureSlash(options.baseUrl == null
    ? new URL('.', import.meta.url) : new URL(String(options.baseUrl), globalThis.location?.href));
  if (typeof globalThis.createGreenfront !== 'function') {
    await loadClassicScript(new URL('greenfront_wasm.js', base).href);
  }
  const moduleOptions = { locateFile: (file) => new URL(file, base).href };
  if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  return globalThis.createGreenfront(moduleOptions);
}

async function instantiateInNode(options) {
  const [{ readFile }, { createRequire }, vm, url, path] = await Promise.all([
    import('node:fs/promises'), import('node:module'), import('node:vm'), import('node:url'),
    import('node:path')]);
  const given = options.baseUrl;
  const dir = given == null ? path.dirname(url.fileURLToPath(import.meta.url))
    : given instanceof URL || /^file:/.test(String(given)) ? url.fileURLToPath(given)
    : path.resolve(String(given));
  const jsPath = path.join(dir, 'greenfront_wasm.js');
  const [code, wasmBinary] = await Promise.all([
    readFile(jsPath, 'utf8'),
    options.wasmBinary ?? readFile(path.join(dir, 'greenfront_wasm.wasm'))]);
  // Evaluate the glue as CommonJS, whatever the nearest package.json says about "type".
  const module = { exports: {} };
  const run = vm.compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'],
    { filename: jsPath });
  run(module.exports, createRequire(jsPath), module, jsPath, dir);
  return module.exports({ wasmBinary });
}

function ensureSlash(url) {
  return url.pathname.endsWith('/') ? url : new URL(`${url.pathname}/`, url);
}

function loadClassicScript(src) {
  if (typeof document === 'undefined') {
    if (typeof importScripts === 'function') {  // classic worker
      importScripts(src);
      return Promise.resolve();
    }
    return Promise.reject(new Error('greenfront: cannot load a classic script here (module worker?)'));
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`greenfront: failed to load ${src}`));
    document.head.appendChild(script);
  });
}

function loaded() {
  if (!wasmModule) {
    throw new Error(failedInstance
      ? 'greenfront: a fresh instance is starting after a failure; await load() first'
      : 'greenfront: call and await load() first');
  }
  return wasmModule;
}

// Package-internal, not declared in greenfront.d.ts: greenfront-worker.js reads the
// worker's answers with these too, so a response and a snapshot mean the same on both paths.

/** The core's response text as a plain object; a rejected request throws GreenfrontError. */
export function unwrap(text) {
  let response;
  try {
    response = JSON.parse(text);
  } catch (err) {
    throw new GreenfrontError([{ code: 'internal.error', path: '',
      message: `[internal.error] unreadable response: ${err.message}` }]);
  }
  if (!response.ok) throw new GreenfrontError(response.errors);
  return response;
}

/** An optimize snapshot's JSON (docs/pareto.md, "Live snapshots") as a progress event. */
export function snapshotEvent(json) {
  const snapshot = JSON.parse(json);
  return { stage: 'evaluations', done: snapshot.evaluations, total: snapshot.budget_evaluations, snapshot };
}

// Every call into wasm goes through here. The core answers every expected problem as an
// error response; the wasm build has no exception support (CMakeLists.txt), so a throw here
// means the instance itself failed (a defect, memory exhausted, a trap) and its state cannot
// be trusted. It is dropped and a fresh one is started at once with the first load()'s
// options (the .wasm is already in the HTTP cache), so `await load()` resolves as soon as it
// is ready; the caller gets a GreenfrontError, never a bare RuntimeError.
let failedInstance = false;

function call(method, ...args) {
  const mod = loaded();
  try {
    return mod[method](...args);
  } catch (err) {
    if (err instanceof GreenfrontError || err instanceof TypeError) throw err;
    if (wasmModule === mod) {
      wasmModule = null;
      modulePromise = null;
      failedInstance = true;
      load().catch(() => {});  // a failed restart is retried by the caller's next load()
    }
    throw new GreenfrontError([{ code: 'internal.aborted', path: '',
      message: `[internal.aborted] the wasm instance failed in ${method} ` +
        `(${String(err && err.message || err)}); a fresh one is starting: await load() before the next call` }]);
  }
}

/** The raw Embind module once load() has resolved (string in, string out), else null. */
export function rawModule() {
  return wasmModule;
}

/** Estimates a scenario object (docs/schema.md); returns the result as a plain object. */
export function estimate(scenario) {
  return unwrap(call('estimate', JSON.stringify(scenario)));
}

/** Validates a scenario object without estimating. */
export function validate(scenario) {
  return unwrap(call('validate', JSON.stringify(scenario)));
}

/** The Pareto front of a set of points (docs/pareto.md). */
export function pareto(request) {
  return unwrap(call('pareto', JSON.stringify(request)));
}

/** The exact hypervolume (and contributions, Monte-Carlo estimate) of a set of points. */
export function hypervolume(request) {
  return unwrap(call('hypervolume', JSON.stringify(request)));
}

/** Estimates 2–16 scenarios side by side and names the best (docs/schema.md, "Compare"). */
export function compare(request) {
  return unwrap(call('compare', JSON.stringify(request)));
}

/**
 * Runs an optimizer on an objective model or a standard problem (docs/pareto.md).
 * options.onProgress({stage, done, total, snapshot?}) is called between evaluations;
 * returning false stops the run, which then returns what it has (stopped_early, stop_reason
 * "cancelled"). A few times a second the event carries `snapshot`: the evaluations since
 * the previous snapshot and the current front (docs/pareto.md, "Live snapshots").
 * On the main thread this blocks the page: use greenfront-worker.js for long runs.
 */
export function optimize(request, options = {}) {
  return withProgress('optimize', request, options.onProgress);
}

/** One MOBO step over measured trials, with the experimentation-vs-deployment report. */
export function suggest(request, options = {}) {
  return withProgress('suggest', request, options.onProgress);
}

/**
 * Imports a CodeCarbon emissions.csv (docs/schema.md, "Import: CodeCarbon"): a scenario with
 * the measured energy and hours, and an account of what was read. `csv` is the file's text,
 * or its bytes (Uint8Array, ArrayBuffer or any typed array) for a file that may not be
 * UTF-8: a Latin-1 file read as text has already lost its accented letters, so give bytes
 * and the core decides the encoding. `options`: {phase, hardware, region, run}.
 */
export function importCodecarbon(csv, options = {}) {
  if (typeof csv === 'string') {
    return unwrap(call('importCodecarbon', JSON.stringify({ ...options, csv })));
  }
  return unwrap(call('importCodecarbonBytes', csvBytes(csv), JSON.stringify(options)));
}

/** A Uint8Array over the bytes of a typed array or ArrayBuffer (no copy); TypeError otherwise. */
export function csvBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('greenfront: the CSV must be a string, a Uint8Array or an ArrayBuffer');
}

/**
 * A carbon impact statement (seed 001 §V-A) for a scenario: the estimate, the statement in
 * Markdown, Hugging Face `co2_eq_emissions` metadata as an object and as YAML front matter,
 * and a per-phase CSV (docs/schema.md, "Report").
 */
export function report(request) {
  return unwrap(call('report', JSON.stringify(request)));
}

/** Any request as {"request": "estimate" | "compare" | ..., ...} (api::handle). */
export function handle(request) {
  return unwrap(call('handle', JSON.stringify(request)));
}

// An exception from onProgress must not unwind through wasm frames (their C++ destructors
// would not run): it stops the run instead and is rethrown once the core has returned.
// optimize's snapshots (the evaluations so far and the current front) arrive as progress
// events with a `snapshot`; a stop asked from any event takes effect at the next evaluation.
function withProgress(method, request, onProgress) {
  if (onProgress != null && typeof onProgress !== 'function') {
    throw new TypeError('greenfront: onProgress must be a function');
  }
  let thrown = null;
  let stopped = false;
  const report = (event) => {
    if (stopped) return false;
    try {
      stopped = onProgress(event) === false;
    } catch (err) {
      thrown = err;
      stopped = true;
    }
    return !stopped;
  };
  const progress = onProgress == null ? undefined : (stage, done, total) => report({ stage, done, total });
  const snapshot = onProgress == null ? undefined : (json) => { if (!stopped) report(snapshotEvent(json)); };
  const text = call(method, JSON.stringify(request), progress, ...(method === 'optimize' ? [snapshot] : []));
  if (thrown !== null) throw thrown;
  return unwrap(text);
}

/**
 * Indices (ascending, Uint32Array) of the non-dominated rows of `points`: a Float64Array
 * (or number array) of row-major rows of `dimensions` objectives. options.senses: one
 * 'min' | 'max' per objective (default all 'min'). Nothing goes through JSON.
 */
export function paretoFront(points, dimensions, options = {}) {
  return bulk(call('paretoFrontF64', asFloat64(points), checkedDimensions(dimensions),
    maximizeFlags(options.senses)));
}

/** Front number of every row (0 = first front), as a Uint32Array; arguments as paretoFront. */
export function paretoRanks(points, dimensions, options = {}) {
  return bulk(call('paretoRanksF64', asFloat64(points), checkedDimensions(dimensions),
    maximizeFlags(options.senses)));
}

/**
 * The exact hypervolume of `points` (as paretoFront) against `reference` (one value per
 * objective, in the objectives' own senses), up to 8 objectives.
 */
export function hypervolumeOf(points, dimensions, reference, options = {}) {
  return bulk(call('hypervolumeF64', asFloat64(points), checkedDimensions(dimensions),
    asFloat64(reference), maximizeFlags(options.senses)));
}

function bulk(answer) {
  if (typeof answer === 'string') unwrap(answer);  // an error response: throws
  return answer;
}

function asFloat64(values) {
  if (values instanceof Float64Array) return values;
  if (Array.isArray(values) || ArrayBuffer.isView(values)) return Float64Array.from(values);
  throw new GreenfrontError([{ code: 'input.wrong_type', path: 'points',
    message: '[input.wrong_type] points: must be a Float64Array or an array of numbers' }]);
}

function checkedDimensions(dimensions) {
  if (!Number.isInteger(dimensions) || dimensions < 0 || dimensions > 0xffffffff) {
    throw new GreenfrontError([{ code: 'input.wrong_type', path: 'dimensions',
      message: `[input.wrong_type] dimensions: must be a whole number of objectives, got ${String(dimensions)}` }]);
  }
  return dimensions;
}

function maximizeFlags(senses) {
  if (senses == null) return undefined;
  if (!Array.isArray(senses)) {
    throw new GreenfrontError([{ code: 'input.wrong_type', path: 'senses',
      message: '[input.wrong_type] senses: must be an array of "min" | "max"' }]);
  }
  return senses.map((sense, k) => {
    if (sense === 'max' || sense === 'maximize') return true;
    if (sense === 'min' || sense === 'minimize') return false;
    throw new GreenfrontError([{ code: 'input.invalid_value', path: `senses[${k}]`,
      message: `[input.invalid_value] senses[${k}]: must be "min" or "max", got ${JSON.stringify(sense)}` }]);
  });
}

/** Lists a catalog ("hardware", "regions", "datacenters", "profiles", "equivalences"). */
export function catalog(kind, search = '') {
  return unwrap(call('catalog', String(kind), String(search)));
}
