// Shareable state: the URL holds every input. Opening a copied link reproduces the form
// and the figures (checked against the native CLI on the scenario decoded from the link);
// a link that fails to parse shows a readable message and the default result.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, assertClean, cli, cliMissing, figures, scenarioFromUrl, settled, startSession } from './harness.mjs';

const index = JSON.parse(readFileSync(path.join(ROOT, 'examples/presets/index.json'), 'utf8'));
const DEFAULT_FILE = path.join(ROOT, 'examples/presets', index[0].file);

let session;
before(async () => { session = await startSession(); });
after(async () => { await session?.close(); });

/** Every form control's value (and checkbox state), by id. */
async function formState(page) {
  return page.$$eval('#scenario-form input, #scenario-form select, #scenario-form textarea', (els) =>
    Object.fromEntries(els.map((el) => [el.id, el.type === 'checkbox' ? el.checked : el.value])));
}

async function waitForNewResult(page, seqBefore) {
  await page.waitForFunction((seq) => {
    const box = document.querySelector('#results');
    return box.dataset.state === 'ok' && box.dataset.seq !== seq;
  }, seqBefore, { timeout: 10000 });
}

test('a URL round trip reproduces the inputs and the numbers', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const { page, log } = await session.open('#/estimate');
  const seq = await page.getAttribute('#results', 'data-seq');
  await page.fill('#f-name', 'Round trip: 16 × H100 in France');
  await page.fill('#f-defaults-region', 'FR');
  await page.fill('#f-training-hardware', 'nvidia-h100-sxm');
  await page.fill('#f-training-device-count', '16');
  await page.fill('#f-training-hours', 'triangular(20, 30, 48)');
  await page.uncheck('#phase-inference-on');
  await page.check('#phase-retraining-on');
  await page.fill('#f-retraining-every-days', '14');
  await page.click('#advanced > summary');
  await page.fill('#f-defaults-cfe-share', '0.3');
  await page.fill('#f-uncertainty-seed', '7');
  await page.selectOption('#f-embodied-attribution', 'utilization_adjusted');
  await settled(page);
  await waitForNewResult(page, seq);
  assert.equal(await page.getAttribute('#results', 'data-result-for'), 'Round trip: 16 × H100 in France');

  const link = page.url();
  const scenario = scenarioFromUrl(link);
  assert.equal(scenario.training.hardware, 'nvidia-h100-sxm');
  assert.deepEqual(scenario.training.hours, { dist: 'triangular', min: 20, mode: 30, max: 48 });
  assert.equal(scenario.inference, undefined, 'inference is switched off');
  const expected = cli('estimate', '-', JSON.stringify(scenario));
  assert.equal(expected.ok, true);
  const before = await figures(page, '#results');
  assert.equal(before['total.co2e_kg.total_location'], expected.total.co2e_kg.total_location);
  assert.equal(before['total.co2e_kg.total_market'], expected.total.co2e_kg.total_market);
  assert.equal(before['uncertainty.total.co2e_kg.total_location.p95'], expected.uncertainty.total.co2e_kg.total_location.p95);
  const inputs = await formState(page);

  const second = await session.open(link.slice(session.url.length));
  assert.deepEqual(await figures(second.page, '#results'), before, 'the same figures');
  assert.deepEqual(await formState(second.page), inputs, 'the same inputs');
  assert.equal(second.page.url(), link, 'the same link');
  // The phase switched off kept its values: switching it on restores them.
  await second.page.check('#phase-inference-on');
  await second.page.waitForFunction(() => document.querySelector('#f-inference-queries-per-second').value === '5');
  assertClean(log);
  assertClean(second.log);
  await page.close();
  reuse = second;
});

let reuse = null;

test('back and forward restore the state', async () => {
  const { page, log } = reuse ?? await session.open('#/estimate');
  await settled(page);
  await page.waitForSelector('#results[data-state="ok"]');
  const first = await figures(page, '#results');
  await page.selectOption('#preset', 'gpt3');
  await page.waitForFunction(() => /GPT-3/.test(document.querySelector('#results').dataset.resultFor));
  await page.goBack();
  await page.waitForFunction(() => !/GPT-3/.test(document.querySelector('#results').dataset.resultFor ?? ''));
  assert.deepEqual(await figures(page, '#results'), first);
  assertClean(log);
  await page.close();
});

test('a link that fails to parse shows a message and the default result', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const expected = cli('estimate', DEFAULT_FILE);
  const b64 = (text) => Buffer.from(text, 'utf8').toString('base64url');
  const bad = [
    ['not base64url', '#/estimate?s=%%%not-base64!!'],
    ['truncated JSON', `#/estimate?s=${b64('{"schema_version":1,"training":{"hours":')}`],
    ['not an object', `#/estimate?s=${b64('[1,2,3]')}`],
    ['broken compare part', `#/compare?s=${b64(JSON.stringify(JSON.parse(readFileSync(DEFAULT_FILE, 'utf8'))))}&c=xyz*`],
  ];
  // The first link opens a fresh tab; the others are typed into its address bar (hashchange).
  const { page, log } = await session.open(bad[0][1]);
  for (const [i, [name, hash]] of bad.entries()) {
    if (i > 0) {
      await page.evaluate(() => { document.querySelector('#notice').hidden = true; });
      await page.goto(`${session.url}${hash}`);
      await page.waitForSelector('#notice:not([hidden])');
    }
    const notice = page.locator('#notice');
    assert.ok(await notice.isVisible(), `${name}: the message is shown`);
    assert.match(await notice.textContent(), hash.startsWith('#/estimate')
      ? /could not be read: the "s" part of the link is not .*Showing the default scenario instead/s
      : /could not be read: the "c" part of the link is not valid base64url.*back to its defaults/s, name);
    if (hash.startsWith('#/estimate')) {
      await page.waitForSelector('#page-estimate:not([hidden]) #results[data-state="ok"]');
      const shown = await figures(page, '#results');
      assert.equal(shown['total.co2e_kg.total_location'], expected.total.co2e_kg.total_location, name);
      assert.equal(await page.getAttribute('#results', 'data-result-for'), expected.name, name);
    } else {
      await page.waitForSelector('#page-compare:not([hidden]) #compare-results[data-state="ok"]');
      assert.equal(await page.locator('#columns article').count(), 3, 'the default columns');
      assert.equal(await page.textContent('#compare-base'), expected.name, 'the scenario of the link');
    }
  }
  assertClean(log);
  await page.close();
});

test('a link to a scenario the core rejects shows the errors at their fields', async () => {
  const scenario = JSON.parse(readFileSync(DEFAULT_FILE, 'utf8'));
  scenario.training.hours = -1;
  const hash = `#/estimate?s=${Buffer.from(JSON.stringify(scenario)).toString('base64url')}`;
  const { page, log } = await session.open(hash, { waitForResult: false });
  await page.waitForSelector('#f-training-hours[aria-invalid="true"]');
  assert.equal(await page.inputValue('#f-training-hours'), '-1');
  assert.equal(await page.getAttribute('#results', 'data-state'), 'empty');
  assertClean(log);
  await page.close();
});
