// GreenfrontWorker (wasm/greenfront-worker.js) from the assembled package folder
// (build/wasm/package, GREENFRONT_PACKAGE_DIR): progress arrives, cancel stops a run, a
// budget ends it with a partial result marked as such, the watchdog fires, and a dead
// worker is replaced. Node runs the worker in worker_threads, with shared memory, so the
// soft cancel is tested here; interrupt: 'terminate' tests the page-without-SharedArrayBuffer
// path.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';

import { repoRoot } from './golden_cases.mjs';

const packageDir = path.resolve(process.env.GREENFRONT_PACKAGE_DIR ?? path.join(repoRoot, 'build/wasm/package'));
let GreenfrontWorker;
let GreenfrontError;
let worker;

before(async () => {
  assert.ok(existsSync(path.join(packageDir, 'greenfront-worker.js')), `no package in ${packageDir}`);
  ({ GreenfrontWorker } = await import(pathToFileURL(path.join(packageDir, 'greenfront-worker.js')).href));
  ({ GreenfrontError } = await import(pathToFileURL(path.join(packageDir, 'greenfront.js')).href));
  worker = new GreenfrontWorker({ progressIntervalMs: 0 });
});

after(() => worker?.terminate());

/** NSGA-II on ZDT1 with a large evaluation budget: runs for seconds unless stopped. */
const longRun = (budget) => ({ problem: { name: 'zdt1', variables: 30 }, algorithm: 'nsga2',
  budget: { evaluations: 1000000, seconds: 30, ...budget }, seed: 7 });

function rejectsWith(promise, code) {
  return assert.rejects(promise, (err) => {
    assert.ok(err instanceof GreenfrontError, String(err));
    assert.equal(err.code, code, err.message);
    return true;
  });
}

test('start() loads the worker ahead of the first request, once', async () => {
  const warm = new GreenfrontWorker();
  try {
    await warm.start();
    const started = warm.worker;
    await warm.start();
    assert.equal(warm.worker, started, 'a second start() keeps the same worker');
    const r = await warm.catalog('hardware', 'a100');
    assert.ok(r.count >= 1);
    assert.equal(warm.restarts, 0);
  } finally {
    warm.terminate();
  }
});

test('an estimate in the worker equals the hand calculation', async () => {
  // 1 device × 10 h × 1000 W × PUE 1 × 300 g/kWh = 3 kg.
  const r = await worker.estimate({ schema_version: 1, training: { hardware: 'nvidia-v100-sxm2',
    device_count: 1, hours: 10, average_power_w: 1000, pue: 1, intensity_g_per_kwh: 300 } });
  assert.ok(Math.abs(r.total.co2e_kg.operational_location - 3) < 1e-12);
});

test('a rejected request rejects with GreenfrontError, and the worker keeps answering', async () => {
  await assert.rejects(worker.estimate({ schema_version: 1, training: { hours: -1 } }), (err) => {
    assert.ok(err instanceof GreenfrontError);
    assert.equal(err.path, 'training.hours');
    return true;
  });
  const r = await worker.catalog('hardware', 'h100');
  assert.ok(r.count >= 1);
});

test('progress arrives and cancel stops a run with its partial result', async () => {
  const seen = [];
  const job = worker.optimize(longRun(), {
    onProgress: (p) => {
      seen.push(p);
      if (p.done >= 500) job.cancel();
    },
  });
  const r = await job;
  assert.equal(r.stopped_early, true);
  assert.equal(r.stop_reason, 'cancelled');
  assert.ok(r.evaluations >= 500 && r.evaluations < 1000000, `evaluations ${r.evaluations}`);
  assert.ok(r.front.length > 0);
  assert.equal(seen[0].stage, 'evaluations');
  assert.equal(seen[0].total, 1000000);
  assert.ok(seen.every((p, i) => i === 0 || p.done >= seen[i - 1].done), 'progress only grows');
  assert.ok(typeof seen.at(-1).elapsedMs === 'number');
});

test('snapshots stream every evaluation once, and the last front is the result\'s', async () => {
  const snapshots = [];
  const r = await worker.optimize({ ...longRun({ evaluations: 3000 }), return: 'all' },
    { onProgress: (p) => { if (p.snapshot) snapshots.push(p.snapshot); } });
  // The first snapshot comes after one evaluation, so a page draws a point at once.
  assert.equal(snapshots[0].evaluations, 1);
  assert.deepEqual(snapshots[0].objectives, ['f1', 'f2']);
  const streamed = snapshots.flatMap((s) => s.points);
  assert.equal(streamed.length, 3000);
  streamed.forEach((p, i) => {
    assert.equal(p.index, i);
    assert.deepEqual(p.values, r.evaluated[i].values);
  });
  const last = snapshots.at(-1);
  assert.equal(last.evaluations, 3000);
  assert.deepEqual(last.front.map((e) => e.index), r.front.map((e) => e.index));
});

test('a page without shared memory keeps the last snapshot\'s front when it cancels', async () => {
  const hard = new GreenfrontWorker({ interrupt: 'terminate', progressIntervalMs: 0 });
  try {
    let last = null;
    const job = hard.optimize(longRun(), { onProgress: (p) => {
      if (p.snapshot) last = p.snapshot;
      if (last && last.evaluations > 1) job.cancel();
    } });
    await rejectsWith(job, 'cancelled');
    assert.ok(last.front.length > 0 && last.front.every((e) => e.index < last.evaluations));
  } finally {
    hard.terminate();
  }
});

test('a time budget ends a run with its partial result, marked', async () => {
  const started = Date.now();
  const r = await worker.optimize(longRun({ seconds: 0.3 }));
  assert.equal(r.stopped_early, true);
  assert.equal(r.stop_reason, 'time');
  assert.ok(r.evaluations > 0 && r.evaluations < 1000000);
  assert.ok(Date.now() - started < 10000);
});

test('an evaluation budget ends a run where it says', async () => {
  const r = await worker.optimize(longRun({ evaluations: 400 }));
  assert.equal(r.evaluations, 400);
  assert.equal(r.stop_reason, 'evaluations');
});

test('an AbortSignal cancels, and a queued job is dropped before it starts', async () => {
  const controller = new AbortController();
  const running = worker.optimize(longRun(), { signal: controller.signal,
    onProgress: (p) => { if (p.done >= 200) controller.abort(); } });
  const queued = worker.estimate({ schema_version: 1, training: { hours: 1 } });
  queued.cancel();
  await rejectsWith(queued, 'cancelled');
  assert.equal((await running).stop_reason, 'cancelled');
});

test('without shared memory, cancel terminates the worker and the next job gets a new one', async () => {
  const hard = new GreenfrontWorker({ interrupt: 'terminate', progressIntervalMs: 0 });
  try {
    const job = hard.optimize(longRun(), { onProgress: (p) => { if (p.done >= 200) job.cancel(); } });
    await rejectsWith(job, 'cancelled');
    assert.equal(hard.restarts, 1);
    const r = await hard.optimize(longRun({ evaluations: 100 }));
    assert.equal(r.evaluations, 100);
  } finally {
    hard.terminate();
  }
});

test('the watchdog terminates a run past timeoutMs, and the worker comes back', async () => {
  const job = worker.optimize(longRun(), { timeoutMs: 300 });
  await rejectsWith(job, 'timeout');
  const r = await worker.optimize(longRun({ evaluations: 100 }));
  assert.equal(r.evaluations, 100);
});

test('a worker that dies mid-run is replaced', async () => {
  const before = worker.restarts;
  let crashed = false;
  const job = worker.optimize(longRun(), {
    onProgress: (p) => {
      if (p.done >= 100 && !crashed) {
        crashed = true;
        worker.worker.then((w) => w.terminate());  // simulate a crash
      }
    },
  });
  await rejectsWith(job, 'worker.crashed');
  assert.equal(worker.restarts, before + 1);
  const r = await worker.estimate({ schema_version: 1, training: { hardware: 'nvidia-t4', hours: 1 } });
  assert.equal(r.ok, true);
});
