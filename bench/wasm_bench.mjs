#!/usr/bin/env node
// The measured goals of the wasm package (issue 6), printed, never asserted:
//   1. size: greenfront_wasm.wasm + greenfront_wasm.js, gzip -9 (goal <= 300 KB in total);
//   2. cold start: a fresh Node process imports greenfront.js, loads the module and answers
//      a first estimate (goal < 200 ms; median of 5 processes);
//   3. speed: a whole-lifecycle estimate with 10,000 Monte-Carlo samples
//      (bench/scenarios/lifecycle-mc10k.json) in wasm against the native build, both timed
//      in this run (the native side is bench/estimate_bench), goal <= 1.5x; the median
//      ratio of interleaved rounds (--rounds, default 5, of --repeat runs each);
//   4. the typed-array front against the same front through a JSON request (10^5 points).
//
//   node bench/wasm_bench.mjs [--package DIR] [--native PATH] [--repeat N] [--rounds N]
// Defaults: build/wasm/package and build/native/bench/estimate_bench.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const packageDir = path.resolve(arg('--package', path.join(repoRoot, 'build/wasm/package')));
const nativeBench = path.resolve(arg('--native', path.join(repoRoot, 'build/native/bench/estimate_bench')));
const repeat = Number(arg('--repeat', 15));
const scenarioFile = path.join(repoRoot, 'bench/scenarios/lifecycle-mc10k.json');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

// 1. Size.
let total = 0;
for (const file of ['greenfront_wasm.wasm', 'greenfront_wasm.js', 'greenfront.js']) {
  const bytes = readFileSync(path.join(packageDir, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  if (file !== 'greenfront.js') total += gz;
  console.log(`size  ${file.padEnd(22)} ${kb(bytes.length).padStart(10)} raw ${kb(gz).padStart(9)} gzip -9`);
}
console.log(`size  wasm + glue, gzip -9: ${kb(total)} (goal <= 300 KB: ${total <= 300000 ? 'met' : 'NOT met'})`);

// 2. Cold start, in fresh processes (no code cache).
const probe = `
  const t0 = performance.now();
  const gf = await import(${JSON.stringify(pathToFileURL(path.join(packageDir, 'greenfront.js')).href)});
  await gf.load();
  const r = gf.estimate({ schema_version: 1, training: { hardware: 'nvidia-a100-sxm4-40gb', device_count: 8, hours: 72 } });
  if (!r.ok) process.exit(1);
  console.log(performance.now() - t0);`;
const starts = [];
for (let i = 0; i < 5; i++) {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cold-start probe failed: ${run.stderr}`);
  starts.push(Number(run.stdout.trim()));
}
console.log(`load  import + load() + first estimate, fresh node: median ${median(starts).toFixed(1)} ms of 5 ` +
  `(${starts.map((s) => s.toFixed(0)).join(', ')}) (goal < 200 ms: ${median(starts) < 200 ? 'met' : 'NOT met'})`);

// 3. Monte-Carlo estimate, wasm vs native, same scenario, same run. In rounds: each round
// times `repeat` native runs (a fresh estimate_bench process) and then `repeat` wasm runs,
// and gives one ratio of medians; the figure is the median over the rounds. One pair of
// medians moved by 30 % between runs on a shared 2-core machine; interleaved rounds put
// both sides under the same conditions and the spread is printed with the figure.
const gf = await import(pathToFileURL(path.join(packageDir, 'greenfront.js')).href);
const raw = await gf.load();
const text = readFileSync(scenarioFile, 'utf8');
const first = JSON.parse(raw.estimate(text));
if (!first.ok) throw new Error(`benchmark scenario rejected: ${JSON.stringify(first.errors)}`);
for (let i = 0; i < 10; i++) raw.estimate(text);  // V8 tiers hot wasm up in the background
const rounds = Number(arg('--rounds', 5));
const wasmMedians = [];
const nativeMedians = [];
const ratios = [];
for (let round = 0; round < rounds; round++) {
  const native = spawnSync(nativeBench, [scenarioFile, '--repeat', String(repeat)], { encoding: 'utf8' });
  if (native.status !== 0) throw new Error(`${nativeBench} failed: ${native.stderr || native.error}`);
  const nativeMs = JSON.parse(native.stdout).median_ms;
  const wasmMs = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    raw.estimate(text);
    wasmMs.push(performance.now() - t);
  }
  wasmMedians.push(median(wasmMs));
  nativeMedians.push(nativeMs);
  ratios.push(median(wasmMs) / nativeMs);
}
const ratio = median(ratios);
console.log(`mc    lifecycle estimate, ${first.uncertainty.samples} samples, ${rounds} rounds of ${repeat}: ` +
  `wasm median ${median(wasmMedians).toFixed(1)} ms, native median ${median(nativeMedians).toFixed(1)} ms, ` +
  `ratio ${ratio.toFixed(2)}x (rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}) ` +
  `(goal <= 1.5x: ${ratio <= 1.5 ? 'met' : 'NOT met'})`);

// 4. Typed arrays against JSON for a 10^5-point front.
const n = 100000;
const points = new Float64Array(2 * n);
let x = 12345;
for (let i = 0; i < points.length; i++) {
  x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
  points[i] = x / 2 ** 32;
}
let t = performance.now();
const front = gf.paretoFront(points, 2);
const typedMs = performance.now() - t;
const rows = [];
for (let i = 0; i < n; i++) rows.push([points[2 * i], points[2 * i + 1]]);
t = performance.now();
const viaJson = gf.pareto({ points: rows });
const jsonMs = performance.now() - t;
if (viaJson.front_indices.length !== front.length) throw new Error('typed and JSON fronts differ');
console.log(`front 10^5 points, 2 objectives: Float64Array ${typedMs.toFixed(1)} ms, JSON request ${jsonMs.toFixed(1)} ms ` +
  `(${(jsonMs / typedMs).toFixed(0)}x)`);
