// Bad input through the wasm module: every call answers ok:false with coded errors (never
// an exception, never an abort) and the module keeps working afterwards.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, test } from 'node:test';

import { repoRoot } from './golden_cases.mjs';
import { estimate, GreenfrontError, load, validate } from '../../wasm/greenfront.js';

const wasmDir = path.resolve(process.env.GREENFRONT_WASM_DIR ?? path.join(repoRoot, 'build/wasm/wasm'));

// A valid scenario using only built-in defaults (docs/schema.md).
const GOOD = { schema_version: 1, training: { hardware: { tdp_w: 300 }, device_count: 8, hours: 100 } };

const BAD_TEXTS = [
  '', '{', 'null', '[]', '"text"', '42', '{"schema_version": 1}', '{"schema_version": 2, "training": {"hours": 1}}',
  '{"schema_version": 1, "training": {"hours": -5}}', '{"schema_version": 1, "training": {"hours": "ten"}}',
  '{"schema_version": 1, "trainnig": {"hours": 1}}', '{"schema_version": 1, "training": {"hours": 1e999}}',
  '\u0000\u00ff\ud800', `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"schema_version": 1, "name": "${'x'.repeat(1 << 20)}", "training": {"hours": -1}}`,
];

let mod;
before(async () => {
  mod = await load({ baseUrl: wasmDir });
});

test('load() is memoized', async () => {
  assert.equal(await load(), mod);
});

test('the module exports estimate, validate, catalog, handle', () => {
  for (const fn of ['estimate', 'validate', 'catalog', 'handle']) assert.equal(typeof mod[fn], 'function', fn);
});

test('bad input returns ok:false with coded errors and the module keeps working', () => {
  const before = mod.estimate(JSON.stringify(GOOD));
  for (const text of BAD_TEXTS) {
    for (const fn of ['estimate', 'validate', 'handle']) {
      const label = `${fn}(${JSON.stringify(text.slice(0, 60))})`;
      const out = JSON.parse(mod[fn](text));
      assert.equal(out.ok, false, label);
      assert.ok(Array.isArray(out.errors) && out.errors.length > 0, `${label}: errors`);
      for (const e of out.errors) {
        assert.equal(typeof e.code, 'string', `${label}: code`);
        assert.equal(typeof e.path, 'string', `${label}: path`);
        assert.equal(typeof e.message, 'string', `${label}: message`);
      }
    }
  }
  assert.equal(JSON.parse(mod.catalog('no-such-kind', '')).ok, false);
  assert.equal(mod.estimate(JSON.stringify(GOOD)), before, 'same answer after the bad inputs');
});

test('the JS wrapper throws GreenfrontError with code, path and errors', () => {
  assert.throws(() => estimate({ schema_version: 1, training: { hours: -5 } }), (err) => {
    assert.ok(err instanceof GreenfrontError);
    assert.ok(err instanceof Error);
    assert.equal(typeof err.code, 'string');
    assert.equal(typeof err.path, 'string');
    assert.ok(err.errors.length >= 1);
    return true;
  });
  assert.throws(() => validate({}), GreenfrontError);
  const result = estimate(GOOD);
  assert.equal(result.ok, true);
});

// The native suite's table (tests/bad_inputs.json, checked by tests/unit/bad_input_test.cpp)
// through the JS API: the same {code, path} pairs, counted with duplicates, and each
// message "[code] ...". Scenarios go in as objects (as a page would pass them), raw texts
// through the module; a known-good estimate after every case must not change.
test('every case of the native bad-input table gives the same codes and paths in JS', () => {
  const table = JSON.parse(readFileSync(path.join(repoRoot, 'tests/bad_inputs.json'), 'utf8'));
  assert.ok(table.length >= 70, `only ${table.length} cases`);
  const good = JSON.stringify(estimate(GOOD));
  const key = (e) => `${e.code} @ "${e.path}"`;
  for (const c of table) {
    let errors;
    if (c.text !== undefined) {
      const out = JSON.parse(mod.estimate(c.text));
      assert.equal(out.ok, false, c.name);
      errors = out.errors;
    } else {
      try {
        estimate(c.scenario);
        assert.fail(`${c.name}: accepted`);
      } catch (err) {
        assert.ok(err instanceof GreenfrontError, `${c.name}: ${err}`);
        assert.equal(err.code, err.errors[0].code);
        assert.equal(err.path, err.errors[0].path);
        errors = err.errors;
      }
    }
    assert.deepEqual(errors.map(key).sort(), c.errors.map(key).sort(), c.name);
    for (const e of errors) assert.ok(e.message.startsWith(`[${e.code}] `), `${c.name}: ${e.message}`);
    assert.equal(JSON.stringify(estimate(GOOD)), good, `${c.name}: the module answers the same afterwards`);
  }
});
