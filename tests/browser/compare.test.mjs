// Compare: three regions (and a fourth column on other hardware) ranked by the core; the
// ranking, the figures and the verdict equal `greenfront compare FILE --format compact` on
// a request this test writes itself from the preset file.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, assertClean, cli, cliMissing, figures, settled, startSession } from './harness.mjs';

const index = JSON.parse(readFileSync(path.join(ROOT, 'examples/presets/index.json'), 'utf8'));
const base = JSON.parse(readFileSync(path.join(ROOT, 'examples/presets', index[0].file), 'utf8'));

// The page's documented column semantics (README, "The web calculator"): a region replaces
// the region, cloud region, fixed intensity and grid year of `defaults` and of every
// data-centre phase, and becomes defaults.region; hardware / hours replace the training
// phase's.
function inRegion(region, training = {}) {
  const scenario = structuredClone(base);
  for (const block of [scenario.defaults, scenario.training, scenario.inference]) {
    if (!block) continue;
    for (const key of ['region', 'cloud_region', 'intensity_g_per_kwh', 'grid_year']) delete block[key];
  }
  scenario.defaults = { ...scenario.defaults, region };
  Object.assign(scenario.training, training);
  return scenario;
}

const COLUMNS = [
  { name: 'France', region: 'FR' },
  { name: 'Germany', region: 'DE' },
  { name: 'Poland', region: 'PL' },
  { name: 'France, H100, 12 h', region: 'FR', hardware: 'nvidia-h100-sxm', hours: '12', training: { hardware: 'nvidia-h100-sxm', hours: 12 } },
];

let session;
let tmp;
before(async () => {
  session = await startSession();
  tmp = mkdtempSync(path.join(tmpdir(), 'greenfront-compare-'));
});
after(async () => {
  await session?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('Compare ranks three regions and another hardware, and names the best, as the CLI does', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const request = {
    schema_version: 1,
    metric: 'total_location',
    baseline: 0,
    scenarios: COLUMNS.map((c) => ({ name: c.name, scenario: inRegion(c.region, c.training) })),
  };
  const file = path.join(tmp, 'compare.json');
  writeFileSync(file, JSON.stringify(request));
  const expected = cli('compare', file);
  assert.equal(expected.ok, true);

  const { page, log } = await session.open('#/compare');
  await page.click('#add-column');
  assert.equal(await page.locator('#columns article').count(), 4);
  for (const [i, c] of COLUMNS.entries()) {
    await page.fill(`#c${i}-name`, c.name);
    await page.fill(`#c${i}-region`, c.region);
    await page.fill(`#c${i}-hardware`, c.hardware ?? '');
    await page.fill(`#c${i}-hours`, c.hours ?? '');
  }
  await settled(page);
  await page.waitForSelector('#compare-results[data-state="ok"]');

  const verdict = await page.textContent('#verdict');
  assert.ok(verdict.includes(expected.verdict), `verdict: ${verdict}`);
  assert.equal(Number(await page.getAttribute('#verdict', 'data-best-index')), expected.best.index);
  assert.equal(await page.getAttribute('#verdict', 'data-best-name'), expected.best.name);
  assert.ok(verdict.includes(COLUMNS[expected.best.index].name));
  const ranking = await page.$$eval('#ranking li', (els) => els.map((el) => Number(el.dataset.index)));
  assert.deepEqual(ranking, expected.ranking);

  const shown = await figures(page, '#page-compare');
  expected.scenarios.forEach((s, i) => {
    assert.equal(shown[`scenarios.${i}.co2e_kg`], s.co2e_kg, `column ${i} CO2e`);
    assert.equal(shown[`scenarios.${i}.delta_vs_best_kg`], s.delta_vs_best_kg, `column ${i} vs best`);
    assert.equal(shown[`scenarios.${i}.delta_vs_baseline_kg`], s.delta_vs_baseline_kg, `column ${i} vs baseline`);
    assert.equal(shown[`scenarios.${i}.result.total.co2e_kg.total_market`], s.result.total.co2e_kg.total_market, `column ${i} market`);
    assert.equal(shown[`scenarios.${i}.result.total.co2e_kg.embodied`], s.result.total.co2e_kg.embodied, `column ${i} embodied`);
  });
  const best = expected.best.index;
  assert.match(await page.textContent(`#c${best}-rank`), /best/);

  // The columns live in the URL: reopening the link gives the same ranking.
  const again = await session.open(page.url().slice(session.url.length));
  assert.deepEqual(await again.page.$$eval('#ranking li', (els) => els.map((el) => Number(el.dataset.index))), expected.ranking);
  assert.equal(await again.page.inputValue('#c3-hardware'), 'nvidia-h100-sxm');
  assertClean(log);
  assertClean(again.log);
  await again.page.close();
  await page.close();
});

test('a bad column value is reported in its column; the Estimate page is reachable', async () => {
  const { page, log } = await session.open('#/compare');
  await page.fill('#c1-hours', '-3');
  await settled(page);
  await page.waitForSelector('#c1-hours[aria-invalid="true"]');
  assert.match(await page.textContent('#c1-hours-error'), /got -3/);
  await page.fill('#c1-hours', '');
  await settled(page);
  await page.waitForSelector('#compare-results[data-state="ok"]');
  assert.equal(await page.getAttribute('#c1-hours', 'aria-invalid'), null);
  await page.click('button[aria-label="Remove column 3"]');
  assert.equal(await page.locator('#columns article').count(), 2);
  await page.waitForSelector('#compare-results[data-state="ok"]');
  assert.equal(await page.locator('#ranking li').count(), 2);
  await page.click('[data-nav="estimate"]');
  await page.waitForSelector('#page-estimate:not([hidden]) #results[data-state="ok"]');
  assertClean(log);
  onEstimate = { page, log };
});

let onEstimate = null;  // the previous test's tab, now on the Estimate page

test('an edit made just before switching pages is carried over', async () => {
  const { page, log } = onEstimate ?? await session.open('#/estimate');
  await page.fill('#f-training-hours', '48');
  await page.click('[data-nav="compare"]');  // within the 150 ms debounce
  await page.waitForSelector('#page-compare:not([hidden]) #compare-results[data-state="ok"]');
  assert.equal(await page.getAttribute('#c0-hours', 'placeholder'), '48');
  assert.equal(JSON.parse(await page.textContent('#compare-request')).scenarios[0].scenario.training.hours, 48);
  assertClean(log);
  await page.close();
});
