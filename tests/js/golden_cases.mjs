// Shared helpers for the golden cases in tests/golden/*.json (used by tests/js/*.test.mjs and
// script/golden-native.mjs). A case is
//   {"id", "source", "notes", "scenario": {...}, "expect": [...]}            or
//   {"id", "scenarios": {"name": {...}, ...}, "expect": [...]}
// and an expectation {"path", "value", "rel_tol"?, "abs_tol"?, "divide_by"?, "note"?} reads
// `path` (prefixed "name:" with several scenarios) from the estimate result.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const goldenDir = path.join(repoRoot, 'tests', 'golden');

/** rel_tol when an expectation gives neither rel_tol nor abs_tol. */
export const DEFAULT_REL_TOL = 1e-9;

export const examplesDir = path.join(repoRoot, 'examples');

/**
 * Every golden case, sorted by file name, then every examples/*.json scenario as a case
 * without expectations (it still takes part in the wasm-vs-native comparison, which is how
 * Monte-Carlo and hourly-profile results are checked across the two builds):
 * {file, id, scenarios: [{name, key, scenario}], expect}.
 */
export function loadGoldenCases(dir = goldenDir, extraDir = examplesDir) {
  const examples = readdirSync(extraDir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const id = `example-${path.basename(file, '.json')}`;
    const scenario = JSON.parse(readFileSync(path.join(extraDir, file), 'utf8'));
    return { file: `examples/${file}`, id, scenarios: [{ name: null, key: id, scenario }], expect: [] };
  });
  return loadCaseFiles(dir).concat(examples);
}

function loadCaseFiles(dir) {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const data = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const id = data.id ?? path.basename(file, '.json');
    let scenarios;
    if (data.scenario !== undefined) {
      scenarios = [{ name: null, key: id, scenario: data.scenario }];
    } else if (data.scenarios !== undefined && typeof data.scenarios === 'object') {
      scenarios = Object.entries(data.scenarios).map(([name, scenario]) =>
        ({ name, key: `${id}.${name}`, scenario }));
    } else {
      throw new Error(`${file}: needs "scenario" or "scenarios"`);
    }
    return { file, id, scenarios, expect: data.expect ?? [] };
  });
}

/** Splits "a.b[3].c[key=value]" into ['a', 'b', 3, 'c', {key, value}]. */
export function parsePath(text) {
  const steps = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[([^=\]]+)=([^\]]*)\]|(\.)/gy;
  let m;
  let last = 0;
  while ((m = re.exec(text)) !== null) {
    if (m.index !== last) break;
    last = re.lastIndex;
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(Number(m[2]));
    else if (m[3] !== undefined) steps.push({ key: m[3], value: m[4] });
  }
  if (last !== text.length) throw new Error(`bad path syntax at ${last}: ${text}`);
  return steps;
}

/** Reads `text` (see parsePath) from `root`; throws with the failing prefix if absent. */
export function getPath(root, text) {
  let node = root;
  let where = '';
  for (const step of parsePath(text)) {
    if (typeof step === 'number') {
      where += `[${step}]`;
      if (!Array.isArray(node) || step >= node.length) throw new Error(`no ${where} in result`);
      node = node[step];
    } else if (typeof step === 'object') {
      where += `[${step.key}=${step.value}]`;
      if (!Array.isArray(node)) throw new Error(`${where}: not an array`);
      const hits = node.filter((item) => item != null && String(item[step.key]) === step.value);
      if (hits.length !== 1) throw new Error(`${where}: ${hits.length} matches`);
      node = hits[0];
    } else {
      where += where ? `.${step}` : step;
      if (node == null || typeof node !== 'object' || !(step in node)) {
        throw new Error(`no ${where} in result`);
      }
      node = node[step];
    }
  }
  return node;
}

/** Resolves "name:path" (several scenarios) or "path" (one) against {name|key: result}. */
export function lookup(results, testCase, qualified) {
  if (testCase.scenarios.length === 1 && testCase.scenarios[0].name === null) {
    return getPath(results[testCase.id], qualified);
  }
  const colon = qualified.indexOf(':');
  if (colon < 0) throw new Error(`${qualified}: needs a "scenario:" prefix`);
  const name = qualified.slice(0, colon);
  if (!(name in results)) throw new Error(`${qualified}: no scenario "${name}"`);
  return getPath(results[name], qualified.slice(colon + 1));
}

/** Checks one expectation; returns null when it holds, else a message. */
export function checkExpectation(results, testCase, e) {
  let actual = lookup(results, testCase, e.path);
  if (e.divide_by !== undefined) actual /= lookup(results, testCase, e.divide_by);
  if (typeof actual !== 'number' || !Number.isFinite(actual)) {
    return `${e.path}: not a finite number: ${JSON.stringify(actual)}`;
  }
  // As tests/unit/golden_test.cpp: abs_tol when given, else rel_tol (default 1e-9) x |value|.
  const allowed = e.abs_tol !== undefined ? e.abs_tol : (e.rel_tol ?? DEFAULT_REL_TOL) * Math.abs(e.value);
  const diff = Math.abs(actual - e.value);
  if (diff <= allowed) return null;
  const ratio = e.divide_by !== undefined ? ` / ${e.divide_by}` : '';
  return `${e.path}${ratio} = ${actual}, expected ${e.value} (diff ${diff}, allowed ${allowed})` +
    (e.note ? ` -- ${e.note}` : '');
}

/** Bit-identical is expected; anything beyond this relative difference is a mismatch. */
export const NATIVE_REL_TOL = 1e-12;

/**
 * Compares two parsed JSON values (wasm vs native). Numbers that differ by at most
 * NATIVE_REL_TOL relative go to `inexact`, the rest to `mismatches`.
 */
export function compareJson(wasm, native, where = '$', out = { mismatches: [], inexact: [] }) {
  if (typeof wasm === 'number' && typeof native === 'number') {
    if (!Object.is(wasm, native)) {
      const rel = Math.abs(wasm - native) / Math.max(Math.abs(wasm), Math.abs(native));
      (rel <= NATIVE_REL_TOL ? out.inexact : out.mismatches)
        .push(`${where}: wasm ${wasm} vs native ${native} (rel ${rel.toExponential(2)})`);
    }
  } else if (Array.isArray(wasm) && Array.isArray(native)) {
    if (wasm.length !== native.length) {
      out.mismatches.push(`${where}: length ${wasm.length} vs ${native.length}`);
    }
    for (let i = 0; i < Math.min(wasm.length, native.length); i++) {
      compareJson(wasm[i], native[i], `${where}[${i}]`, out);
    }
  } else if (wasm && native && typeof wasm === 'object' && typeof native === 'object' &&
             !Array.isArray(wasm) && !Array.isArray(native)) {
    const keys = new Set([...Object.keys(wasm), ...Object.keys(native)]);
    for (const k of keys) {
      if (!(k in wasm) || !(k in native)) out.mismatches.push(`${where}.${k}: only in ${k in wasm ? 'wasm' : 'native'}`);
      else compareJson(wasm[k], native[k], `${where}.${k}`, out);
    }
  } else if (wasm !== native) {
    out.mismatches.push(`${where}: wasm ${JSON.stringify(wasm)} vs native ${JSON.stringify(native)}`);
  }
  return out;
}

/** The folders of request examples: examples/<folder>/*.json, each naming its CLI command. */
export const requestExampleDirs = ['pareto', 'compare'];

/**
 * The request examples (examples/pareto/*.json, examples/compare/*.json), each naming its
 * CLI command in "request": [{file, id, request, text}], by folder then file name; ids are
 * "<folder>-<file>".
 */
export function loadRequestExamples(folders = requestExampleDirs) {
  return folders.flatMap((folder) => {
    const dir = path.join(repoRoot, 'examples', folder);
    return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
      const text = readFileSync(path.join(dir, file), 'utf8');
      return { file: `examples/${folder}/${file}`, id: `${folder}-${file.replace(/\.json$/, '')}`,
               request: JSON.parse(text).request, text };
    });
  });
}

/** The CodeCarbon fixtures: tests/data/codecarbon/*.csv (imported) and bad/*.csv (rejected). */
export function codecarbonFiles() {
  const dir = path.join(repoRoot, 'tests', 'data', 'codecarbon');
  const list = (sub, bad) => readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.csv')).sort()
    .map((f) => ({ name: `${bad ? 'bad-' : ''}${f.replace(/\.csv$/, '')}`, file: path.join(dir, sub, f), bad }));
  return [...list('.', false), ...list('bad', true)];
}

/** The site's presets (examples/presets/index.json): {id, file} with an absolute path. */
export function presetFiles() {
  const dir = path.join(repoRoot, 'examples', 'presets');
  const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const entries = Array.isArray(index) ? index : index.presets;
  return entries.map((p) => ({ id: p.id, file: path.join(dir, p.file) }));
}
