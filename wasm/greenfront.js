// greenfront.js: the ES module that loads the greenfront wasm core, in browsers and in Node.
//
//   import { load, estimate } from './greenfront.js';
//   await load();                       // once; memoized
//   const result = estimate(scenario);  // plain object, or throws GreenfrontError
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

/**
 * Loads the wasm module once and resolves to the raw Embind module (string in, string out).
 * options.baseUrl: folder (URL, or a path in Node) holding greenfront_wasm.{js,wasm};
 *   defaults to this file's folder. Only the first call's options count.
 * options.wasmBinary: the .wasm bytes, if the caller already has them.
 */
export function load(options = {}) {
  if (!modulePromise) {
    modulePromise = instantiate(options).then((mod) => {
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
  if (!wasmModule) throw new Error('greenfront: call and await load() first');
  return wasmModule;
}

function unwrap(text) {
  const response = JSON.parse(text);
  if (!response.ok) throw new GreenfrontError(response.errors);
  return response;
}

/** Estimates a scenario object (docs/schema.md); returns the result as a plain object. */
export function estimate(scenario) {
  return unwrap(loaded().estimate(JSON.stringify(scenario)));
}

/** Validates a scenario object without estimating. */
export function validate(scenario) {
  return unwrap(loaded().validate(JSON.stringify(scenario)));
}

/** The Pareto front of a set of points (docs/pareto.md). */
export function pareto(request) {
  return unwrap(loaded().pareto(JSON.stringify(request)));
}

/** The exact hypervolume (and contributions, Monte-Carlo estimate) of a set of points. */
export function hypervolume(request) {
  return unwrap(loaded().hypervolume(JSON.stringify(request)));
}

/** Runs an optimizer on an objective model or a standard problem (docs/pareto.md). */
export function optimize(request) {
  return unwrap(loaded().optimize(JSON.stringify(request)));
}

/** One MOBO step over measured trials, with the experimentation-vs-deployment report. */
export function suggest(request) {
  return unwrap(loaded().suggest(JSON.stringify(request)));
}

/** Lists a catalog ("hardware", "regions", "datacenters", "profiles", "equivalences"). */
export function catalog(kind, search = '') {
  return unwrap(loaded().catalog(String(kind), String(search)));
}
