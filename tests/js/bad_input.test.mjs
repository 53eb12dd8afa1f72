// Bad input through the wasm module: every call answers ok:false with coded errors (never
// an exception, never an abort) and the module keeps working afterwards.
import assert from 'node:assert/strict';
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
