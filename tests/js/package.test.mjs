// The assembled package folder (build/wasm/package, GREENFRONT_PACKAGE_DIR) works as it is:
// every file package.json names exists, and a project that installs it resolves
// "greenfront" and "greenfront/worker" through the exports map and gets an answer with
// the .wasm found next to the module (no baseUrl).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { repoRoot } from './golden_cases.mjs';

const packageDir = path.resolve(process.env.GREENFRONT_PACKAGE_DIR ?? path.join(repoRoot, 'build/wasm/package'));
const manifest = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));

function targets(node) {
  if (typeof node === 'string') return [node];
  return Object.values(node).flatMap(targets);
}

test('every file the package names is in the folder', () => {
  const named = new Set([...manifest.files, manifest.main, manifest.types, ...targets(manifest.exports)]);
  for (const file of named) assert.ok(existsSync(path.join(packageDir, file)), `missing ${file}`);
  assert.equal(manifest.type, 'module');
});

test('an installed copy resolves through the exports map and answers', () => {
  const project = mkdtempSync(path.join(os.tmpdir(), 'greenfront-consumer-'));
  try {
    mkdirSync(path.join(project, 'node_modules'));
    symlinkSync(packageDir, path.join(project, 'node_modules', 'greenfront'), 'dir');
    writeFileSync(path.join(project, 'main.mjs'), `
      import { load, estimate, paretoFront } from 'greenfront';
      import { GreenfrontWorker } from 'greenfront/worker';
      await load();
      // 8 devices x 10 h x 1000 W x PUE 1 x 250 g/kWh = 20 kg.
      const scenario = { schema_version: 1, training: { hardware: 'nvidia-v100-sxm2', device_count: 8,
        hours: 10, average_power_w: 1000, pue: 1, intensity_g_per_kwh: 250 } };
      const direct = estimate(scenario).total.co2e_kg.operational_location;
      const worker = new GreenfrontWorker();
      const viaWorker = (await worker.estimate(scenario)).total.co2e_kg.operational_location;
      worker.terminate();
      console.log(JSON.stringify({ direct, viaWorker, front: Array.from(paretoFront([1, 2, 2, 1, 3, 3], 2)) }));
    `);
    const run = spawnSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8', timeout: 60000 });
    assert.equal(run.status, 0, run.stderr);
    const out = JSON.parse(run.stdout);
    assert.ok(Math.abs(out.direct - 20) < 1e-12, String(out.direct));
    assert.equal(out.viaWorker, out.direct);
    assert.deepEqual(out.front, [0, 1]);
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
