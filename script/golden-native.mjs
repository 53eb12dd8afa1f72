#!/usr/bin/env node
// Runs the native CLI on every golden scenario and Pareto example and saves each result for the wasm
// comparison in tests/js/golden.test.mjs:
//   node script/golden-native.mjs [CLI] [OUT_DIR]
// defaults: build/native/cli/greenfront, build/native/golden-out. Writes <id>[.<name>].json:
// the CLI's --format compact, i.e. the core's response text byte for byte.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  codecarbonFiles, loadGoldenCases, loadRequestExamples, presetFiles, repoRoot,
} from '../tests/js/golden_cases.mjs';

const cli = path.resolve(process.argv[2] ?? path.join(repoRoot, 'build/native/cli/greenfront'));
const outDir = path.resolve(process.argv[3] ?? path.join(repoRoot, 'build/native/golden-out'));
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let count = 0;
const failures = [];
for (const testCase of loadGoldenCases()) {
  for (const { key, scenario } of testCase.scenarios) {
    const run = spawnSync(cli, ['estimate', '-', '--format', 'compact'], {
      input: JSON.stringify(scenario), encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.error) throw run.error;
    let firstError = '';
    try {
      const result = JSON.parse(run.stdout);  // must be one JSON document
      writeFileSync(path.join(outDir, `${key}.json`), run.stdout);
      count += 1;
      firstError = result.errors?.[0]?.message ?? '';
    } catch {
      firstError = `not JSON: ${run.stdout.slice(0, 200)} ${run.stderr.trim()}`;
    }
    if (run.status !== 0) {
      failures.push(`${testCase.file} (${key}): exit ${run.status}: ${firstError}`);
    }
  }
}
// The request examples (Pareto, compare), through the CLI command each one names.
for (const example of loadRequestExamples()) {
  const run = spawnSync(cli, [example.request, '-', '--quiet', '--format', 'compact'], {
    input: example.text, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) throw run.error;
  writeFileSync(path.join(outDir, `${example.id}.json`), run.stdout);
  count += 1;
  if (run.status !== 0) failures.push(`${example.file}: exit ${run.status}: ${run.stderr.trim()}`);
}
// CodeCarbon files (good and bad) through import-codecarbon, and every preset through report:
// import-<file>.json and report-<preset>.json (tests/js/import_report.test.mjs).
for (const { name, file, bad } of codecarbonFiles()) {
  const run = spawnSync(cli, ['import-codecarbon', file, '--format', 'compact'], {
    encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) throw run.error;
  writeFileSync(path.join(outDir, `import-${name}.json`), run.stdout);
  count += 1;
  if (run.status !== (bad ? 1 : 0)) failures.push(`${file}: exit ${run.status}: ${run.stderr.trim()}`);
}
for (const { id, file } of presetFiles()) {
  const run = spawnSync(cli, ['report', file, '--format', 'compact'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.error) throw run.error;
  writeFileSync(path.join(outDir, `report-${id}.json`), run.stdout);
  count += 1;
  if (run.status !== 0) failures.push(`${file}: report exit ${run.status}: ${run.stderr.trim()}`);
}
console.log(`golden-native: ${count} results in ${path.relative(process.cwd(), outDir) || '.'}`);
if (failures.length > 0) {
  console.error(`golden-native: ${failures.length} scenario(s) failed:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
