// Golden cases through the wasm module (node --test tests/js/):
// 1. every expectation of tests/golden/*.json holds for the wasm result;
// 2. the wasm result equals the native CLI's (build/native/golden-out, written by
//    script/golden-native.mjs) number for number: bit-identical is expected
//    (-ffp-contract=off, portable RNG); anything beyond relative 1e-12 fails.
// GREENFRONT_WASM_DIR: folder of greenfront_wasm.{js,wasm} (default build/wasm/wasm).
// GREENFRONT_NATIVE_OUT: native results (default build/native/golden-out); missing results
// are skipped unless GREENFRONT_REQUIRE_NATIVE=1 (script/test sets it).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test, before } from 'node:test';

import { checkExpectation, compareJson, loadGoldenCases, repoRoot } from './golden_cases.mjs';
import { load } from '../../wasm/greenfront.js';

const wasmDir = path.resolve(process.env.GREENFRONT_WASM_DIR ?? path.join(repoRoot, 'build/wasm/wasm'));
const nativeDir = path.resolve(process.env.GREENFRONT_NATIVE_OUT ?? path.join(repoRoot, 'build/native/golden-out'));
const requireNative = process.env.GREENFRONT_REQUIRE_NATIVE === '1';

const cases = loadGoldenCases();
let mod;

before(async () => {
  mod = await load({ baseUrl: wasmDir });
});

test('there are golden cases', () => {
  assert.ok(cases.length > 0, 'no tests/golden/*.json');
});

for (const testCase of cases) {
  describe(`golden ${testCase.id} (${testCase.file})`, () => {
    const results = {};
    const texts = {};

    before(() => {
      for (const { name, key, scenario } of testCase.scenarios) {
        texts[key] = mod.estimate(JSON.stringify(scenario));
        results[name ?? testCase.id] = JSON.parse(texts[key]);
      }
    });

    test('wasm estimate is ok', () => {
      for (const { name, key } of testCase.scenarios) {
        const result = results[name ?? testCase.id];
        assert.equal(result.ok, true, `${key}: ${JSON.stringify(result.errors)}`);
      }
    });

    test('expectations hold', () => {
      const failures = testCase.expect
        .map((e) => { try { return checkExpectation(results, testCase, e); } catch (err) { return `${e.path}: ${err.message}`; } })
        .filter((msg) => msg !== null);
      assert.deepEqual(failures, [], failures.join('\n'));
    });

    test('wasm equals native CLI', (t) => {
      for (const { name, key } of testCase.scenarios) {
        const file = path.join(nativeDir, `${key}.json`);
        if (!existsSync(file)) {
          if (requireNative) assert.fail(`missing native result ${file} (script/golden-native.mjs)`);
          t.skip(`no native result ${path.relative(repoRoot, file)}`);
          return;
        }
        const nativeText = readFileSync(file, 'utf8').trimEnd();
        const native = JSON.parse(nativeText);
        const { mismatches, inexact } = compareJson(results[name ?? testCase.id], native);
        assert.deepEqual(mismatches, [], `${key}:\n${mismatches.join('\n')}`);
        assert.deepEqual(inexact, [], `${key}: not bit-identical:\n${inexact.join('\n')}`);
        // Determinism (issue 8): the same request gives the same bytes natively and in wasm
        // (seeded portable RNG, -ffp-contract=off, stable ordering, one number formatter).
        assert.equal(texts[key], nativeText, `${key}: the wasm response text differs from the native one`);
      }
    });
  });
}
