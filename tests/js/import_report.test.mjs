// CodeCarbon import and the report through the wasm module, against the native CLI
// (build/native/golden-out, written by script/golden-native.mjs): the same bytes in give the
// same response text, byte for byte, for every fixture file (the bad ones included) and for
// every preset's report. The file goes in as bytes, as the page reads a dropped file, so the
// Latin-1 fixture keeps its 0xEE.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';

import { codecarbonFiles, presetFiles, repoRoot } from './golden_cases.mjs';
import { GreenfrontError, importCodecarbon, load, report } from '../../wasm/greenfront.js';

const wasmDir = path.resolve(process.env.GREENFRONT_WASM_DIR ?? path.join(repoRoot, 'build/wasm/wasm'));
const nativeDir = path.resolve(process.env.GREENFRONT_NATIVE_OUT ?? path.join(repoRoot, 'build/native/golden-out'));
const requireNative = process.env.GREENFRONT_REQUIRE_NATIVE === '1';

let mod;
before(async () => {
  mod = await load({ baseUrl: wasmDir });
});

function nativeText(t, name) {
  const file = path.join(nativeDir, `${name}.json`);
  if (!existsSync(file)) {
    if (requireNative) assert.fail(`${file} is missing: run script/golden-native.mjs`);
    t.skip(`no native result ${file}`);
    return null;
  }
  return readFileSync(file, 'utf8').replace(/\n$/, '');
}

describe('import-codecarbon: wasm answers as the native CLI', () => {
  for (const { name, file, bad } of codecarbonFiles()) {
    test(`${path.relative(repoRoot, file)}`, (t) => {
      const bytes = new Uint8Array(readFileSync(file));
      const text = mod.importCodecarbonBytes(bytes, '{}');
      assert.equal(JSON.parse(text).ok, !bad);
      const native = nativeText(t, `import-${name}`);
      if (native !== null) assert.equal(text, native);
    });
  }
});

describe('report: wasm answers as the native CLI', () => {
  for (const { id, file } of presetFiles()) {
    test(`preset ${id}`, (t) => {
      const scenario = JSON.parse(readFileSync(file, 'utf8'));
      const text = mod.report(JSON.stringify({ scenario }));
      assert.equal(JSON.parse(text).ok, true);
      const native = nativeText(t, `report-${id}`);
      if (native !== null) assert.equal(text, native);
    });
  }
});

test('importCodecarbon takes text, bytes or an ArrayBuffer, and the result feeds report', () => {
  const file = path.join(repoRoot, 'tests/data/codecarbon/v2_7.csv');
  const bytes = readFileSync(file);
  const fromText = importCodecarbon(bytes.toString('utf8'), { phase: 'training' });
  const fromBytes = importCodecarbon(new Uint8Array(bytes));
  const fromBuffer = importCodecarbon(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  assert.deepEqual(fromBytes, fromText);
  assert.deepEqual(fromBuffer, fromText);
  const card = report({ scenario: fromText.scenario, training_type: 'fine-tuning' });
  // The card's grams are the training phase's operational, location-based kg × 1000
  // (docs/schema.md, "Report"), taken from the estimate in the same response.
  const training = card.estimate.phases.find((p) => p.phase === 'training');
  const grams = training.co2e_kg.operational_location * 1000;
  const cardGrams = card.model_card.co2_eq_emissions.emissions;
  assert.ok(Math.abs(cardGrams - grams) <= 1e-12 * grams, `${cardGrams} g vs ${grams} g`);
  assert.match(card.model_card_yaml, /co2_eq_emissions:/);
  assert.doesNotMatch(card.model_card_yaml, /\de-\d/);
});

test('a bad file is a GreenfrontError with the code and path, and the module keeps working', () => {
  const bad = path.join(repoRoot, 'tests/data/codecarbon/bad/unterminated_quote.csv');
  assert.throws(() => importCodecarbon(new Uint8Array(readFileSync(bad))), (err) => {
    assert.ok(err instanceof GreenfrontError);
    assert.equal(err.code, 'import.unterminated_quote');
    assert.match(err.path, /^csv\.row\[\d+\]$/);
    return true;
  });
  assert.throws(() => importCodecarbon(42), TypeError);
  assert.equal(importCodecarbon(readFileSync(path.join(repoRoot, 'tests/data/codecarbon/task.csv'))).ok, true);
});
