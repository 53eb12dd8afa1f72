// greenfront.worker.js: the Web Worker side of greenfront-worker.js. Not an API: the
// client (GreenfrontWorker) starts it and speaks this protocol with it.
//
//   client -> worker  {type: 'init', baseUrl, cancel: SharedArrayBuffer | null}
//   worker -> client  {type: 'ready'} | {type: 'fatal', message}
//   client -> worker  {type: 'run', id, method, args, progressMs}
//   worker -> client  {type: 'progress', id, stage, done, total}  (optimize, suggest)
//                     {type: 'snapshot', id, json}                (optimize: the core's text)
//                     {type: 'result', id, value}                 (the response text)
//
// The worker passes the core's texts on as they are: the client reads responses and
// snapshots with greenfront.js's unwrap() and snapshotEvent(), like a call on the page.
//
// One run at a time (the client queues). Cancelling a running optimize/suggest: the
// client writes the run's id into the shared Int32Array `cancel`, and the core's progress
// callback here answers false, so the core stops and returns what it has. Without a
// SharedArrayBuffer (a page that is not cross-origin isolated) the client terminates us.
//
// A classic worker script in browsers (importScripts loads the classic Emscripten glue),
// an ES module worker in Node (worker_threads; greenfront.js loads the glue there). So:
// no static import/export, no import.meta.
(function main() {
  const inNode = typeof self === 'undefined' && typeof process === 'object';
  let port = null;        // {post(message)}
  let mod = null;         // the raw Embind module
  let cancelFlags = null; // Int32Array over the shared buffer, or null

  const PROGRESS_METHODS = new Set(['optimize', 'suggest']);
  const METHODS = new Set(['estimate', 'validate', 'compare', 'pareto', 'hypervolume',
    'handle', 'catalog', 'optimize', 'suggest', 'importCodecarbon', 'importCodecarbonBytes',
    'report']);

  async function loadModule(baseUrl) {
    if (inNode) {
      const gf = await import(new URL('greenfront.js', baseUrl).href);
      return gf.load({ baseUrl: new URL(baseUrl) });
    }
    importScripts(new URL('greenfront_wasm.js', baseUrl).href);
    return self.createGreenfront({ locateFile: (file) => new URL(file, baseUrl).href });
  }

  function run(message) {
    const { id, method, args, progressMs } = message;
    if (!METHODS.has(method)) {
      return JSON.stringify({ ok: false, errors: [{ code: 'input.invalid_value', path: 'method',
        message: `[input.invalid_value] method: unknown, got ${JSON.stringify(String(method))}` }] });
    }
    if (!PROGRESS_METHODS.has(method)) return mod[method](...args);
    let last = 0;
    const interval = Number.isFinite(progressMs) ? progressMs : 100;
    const cancelled = () => cancelFlags !== null && Atomics.load(cancelFlags, 0) === id;
    const progress = (stage, done, total) => {
      const now = Date.now();
      if (done >= total || now - last >= interval) {
        last = now;
        port.post({ type: 'progress', id, stage, done, total });
      }
      return !cancelled();
    };
    if (method !== 'optimize') return mod[method](args[0], progress);
    // The core already spaces its snapshots (a few a second), so each one is posted: a
    // dropped snapshot would lose the evaluations it carried. It is a progress event too.
    const snapshot = (json) => {
      last = Date.now();
      port.post({ type: 'snapshot', id, json });
    };
    return mod[method](args[0], progress, snapshot);
  }

  function onMessage(message) {
    if (message == null || typeof message !== 'object') return;
    if (message.type === 'init') {
      cancelFlags = message.cancel ? new Int32Array(message.cancel) : null;
      loadModule(message.baseUrl).then((m) => {
        mod = m;
        port.post({ type: 'ready' });
      }, (err) => port.post({ type: 'fatal', message: String(err && err.message || err) }));
      return;
    }
    if (message.type !== 'run' || mod === null) return;
    let value;
    try {
      value = run(message);
    } catch (err) {
      // The core answers every expected problem itself (and the wasm build has no
      // exceptions); this is the instance failing (a defect, a trap, out of memory). Report
      // it and stop: the client starts a fresh worker for the next run.
      port.post({ type: 'fatal', message: `the wasm instance failed: ${String(err && err.message || err)}` });
      if (inNode) process.exit(1); else self.close();
      return;
    }
    port.post({ type: 'result', id: message.id, value });
  }

  if (inNode) {
    import('node:worker_threads').then(({ parentPort }) => {
      port = { post: (m) => parentPort.postMessage(m) };
      parentPort.on('message', onMessage);
    });
  } else {
    port = { post: (m) => self.postMessage(m) };
    self.onmessage = (event) => onMessage(event.data);
  }
})();
