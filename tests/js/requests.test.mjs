// The request examples (examples/pareto/*.json, examples/compare/*.json) through the wasm module: each must
// succeed and equal the native CLI's result (build/native/golden-out/<folder>-*.json, written
// by script/golden-native.mjs) number for number. These exercise the GP fit, the EHVI and
// qNEHVI acquisitions, NSGA-II and the hypervolume code, so a difference in any last bit
// between native and wasm arithmetic shows here.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';

import { compareJson, loadRequestExamples, repoRoot } from './golden_cases.mjs';
import { load, pareto, GreenfrontError } from '../../wasm/greenfront.js';

const wasmDir = path.resolve(process.env.GREENFRONT_WASM_DIR ?? path.join(repoRoot, 'build/wasm/wasm'));
const nativeDir = path.resolve(process.env.GREENFRONT_NATIVE_OUT ?? path.join(repoRoot, 'build/native/golden-out'));
const requireNative = process.env.GREENFRONT_REQUIRE_NATIVE === '1';

let mod;
before(async () => {
  mod = await load({ baseUrl: wasmDir });
});

const examples = loadRequestExamples();

test('there are request examples of every kind', () => {
  const kinds = new Set(examples.map((e) => e.request));
  for (const kind of ['pareto', 'optimize', 'suggest', 'compare']) assert.ok(kinds.has(kind), kind);
});

for (const example of examples) {
  test(`${example.file} gives the native result in wasm`, (t) => {
    const text = mod.handle(example.text);
    const result = JSON.parse(text);
    assert.equal(result.ok, true, JSON.stringify(result.errors));
    const nativeFile = path.join(nativeDir, `${example.id}.json`);
    if (!existsSync(nativeFile)) {
      if (requireNative) assert.fail(`missing native result ${nativeFile}`);
      t.skip('no native result');
      return;
    }
    const nativeText = readFileSync(nativeFile, 'utf8').trimEnd();
    const { mismatches, inexact } = compareJson(result, JSON.parse(nativeText));
    assert.deepEqual(mismatches, [], mismatches.slice(0, 10).join('\n'));
    assert.deepEqual(inexact, [], `not bit-identical:\n${inexact.slice(0, 10).join('\n')}`);
    assert.equal(text, nativeText, 'the wasm response text differs from the native one');
  });
}

test('the JS wrapper throws GreenfrontError for a bad Pareto request', () => {
  assert.throws(() => pareto({ points: [[1, 2], [3]] }), (err) => {
    assert.ok(err instanceof GreenfrontError);
    assert.equal(err.code, 'input.wrong_length');
    assert.equal(err.path, 'points[1]');
    return true;
  });
});
