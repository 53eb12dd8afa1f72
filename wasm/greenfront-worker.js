// greenfront-worker.js: runs greenfront requests in a Web Worker (Node: worker_threads), so
// an optimization or a large Monte-Carlo run never freezes the page.
//
//   import { GreenfrontWorker } from './greenfront-worker.js';
//   const worker = new GreenfrontWorker();
//   const job = worker.optimize(request, { onProgress: (p) => bar.value = p.done / p.total });
//   cancelButton.onclick = () => job.cancel();
//   const result = await job;   // result.stopped_early, result.stop_reason
//
// - Progress: optimize and suggest report {stage, done, total, elapsedMs} at most every
//   `progressIntervalMs` (and once at the end). optimize's events also carry, a few times a
//   second, `snapshot`: the evaluations since the previous snapshot and the current front,
//   so a page can draw the front while it grows and keep it when the run is cancelled.
// - Budgets: a request's own `budget` ({evaluations, seconds}) ends a run with its partial
//   result, marked `stopped_early: true, stop_reason: "time" | "evaluations"`. `timeoutMs`
//   is the last resort for anything else: the worker is terminated and the job rejects
//   with GreenfrontError code "timeout".
// - Cancel (job.cancel() or an AbortSignal): a running optimize/suggest stops at its next
//   evaluation and resolves with what it has (stop_reason "cancelled") when the page can
//   share memory with the worker (SharedArrayBuffer: Node, or a cross-origin isolated page).
//   Otherwise, and for every other request, the worker is terminated and the job rejects
//   with GreenfrontError code "cancelled". A queued job is dropped the same way.
// - A worker that dies (a crash, terminate) is replaced on the next request; jobs it held
//   reject with GreenfrontError code "worker.crashed".
import { csvBytes, GreenfrontError, snapshotEvent, unwrap } from './greenfront.js';

const isNode = typeof process === 'object' && process.versions != null &&
  process.versions.node != null && typeof window === 'undefined';

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

function error(code, message) {
  return new GreenfrontError([{ code, path: '', message: `[${code}] ${message}` }]);
}

/** Wraps a browser Worker or a Node worker_threads Worker in one small interface. */
async function startWorker(baseUrl) {
  if (isNode) {
    const { Worker } = await import('node:worker_threads');
    const w = new Worker(new URL('greenfront.worker.js', baseUrl));
    return {
      post: (message) => w.postMessage(message),
      onMessage: (handler) => w.on('message', handler),
      onDeath: (handler) => {
        w.on('error', (err) => handler(String(err && err.message || err)));
        w.on('exit', (code) => handler(`exited with code ${code}`));
      },
      terminate: () => { w.terminate(); },
      unref: () => w.unref(),
    };
  }
  const w = new Worker(new URL('greenfront.worker.js', baseUrl));
  return {
    post: (message) => w.postMessage(message),
    onMessage: (handler) => w.addEventListener('message', (event) => handler(event.data)),
    onDeath: (handler) => w.addEventListener('error', (event) => {
      event.preventDefault();
      handler(event.message || 'the worker failed');
    }),
    terminate: () => w.terminate(),
    unref: () => {},
  };
}

function canShareMemory() {
  return typeof SharedArrayBuffer === 'function' && typeof Atomics === 'object' &&
    (isNode || globalThis.crossOriginIsolated === true);
}

export class GreenfrontWorker {
  /**
   * options.baseUrl: folder holding greenfront.js, greenfront.worker.js and the wasm
   *   (default: this file's folder).
   * options.timeoutMs: default per-job watchdog (10 min).
   * options.progressIntervalMs: least time between progress events (100 ms).
   * options.interrupt: 'auto' (share memory when possible) or 'terminate' (always).
   */
  constructor(options = {}) {
    this.baseUrl = options.baseUrl == null ? new URL('.', import.meta.url)
      : new URL(String(options.baseUrl), isNode ? undefined : globalThis.location?.href);
    if (!this.baseUrl.pathname.endsWith('/')) this.baseUrl = new URL(`${this.baseUrl.pathname}/`, this.baseUrl);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.progressIntervalMs = options.progressIntervalMs ?? 100;
    this.shared = options.interrupt !== 'terminate' && canShareMemory();
    this.worker = null;     // Promise of the started worker
    this.queue = [];        // jobs waiting
    this.current = null;    // the job running
    this.nextId = 1;
    this.restarts = 0;      // how many times a dead worker was replaced
  }

  estimate(scenario, options) { return this.run('estimate', [JSON.stringify(scenario)], options); }
  validate(scenario, options) { return this.run('validate', [JSON.stringify(scenario)], options); }
  compare(request, options) { return this.run('compare', [JSON.stringify(request)], options); }
  pareto(request, options) { return this.run('pareto', [JSON.stringify(request)], options); }
  hypervolume(request, options) { return this.run('hypervolume', [JSON.stringify(request)], options); }
  optimize(request, options) { return this.run('optimize', [JSON.stringify(request)], options); }
  suggest(request, options) { return this.run('suggest', [JSON.stringify(request)], options); }
  handle(request, options) { return this.run('handle', [JSON.stringify(request)], options); }
  catalog(kind, search = '', options) { return this.run('catalog', [String(kind), String(search)], options); }
  report(request, options) { return this.run('report', [JSON.stringify(request)], options); }
  /** A CodeCarbon emissions.csv as text or bytes (see greenfront.js importCodecarbon). */
  importCodecarbon(csv, importOptions = {}, options) {
    if (typeof csv === 'string') {
      return this.run('importCodecarbon', [JSON.stringify({ ...importOptions, csv })], options);
    }
    return this.run('importCodecarbonBytes', [csvBytes(csv), JSON.stringify(importOptions)], options);
  }

  /**
   * Starts `method` with `args` (JSON text already) and returns the job: a Promise of the
   * plain result object, with cancel(). options: onProgress, timeoutMs, signal.
   */
  run(method, args, options = {}) {
    const job = { id: this.nextId++, method, args, options, started: 0, settled: false };
    const promise = new Promise((resolve, reject) => {
      job.resolve = resolve;
      job.reject = reject;
    });
    job.promise = promise;
    promise.cancel = () => this.cancel(job);
    if (options.signal) {
      if (options.signal.aborted) {
        queueMicrotask(() => this.cancel(job));
      } else {
        options.signal.addEventListener('abort', () => this.cancel(job), { once: true });
      }
    }
    this.queue.push(job);
    this.pump();
    return promise;
  }

  /**
   * Starts the worker and loads the wasm now, so that the first request does not wait for
   * them (a page calls it when the user opens the view that runs jobs). Resolves when the
   * worker is ready; rejects with GreenfrontError code "worker.load_failed". Calling it
   * again, or after a request, costs nothing.
   */
  start() {
    return this.ensureWorker().then(() => undefined);
  }

  /** Stops the worker; queued and running jobs reject with code "cancelled". */
  terminate() {
    const jobs = [...this.queue, ...(this.current ? [this.current] : [])];
    this.queue = [];
    this.current = null;
    this.kill();
    for (const job of jobs) this.settle(job, null, error('cancelled', 'the worker was terminated'));
  }

  ensureWorker() {
    if (this.worker) return this.worker;
    const cancel = this.shared ? new SharedArrayBuffer(4) : null;
    this.cancelFlags = cancel ? new Int32Array(cancel) : null;
    const started = startWorker(this.baseUrl).then((w) => new Promise((resolve, reject) => {
      let ready = false;
      w.onMessage((message) => {
        if (message.type === 'ready') {
          ready = true;
          resolve(w);
        } else if (message.type === 'fatal') {
          if (!ready) reject(error('worker.load_failed', message.message));
          else this.died(started, message.message);
        } else {
          this.onMessage(message);
        }
      });
      w.onDeath((why) => {
        if (!ready) reject(error('worker.load_failed', why));
        else this.died(started, why);
      });
      w.post({ type: 'init', baseUrl: this.baseUrl.href, cancel });
    }));
    this.worker = started;
    started.catch(() => {
      if (this.worker === started) this.worker = null;
    });
    return started;
  }

  pump() {
    if (this.current || this.queue.length === 0) return;
    const job = this.queue.shift();
    this.current = job;
    this.ensureWorker().then((w) => {
      if (this.current !== job) return;  // cancelled while the worker was starting
      if (this.cancelFlags) Atomics.store(this.cancelFlags, 0, 0);
      job.started = Date.now();
      const timeoutMs = job.options.timeoutMs ?? this.timeoutMs;
      job.timer = setTimeout(() => {
        this.kill();
        this.finish(job, null, error('timeout', `${job.method} ran past timeoutMs = ${timeoutMs} ms; give the request a budget`));
      }, timeoutMs);
      w.post({ type: 'run', id: job.id, method: job.method, args: job.args,
        progressMs: this.progressIntervalMs });
    }, (err) => this.finish(job, null, err));
  }

  onMessage(message) {
    const job = this.current;
    if (!job || message.id !== job.id) return;
    if (message.type === 'progress' || message.type === 'snapshot') {
      if (typeof job.options.onProgress === 'function') {
        try {
          const event = message.type === 'snapshot' ? snapshotEvent(message.json)
            : { stage: message.stage, done: message.done, total: message.total };
          event.elapsedMs = Date.now() - job.started;
          job.options.onProgress(event);
        } catch {
          // A failing progress handler must not take the run down with it.
        }
      }
      return;
    }
    if (message.type === 'result') {
      let response;
      try {
        response = unwrap(message.value);
      } catch (err) {
        this.finish(job, null, err);
        return;
      }
      this.finish(job, response, null);
    }
  }

  cancel(job) {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, null, error('cancelled', `${job.method} was cancelled before it started`));
      return;
    }
    if (this.current !== job) return;
    if (this.cancelFlags && job.started && (job.method === 'optimize' || job.method === 'suggest')) {
      Atomics.store(this.cancelFlags, 0, job.id);  // the core stops at its next evaluation
      return;
    }
    this.kill();
    this.finish(job, null, error('cancelled', `${job.method} was cancelled`));
  }

  died(started, why) {
    if (this.worker !== started) return;  // an old worker we already replaced
    this.worker = null;
    this.restarts += 1;
    const job = this.current;
    if (job) this.finish(job, null, error('worker.crashed', `the worker died during ${job.method}: ${why}`));
  }

  kill() {
    const started = this.worker;
    this.worker = null;
    if (started) {
      started.then((w) => w.terminate(), () => {});
      this.restarts += 1;
    }
  }

  settle(job, value, err) {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (err) job.reject(err);
    else job.resolve(value);
  }

  finish(job, value, err) {
    this.settle(job, value, err);
    if (this.current === job) this.current = null;
    this.pump();
  }
}
