// The JS API of wasm/greenfront.js beyond single estimates: compare, the typed-array fast
// paths, progress callbacks, and that the module answers correctly after any error.
import assert from 'node:assert/strict';
import path from 'node:path';
import { before, test } from 'node:test';

import { repoRoot } from './golden_cases.mjs';
import {
  compare, estimate, GreenfrontError, handle, hypervolume, hypervolumeOf, load, optimize, pareto,
  paretoFront, paretoRanks, rawModule,
} from '../../wasm/greenfront.js';

const wasmDir = path.resolve(process.env.GREENFRONT_WASM_DIR ?? path.join(repoRoot, 'build/wasm/wasm'));

before(async () => {
  await load({ baseUrl: wasmDir });
});

/** One V100 at 1000 W for `hours` on a grid of `intensity` g/kWh: hours × intensity / 1000 kg. */
function training(hours, intensity) {
  return { schema_version: 1, training: { hardware: 'nvidia-v100-sxm2', device_count: 1, hours,
    average_power_w: 1000, pue: 1, intensity_g_per_kwh: intensity } };
}

/** A seeded xorshift32 in [0, 1): the same points on every run. */
function randomPoints(n, d, seed) {
  let x = seed >>> 0 || 1;
  const out = new Float64Array(n * d);
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    out[i] = x / 2 ** 32;
  }
  return out;
}

function rows(points, d) {
  const out = [];
  for (let i = 0; i < points.length; i += d) out.push(Array.from(points.subarray(i, i + d)));
  return out;
}

test('compare ranks scenarios and equals estimate for each', () => {
  // 100 h × 500 g = 50 kg; 100 h × 200 g = 20 kg.
  const a = training(100, 500);
  const b = training(100, 200);
  const r = compare({ metric: 'operational_location', scenarios: [{ name: 'A', scenario: a }, { name: 'B', scenario: b }] });
  assert.equal(r.best.name, 'B');
  assert.deepEqual(r.ranking, [1, 0]);
  assert.ok(Math.abs(r.scenarios[0].delta_vs_best_kg - 30) < 1e-9);
  const alone = estimate(b);
  delete alone.ok;
  assert.deepEqual(r.scenarios[1].result, alone);
  assert.equal(handle({ request: 'compare', scenarios: [{ scenario: a }, { scenario: b }] }).best.index, 1);
});

test('compare errors carry the scenario path', () => {
  const bad = training(-1, 500);
  assert.throws(() => compare({ scenarios: [{ scenario: training(1, 1) }, { scenario: bad }] }), (err) => {
    assert.ok(err instanceof GreenfrontError);
    assert.equal(err.code, 'input.out_of_range');
    assert.equal(err.path, 'scenarios[1].scenario.training.hours');
    return true;
  });
});

test('paretoFront, paretoRanks and hypervolumeOf equal the JSON requests on random points', () => {
  for (const [n, d, seed] of [[500, 2, 1], [400, 3, 2], [200, 4, 3], [50, 6, 4]]) {
    const points = randomPoints(n, d, seed);
    const senses = Array.from({ length: d }, (_, k) => (k % 2 ? 'max' : 'min'));
    const objectives = senses.map((s, k) => ({ name: `f${k}`, sense: s === 'max' ? 'maximize' : 'minimize' }));
    const reference = senses.map((s) => (s === 'max' ? -0.1 : 1.1));
    const viaJson = pareto({ objectives, points: rows(points, d), ranks: true,
      reference_point: d <= 8 ? reference : undefined });
    const front = paretoFront(points, d, { senses });
    assert.ok(front instanceof Uint32Array);
    assert.deepEqual(Array.from(front), viaJson.front_indices, `front n=${n} d=${d}`);
    assert.deepEqual(Array.from(paretoRanks(points, d, { senses })), viaJson.ranks, `ranks n=${n} d=${d}`);
    const hv = hypervolumeOf(points, d, reference, { senses });
    assert.equal(hv, hypervolume({ objectives, points: rows(points, d), reference_point: reference }).hypervolume);
  }
  // Hand-checked: (1,3) (2,2) (3,1) against (4,4): 3 + 2 + 1 = 6 unit boxes.
  assert.equal(hypervolumeOf([1, 3, 2, 2, 3, 1], 2, [4, 4]), 6);
});

test('the typed-array paths handle 10^5 points', () => {
  const points = randomPoints(100000, 2, 9);
  const front = paretoFront(points, 2);
  // Every front point is non-dominated by every other point (checked by a sweep).
  const order = Array.from(front).sort((i, j) => points[2 * i] - points[2 * j]);
  for (let k = 1; k < order.length; k++) {
    assert.ok(points[2 * order[k] + 1] < points[2 * order[k - 1] + 1], 'front is a staircase');
  }
  assert.ok(hypervolumeOf(points, 2, [1, 1]) > 0.99);
});

test('bad typed-array input throws GreenfrontError with the cell path', () => {
  const cases = [
    [() => paretoFront(new Float64Array([1, 2, 3, NaN]), 2), 'input.not_finite', 'points[1][1]'],
    [() => paretoFront(new Float64Array([1, 2, 3]), 2), 'input.wrong_length', 'points'],
    [() => paretoFront(new Float64Array([1, 2]), 0), 'input.out_of_range', 'dimensions'],
    [() => paretoFront(new Float64Array([1, 2]), 1.5), 'input.wrong_type', 'dimensions'],
    [() => paretoFront('1,2', 2), 'input.wrong_type', 'points'],
    [() => paretoFront([1, 2], 2, { senses: ['min', 'up'] }), 'input.invalid_value', 'senses[1]'],
    [() => paretoFront([1, 2], 2, { senses: ['min'] }), 'input.wrong_length', 'senses'],
    [() => hypervolumeOf([1, 2], 2, [3]), 'input.wrong_length', 'reference_point'],
    [() => hypervolumeOf([1, 2], 2, [3, Infinity]), 'input.not_finite', 'reference_point[1]'],
    [() => hypervolumeOf(new Float64Array(9), 9, new Float64Array(9)), 'input.out_of_range', 'dimensions'],
  ];
  for (const [run, code, where] of cases) {
    assert.throws(run, (err) => {
      assert.ok(err instanceof GreenfrontError, String(err));
      assert.equal(err.code, code);
      assert.equal(err.path, where);
      return true;
    });
  }
  assert.deepEqual(Array.from(paretoFront([2, 2, 1, 1], 2)), [1]);  // still answers
});

test('optimize reports progress and stops when onProgress returns false', () => {
  const seen = [];
  const r = optimize({ problem: { name: 'zdt1', variables: 5 }, algorithm: 'nsga2', budget: { evaluations: 2000 } }, {
    onProgress: (p) => {
      seen.push(p);
      return p.done < 300;
    },
  });
  assert.equal(r.stopped_early, true);
  assert.equal(r.stop_reason, 'cancelled');
  assert.equal(r.evaluations, 300);
  assert.equal(seen[0].stage, 'evaluations');
  assert.equal(seen[0].total, 2000);
  assert.ok(r.front.length > 0, 'the partial front is returned');
});

test('optimize hands snapshots of the growing front to onProgress', () => {
  const snapshots = [];
  const r = optimize({ problem: { name: 'zdt2', variables: 4 }, algorithm: 'random',
    budget: { evaluations: 500 }, seed: 9 }, { onProgress: (p) => { if (p.snapshot) snapshots.push(p.snapshot); } });
  assert.equal(snapshots[0].evaluations, 1);
  assert.equal(snapshots.flatMap((s) => s.points).length, 500);
  assert.deepEqual(snapshots.at(-1).front.map((e) => e.index), r.front.map((e) => e.index));
});

test('an exception in onProgress stops the run, is rethrown, and the module keeps working', () => {
  const boom = new Error('progress handler failed');
  assert.throws(() => optimize({ problem: { name: 'zdt1' }, budget: { evaluations: 500 } }, {
    onProgress: () => { throw boom; },
  }), (err) => err === boom);
  assert.equal(rawModule() !== null, true);
  const r = optimize({ problem: { name: 'zdt1' }, budget: { evaluations: 200 } });
  assert.equal(r.stop_reason, 'evaluations');
});

test('the module answers correctly after every kind of error', () => {
  const before = estimate(training(10, 300)).total.co2e_kg.operational_location;
  assert.ok(Math.abs(before - 3) < 1e-12);  // 10 h × 1 kW × 300 g = 3 kg
  const bad = ['{', '[]', '{"schema_version": 1}', '{"schema_version": 1, "training": {"hours": 1e400}}'];
  for (const text of bad) assert.equal(JSON.parse(rawModule().estimate(text)).ok, false, text);
  assert.throws(() => estimate({ schema_version: 1 }), GreenfrontError);
  assert.throws(() => handle({ request: 'estimate' }), GreenfrontError);
  assert.throws(() => optimize({ problem: { name: 'nope' } }), GreenfrontError);
  assert.throws(() => paretoFront([NaN], 1), GreenfrontError);
  assert.equal(estimate(training(10, 300)).total.co2e_kg.operational_location, before);
});

test('a failed instance gives internal.aborted, and a fresh one is started for the next call', async () => {
  // The wasm build has no exception support: a defect aborts the instance (a WebAssembly
  // RuntimeError in JS). Stand in for one by making this instance's estimate trap.
  const failing = rawModule();
  failing.estimate = () => { throw new WebAssembly.RuntimeError('unreachable'); };
  assert.throws(() => estimate(training(10, 300)), (err) => err instanceof GreenfrontError &&
    err.code === 'internal.aborted' && /fresh one is starting/.test(err.message));
  assert.equal(rawModule(), null);
  assert.throws(() => estimate(training(10, 300)), /fresh instance is starting/);
  const fresh = await load();
  assert.notEqual(fresh, failing);
  // 10 h × 1 kW × 300 g/kWh = 3 kg, from the new instance.
  assert.ok(Math.abs(estimate(training(10, 300)).total.co2e_kg.operational_location - 3) < 1e-12);
});
