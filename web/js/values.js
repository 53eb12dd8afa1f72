// Form text <-> scenario JSON values, and reading/writing a scenario by field path.
// No validation happens here: text that is not a number or a range is passed on as the
// string it is, and the core rejects it with the field's path and a readable message.

const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?`;
const NUMBER_RE = new RegExp(`^${NUM}$`);
const RANGE_RE = new RegExp(`^(${NUM})\\s*(?:\\.\\.|–|—|-|to)\\s*(${NUM})$`, 'i');
const DIST_RE = /^(uniform|triangular|tri|normal|lognormal)\s*\(([^)]*)\)$/i;
const DIST_KEYS = {
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['median', 'gsd'],
};

function numberOrText(text) {
  if (!NUMBER_RE.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * The JSON value for a field's text. kind: 'uncertain' (a number, "a to b", "a-b",
 * triangular(a, c, b), normal(m, sd), lognormal(m, gsd), or a JSON object), 'number',
 * 'list' (comma-separated numbers), 'factors' ("name: factor, ..."), 'text'.
 * Returns undefined for empty text (the field is left out of the scenario).
 */
export function parseFieldText(raw, kind) {
  const text = raw.trim();
  if (text === '') return undefined;
  if (kind === 'text') return text;
  if (kind === 'number') return numberOrText(text) ?? text;
  if (kind === 'list') {
    const parts = text.split(/[,;\s]+/).filter(Boolean).map(numberOrText);
    return parts.every((v) => v !== null) ? parts : text;
  }
  if (kind === 'factors') {
    const items = text.split(/[,;]+/).map((part) => part.trim()).filter(Boolean).map((part) => {
      const m = /^(.*?)\s*[:=]\s*(\S+)$/.exec(part);
      const factor = m ? numberOrText(m[2]) : null;
      return m && factor !== null ? { name: m[1], factor } : null;
    });
    return items.every(Boolean) ? items : text;
  }
  // uncertain
  const single = numberOrText(text);
  if (single !== null) return single;
  let m = RANGE_RE.exec(text);
  if (m) {
    const [min, max] = [numberOrText(m[1]), numberOrText(m[2])];
    if (min !== null && max !== null) return { min, max };
  }
  m = DIST_RE.exec(text);
  if (m) {
    const name = m[1].toLowerCase() === 'tri' ? 'triangular' : m[1].toLowerCase();
    const args = m[2].split(',').map((part) => numberOrText(part.trim()));
    const keys = DIST_KEYS[name];
    if (args.length === keys.length && args.every((v) => v !== null)) {
      return Object.fromEntries([['dist', name], ...keys.map((key, i) => [key, args[i]])]);
    }
  }
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) return value;
    } catch { /* falls through: the core reports the string */ }
  }
  return text;
}

/** The text a field shows for a JSON value (the inverse of parseFieldText). */
export function formatFieldText(value, kind) {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (kind === 'list' && value.every((v) => typeof v === 'number')) return value.join(', ');
    if (kind === 'factors' && value.every((v) => v && typeof v.name === 'string' && typeof v.factor === 'number')) {
      return value.map((v) => `${v.name}: ${v.factor}`).join(', ');
    }
    return JSON.stringify(value);
  }
  const keys = Object.keys(value).sort().join(',');
  if (keys === 'max,min') return `${value.min} to ${value.max}`;
  const dist = value.dist;
  if (typeof dist === 'string' && DIST_KEYS[dist] &&
      keys === ['dist', ...DIST_KEYS[dist]].sort().join(',') &&
      DIST_KEYS[dist].every((key) => typeof value[key] === 'number')) {
    return `${dist}(${DIST_KEYS[dist].map((key) => value[key]).join(', ')})`;
  }
  return JSON.stringify(value);
}

/** "training.hardware.lifetime_years" -> ['training', 'hardware', 'lifetime_years']; a[2] -> a.2 */
export function splitPath(path) {
  return path === '' ? [] : path.replace(/\[(\d+)\]/g, '.$1').split('.');
}

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The value at a field path. A `hardware` that is a catalog id string reads as {id}, so
 * "training.hardware.lifetime_years" is undefined there and "training.hardware" is the id.
 */
export function readField(scenario, path) {
  const keys = splitPath(path);
  let node = scenario;
  for (let i = 0; i < keys.length; i += 1) {
    if (node == null) return undefined;
    if (typeof node === 'string' && keys[i - 1] === 'hardware') node = { id: node };
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = node[keys[i]];
  }
  if (keys.at(-1) === 'hardware' && isObject(node)) return node.id;
  return node;
}

/**
 * Sets (value !== undefined) or removes a field in place. Containers on the way are created;
 * a hardware id string becomes {id, ...} when a hardware figure is set, and an object left
 * with its id only becomes the id again. Emptied containers are removed, except the
 * top-level phase objects named in `keep`.
 */
export function writeField(scenario, path, value, keep = new Set()) {
  const keys = splitPath(path);
  const trail = [scenario];
  let node = scenario;
  for (let i = 0; i < keys.length - 1; i += 1) {
    const key = keys[i];
    let next = node[key];
    if (key === 'hardware' && typeof next === 'string') next = { id: next };
    if (!isObject(next)) {
      if (value === undefined) return scenario;
      next = {};
    }
    node[key] = next;
    node = next;
    trail.push(node);
  }
  const last = keys.at(-1);
  if (last === 'hardware' && isObject(node[last]) && (value === undefined || typeof value === 'string')) {
    if (value === undefined) delete node[last].id;
    else node[last].id = value;
  } else if (value === undefined) {
    delete node[last];
  } else {
    node[last] = value;
  }
  tidy(scenario, keys, keep);
  return scenario;
}

function tidy(scenario, keys, keep) {
  // Walk back up the path: collapse {id} hardware objects, drop empty containers.
  for (let depth = keys.length - 1; depth >= 0; depth -= 1) {
    let parent = scenario;
    for (let i = 0; i < depth; i += 1) parent = parent?.[keys[i]];
    if (!isObject(parent)) continue;
    const key = keys[depth];
    const value = parent[key];
    if (key === 'hardware' && isObject(value)) {
      const own = Object.keys(value);
      if (own.length === 1 && own[0] === 'id' && typeof value.id === 'string') parent[key] = value.id;
    }
    if (isObject(parent[key]) && Object.keys(parent[key]).length === 0 &&
        !(depth === 0 && keep.has(key))) {
      delete parent[key];
    }
  }
}

/** A deep copy of a JSON value. */
export function clone(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
