// Import: CodeCarbon files set on the page's file input give the same account (rows, runs,
// totals, encoding) and the same scenario as `greenfront import-codecarbon FILE --format
// compact`; a bad file shows the core's message with its line next to the drop zone and the
// page goes on working; "Open in Estimate" shows the CLI's estimate of the imported scenario.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { CLI, ROOT, VIEWPORTS, assertClean, cli, cliMissing, figures, scenarioFromUrl, screenshot, startSession } from './harness.mjs';

const DATA = path.join(ROOT, 'tests/data/codecarbon');

let session;
let tmp;
before(async () => {
  session = await startSession();
  tmp = mkdtempSync(path.join(tmpdir(), 'greenfront-import-'));
});
after(async () => {
  await session?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** `greenfront import-codecarbon FILE [--run ID] --format compact`. */
function importCli(file, args = []) {
  let stdout;
  try {
    stdout = execFileSync(CLI, ['import-codecarbon', file, ...args, '--format', 'compact'], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    if (err.status === 1 && err.stdout) stdout = err.stdout;
    else throw err;
  }
  return JSON.parse(stdout);
}

/** The CLI's estimate of a scenario. */
function estimateCli(scenario, name) {
  const file = path.join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(scenario));
  return cli('estimate', file);
}

async function setFile(page, file) {
  const seq = Number(await page.getAttribute('#import-results', 'data-seq') ?? 0);
  await page.setInputFiles('#import-file', file);
  return seq;
}

async function imported(page, file) {
  const seq = await setFile(page, file);
  await page.waitForSelector(`#import-results[data-state="ok"][data-seq="${seq + 1}"]`);
}

async function checkAccount(page, expected) {
  const f = await figures(page, '#import-results');
  const info = expected.import;
  assert.equal(f['import.rows_read'], info.rows_read);
  assert.equal(f['import.runs_count'], info.runs_count);
  assert.equal(f['import.rows_skipped_count'], info.rows_skipped_count);
  assert.equal(f['import.totals.energy_kwh'], info.totals.energy_kwh);
  assert.equal(f['import.totals.hours'], info.totals.hours);
  assert.equal(f['import.codecarbon_emissions_kg'], info.codecarbon_emissions_kg ?? undefined);
  for (const [i, run] of info.runs.entries()) {
    assert.equal(f[`import.runs[${i}].energy_kwh`], run.energy_kwh);
    assert.equal(f[`import.runs[${i}].rows`], run.rows);
  }
  assert.deepEqual(await page.$$eval('#import-runs tbody th', (els) => els.map((el) => el.textContent)), info.runs.map((r) => r.run_id));
  assert.equal(await page.textContent('#import-encoding'), info.encoding);
  assert.deepEqual(JSON.parse(await page.textContent('#import-scenario')), expected.scenario);
  assert.equal(await page.locator('#import-warnings li').count(), expected.warnings.length);
  const estimate = estimateCli(expected.scenario, 'imported');
  assert.equal(f['estimate.total.co2e_kg.total_location'], estimate.total.co2e_kg.total_location);
  assert.equal(f['estimate.total.co2e_kg.embodied'], estimate.total.co2e_kg.embodied);
  return estimate;
}

test('v2.7 and Latin-1 files: the account and the scenario equal the CLI\'s; one run; a bad file and back', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const { page, log } = await session.open('#/import', { waitForResult: false });
  await page.waitForSelector('#page-import:not([hidden]) #import-file');
  assert.equal(await page.getAttribute('[data-nav="import"]', 'aria-current'), 'page');

  const v27 = path.join(DATA, 'v2_7.csv');
  await imported(page, v27);
  await checkAccount(page, importCli(v27));

  // The run picker holds the file's runs; picking one imports that run alone.
  const runs = await page.$$eval('#import-run option', (els) => els.map((el) => el.value));
  assert.deepEqual(runs, ['', 'run-a', 'run-b']);
  let seq = Number(await page.getAttribute('#import-results', 'data-seq'));
  await page.selectOption('#import-run', 'run-b');
  await page.waitForSelector(`#import-results[data-state="ok"][data-seq="${seq + 1}"]`);
  await checkAccount(page, importCli(v27, ['--run', 'run-b']));
  seq += 1;
  await page.selectOption('#import-run', '');
  await page.waitForSelector(`#import-results[data-state="ok"][data-seq="${seq + 1}"]`);

  const latin1 = path.join(DATA, 'latin1.csv');
  await imported(page, latin1);
  const expectedLatin1 = importCli(latin1);
  assert.equal(expectedLatin1.import.encoding, 'latin-1');
  await checkAccount(page, expectedLatin1);
  assert.equal(await page.textContent('#import-scenario-name'), expectedLatin1.scenario.name);

  // A bad file: the core's message and its line, next to the drop zone.
  const bad = path.join(DATA, 'bad/unterminated_quote.csv');
  const expectedBad = importCli(bad);
  assert.equal(expectedBad.ok, false);
  await setFile(page, bad);
  await page.waitForSelector('#import-error:not([hidden])');
  const item = page.locator('#import-error li').first();
  assert.equal(await item.getAttribute('data-code'), expectedBad.errors[0].code);
  assert.equal(await item.getAttribute('data-row'), '3');
  const text = await item.textContent();
  assert.match(text, /^Line 3 of the file: /);
  assert.ok(text.includes(expectedBad.errors[0].message.replace(/^\[[^\]]+\] csv\.row\[3\]: /, '')), text);
  assert.equal(await page.getAttribute('#import-results', 'data-state'), 'stale');
  // An unknown hardware override shows next to its field.
  await imported(page, v27);
  assert.equal(await page.isHidden('#import-error'), true);
  await page.fill('#import-hardware', 'no-such-gpu');
  await page.waitForSelector('#import-hardware-error:not([hidden])');
  assert.equal(await page.getAttribute('#import-hardware-error', 'data-code'), 'input.unknown_id');
  seq = Number(await page.getAttribute('#import-results', 'data-seq'));
  await page.fill('#import-hardware', '');
  await page.waitForSelector(`#import-results[data-state="ok"][data-seq="${seq + 1}"]`);
  assert.equal(await page.isHidden('#import-hardware-error'), true);
  assertClean(log);
  await page.close();
});

test('"Open in Estimate" shows the CLI\'s estimate of the imported scenario; the example; screenshots', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const { page, log } = await session.open('#/import', { waitForResult: false });
  await page.click('#import-example');
  await page.waitForSelector('#import-results[data-state="ok"]');
  const expected = importCli(path.join(ROOT, 'web/examples/codecarbon-emissions.csv'));
  await checkAccount(page, expected);
  for (const viewport of ['desktop', 'phone']) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await page.waitForTimeout(100);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= VIEWPORTS[viewport].width, `import ${viewport}: the page is ${width}px wide`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'import', viewport);
  }
  await page.setViewportSize(VIEWPORTS.desktop);

  const estimate = estimateCli(expected.scenario, 'example');
  await page.click('#import-to-estimate');
  await page.waitForSelector('#page-estimate:not([hidden]) #results[data-state="ok"]');
  assert.deepEqual(scenarioFromUrl(page.url()), expected.scenario);
  const f = await figures(page, '#results');
  assert.equal(f['total.co2e_kg.total_location'], estimate.total.co2e_kg.total_location);
  assert.equal(f['total.co2e_kg.total_market'], estimate.total.co2e_kg.total_market);

  // Back to Import (the result is kept), then Report: the imported scenario's statement.
  await page.click('[data-nav="import"]');
  await page.waitForSelector('#page-import:not([hidden]) #import-results[data-state="ok"]');
  await page.click('#import-to-report');
  await page.waitForSelector('#page-report:not([hidden]) #report-results[data-state="ok"]');
  assert.match(await page.textContent('#report-yaml'), /source: "CodeCarbon \+ greenfront"/);
  assertClean(log);
  await page.close();
});
