// For every preset, the figures on the Estimate page equal the native CLI's for the same
// file (`greenfront estimate FILE --format compact`), to the last bit: the page puts
// String(number) of each figure in data-value.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, assertClean, cli, cliMissing, figures, scenarioFromUrl, startSession } from './harness.mjs';

const PRESET_DIR = path.join(ROOT, 'examples/presets');
const index = JSON.parse(readFileSync(path.join(PRESET_DIR, 'index.json'), 'utf8'));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

// Which golden case (tests/golden) each reference preset reproduces.
const GOLDEN = {
  'bert-base-strubell-2019': ['bert-base-lbs', null],
  gpt3: ['gpt3', null],
  meena: ['meena', null],
  't5-11b': ['t5-11b', 'table4'],
  'evolved-transformer-nas': ['evolved-transformer-nas', null],
  'bloom-holistic': ['bloom-holistic', 'holistic'],
  'meta-rm1-lifecycle': ['meta-phase-split', null],
};

const CO2E_KEYS = ['operational_location', 'operational_market', 'embodied', 'total_location', 'total_market'];

/** Every figure the page must show for an estimate result, by data-path. */
export function expectedFigures(result) {
  const want = {};
  for (const key of CO2E_KEYS) want[`total.co2e_kg.${key}`] = result.total.co2e_kg[key];
  want['total.energy_kwh.facility'] = result.total.energy_kwh.facility;
  for (const phase of result.phases) {
    for (const key of CO2E_KEYS) want[`phases.${phase.phase}.co2e_kg.${key}`] = phase.co2e_kg[key];
    want[`phases.${phase.phase}.energy_kwh.facility`] = phase.energy_kwh.facility;
  }
  const band = result.uncertainty?.total?.co2e_kg?.total_location;
  if (band) for (const p of ['p5', 'p50', 'p95']) want[`uncertainty.total.co2e_kg.total_location.${p}`] = band[p];
  for (const eq of result.equivalences ?? []) want[`equivalences.${eq.id}`] = eq.value;
  return want;
}

let session;
before(async () => { session = await startSession(); });
after(async () => { await session?.close(); });

test('the index lists every preset file, and the reference presets are their golden scenarios', () => {
  const files = new Set(index.map((p) => p.file));
  assert.equal(files.size, index.length);
  for (const preset of index) {
    assert.ok(preset.id && preset.label && preset.file && preset.source, `incomplete index entry ${preset.id}`);
    const scenario = readJson(path.join(PRESET_DIR, preset.file));
    assert.equal(scenario.schema_version, 1);
    assert.equal(typeof scenario.name, 'string');
    const golden = GOLDEN[preset.id];
    if (!golden) continue;
    const gold = readJson(path.join(ROOT, 'tests/golden', `${golden[0]}.json`));
    assert.deepEqual(scenario, golden[1] ? gold.scenarios[golden[1]] : gold.scenario, preset.id);
  }
  assert.ok(index.some((p) => !GOLDEN[p.id]), 'a small custom model preset');
});

test('every preset: the page shows the native CLI figures', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const { page, log } = await session.open('#/estimate');
  for (const preset of index) {
    const file = path.join(PRESET_DIR, preset.file);
    const expected = cli('estimate', file);
    assert.equal(expected.ok, true, `${preset.file} is rejected by the CLI`);
    await page.selectOption('#preset', preset.id);
    await page.waitForFunction((name) => {
      const box = document.querySelector('#results');
      return box.dataset.state === 'ok' && box.dataset.resultFor === name;
    }, expected.name, { timeout: 10000 });
    const shown = await figures(page, '#results');
    const want = expectedFigures(expected);
    for (const [key, value] of Object.entries(want)) {
      assert.equal(shown[key], value, `${preset.id}: ${key}`);
    }
    assert.equal(await page.locator('#results tbody tr').count(), expected.phases.length, `${preset.id}: one row per phase`);
    // The URL now holds exactly the preset's scenario, and the form shows its values.
    assert.deepEqual(scenarioFromUrl(page.url()), readJson(file), `${preset.id}: URL state`);
    const training = readJson(file).training;
    if (typeof training?.hours === 'number') {
      assert.equal(await page.inputValue('#f-training-hours'), String(training.hours), `${preset.id}: hours field`);
    }
  }
  assertClean(log);
  await page.close();
});

test('a preset link (#/estimate?preset=ID) opens that preset', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const preset = index.find((p) => p.id === 'gpt3') ?? index[1];
  const expected = cli('estimate', path.join(PRESET_DIR, preset.file));
  const { page, log } = await session.open(`#/estimate?preset=${preset.id}`);
  assert.equal(await page.getAttribute('#results', 'data-result-for'), expected.name);
  const shown = await figures(page, '#results');
  assert.equal(shown['total.co2e_kg.total_location'], expected.total.co2e_kg.total_location);
  assert.equal(await page.inputValue('#preset'), preset.id);
  assert.match(page.url(), /#\/estimate\?s=/, 'the link is rewritten to the full state');
  assertClean(log);
  await page.close();
});
