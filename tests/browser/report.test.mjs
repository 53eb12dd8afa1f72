// Report: for a preset, the statement, the model-card YAML and the CSV on the page equal
// `greenfront report FILE --format compact`; Download gives files with exactly those texts;
// Copy puts them on the clipboard and says so; the fields live in the URL; a rejected
// scenario shows the core's errors.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, VIEWPORTS, assertClean, cli, cliMissing, figures, screenshot, settled, startSession } from './harness.mjs';

const index = JSON.parse(readFileSync(path.join(ROOT, 'examples/presets/index.json'), 'utf8'));
const preset = index[0];
const scenario = JSON.parse(readFileSync(path.join(ROOT, 'examples/presets', preset.file), 'utf8'));
const FIELDS = { model_name: 'TinyNet', training_type: 'fine-tuning', source: 'greenfront web test' };

let session;
let tmp;
let expected;
before(async () => {
  session = await startSession();
  tmp = mkdtempSync(path.join(tmpdir(), 'greenfront-report-'));
  if (!cliMissing()) {
    const file = path.join(tmp, 'report.json');
    writeFileSync(file, JSON.stringify({ scenario, ...FIELDS }));
    expected = cli('report', file);
    assert.equal(expected.ok, true);
  }
});
after(async () => {
  await session?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function openReport(viewport = 'desktop') {
  const opened = await session.open(`#/report?preset=${preset.id}`, { viewport, waitForResult: false });
  await opened.page.waitForSelector('#report-results[data-state="ok"]');
  await opened.page.fill('#report-model-name', FIELDS.model_name);
  await opened.page.selectOption('#report-training-type', FIELDS.training_type);
  await opened.page.fill('#report-source', FIELDS.source);
  await settled(opened.page);
  await opened.page.waitForFunction((name) => document.querySelector('#report-markdown').textContent.includes(`: ${name}`), FIELDS.model_name);
  return opened;
}

test('the statement, the YAML and the CSV equal the CLI\'s report of the preset', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const { page, log } = await openReport();
  assert.equal(await page.textContent('#report-yaml'), expected.model_card_yaml);
  assert.equal(await page.textContent('#report-markdown'), expected.statement_markdown);
  assert.equal(await page.getAttribute('#report-statement', 'data-markdown'), expected.statement_markdown);
  // The rendered statement: a heading, the bold total, the per-phase table, the defaults list.
  assert.equal(await page.textContent('#report-statement h3'), `Carbon impact statement: ${FIELDS.model_name}`);
  const bold = expected.statement_markdown.match(/\*\*([^*]+)\*\*/)[1];
  assert.equal(await page.textContent('#report-statement p strong'), bold);
  const tableRows = expected.statement_markdown.split('\n').filter((l) => l.startsWith('|')).length - 2;
  assert.equal(await page.locator('#report-statement table tbody tr').count(), tableRows);
  assert.equal(await page.locator('#report-statement ul li').count(), expected.estimate.defaults_used.length);
  assert.ok((await page.locator('#report-statement code').count()) >= expected.estimate.defaults_used.length);
  assert.equal(await page.locator('#report-statement script, #report-statement [onclick]').count(), 0);
  // Figures: the estimate's and the card's, at full precision.
  const f = await figures(page, '#report-results');
  assert.equal(f['estimate.total.co2e_kg.total_location'], expected.estimate.total.co2e_kg.total_location);
  assert.equal(f['estimate.total.co2e_kg.embodied'], expected.estimate.total.co2e_kg.embodied);
  assert.equal(f['model_card.co2_eq_emissions.emissions'], expected.model_card.co2_eq_emissions.emissions);
  // The CSV table holds the CSV's cells exactly (data-value is the core's text).
  assert.equal(await page.textContent('#report-csv-text'), expected.csv);
  const lines = expected.csv.trim().split('\n').map((l) => l.split(','));
  const totalRow = lines.find((cells) => cells[0] === 'total');
  const column = lines[0].indexOf('total_location_kgco2e');
  assert.equal(await page.getAttribute('[data-path="csv.total.total_location_kgco2e"]', 'data-value'), totalRow[column]);
  assert.equal(await page.locator('#report-csv tbody tr').count(), lines.length - 1);
  // The fields are in the URL: a reload shows the same report.
  const url = page.url();
  assert.match(url, /#\/report\?s=[^&]+&r=/);
  const again = await session.open(url.slice(url.indexOf('#')), { waitForResult: false });
  await again.page.waitForSelector('#report-results[data-state="ok"]');
  assert.equal(await again.page.inputValue('#report-model-name'), FIELDS.model_name);
  assert.equal(await again.page.inputValue('#report-training-type'), FIELDS.training_type);
  assert.equal(await again.page.textContent('#report-yaml'), expected.model_card_yaml);
  assertClean(log);
  assertClean(again.log);
  await again.page.close();
  await page.close();
});

test('Download saves the Markdown, YAML, CSV and JSON as the core wrote them; Copy copies them', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const { page, log } = await openReport();
  const texts = { markdown: expected.statement_markdown, yaml: expected.model_card_yaml, csv: expected.csv };
  for (const [format, ext] of [['markdown', 'md'], ['yaml', 'yaml'], ['csv', 'csv'], ['json', 'json']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#report-download-${format}`)]);
    assert.equal(download.suggestedFilename(), `tinynet-carbon-report.${ext}`);
    const text = readFileSync(await download.path(), 'utf8');
    if (format === 'json') assert.deepEqual(JSON.parse(text), expected);
    else assert.equal(text, texts[format], format);
  }
  assert.match(await page.textContent('#report-copy-status'), /Saved tinynet-carbon-report\.json/);

  const origin = new URL(session.url).origin;
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  for (const format of ['markdown', 'yaml', 'csv', 'json']) {
    await page.click(`#report-copy-${format}`);
    await page.waitForSelector(`#report-copy-status[data-copied="${format}"]`);
    assert.match(await page.textContent('#report-copy-status'), /^Copied the /);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    if (format === 'json') assert.deepEqual(JSON.parse(copied), expected);
    else assert.equal(copied, texts[format], format);
  }
  assertClean(log);
  await page.close();
});

test('a scenario the core rejects shows its errors; screenshots at desktop and phone width', async () => {
  const bad = { schema_version: 1, name: 'bad', training: { hardware: 'nvidia-h100-sxm', device_count: 8, hours: -5 } };
  const s = Buffer.from(JSON.stringify(bad)).toString('base64url');
  const { page, log } = await session.open(`#/report?s=${s}`, { waitForResult: false });
  await page.waitForSelector('#report-errors:not([hidden])');
  assert.match(await page.textContent('#report-errors'), /training\.hours/);
  assert.equal(await page.getAttribute('#report-results', 'data-state'), 'empty');
  assert.equal(await page.isDisabled('#report-download-markdown'), true);
  // The page still works: the nav back to a good scenario.
  await page.goto(`${session.url}#/report?preset=${preset.id}`);
  await page.waitForSelector('#report-results[data-state="ok"]');
  assert.equal(await page.isHidden('#report-errors'), true);
  // Text from the user or the core never becomes markup; only http(s) links are made.
  const nasty = '<img src=x onerror=alert(1)> [x](javascript:alert(1)) **b**';
  await page.fill('#report-model-name', nasty);
  await settled(page);
  await page.waitForFunction(() => document.querySelector('#report-statement h3')?.textContent.includes('<img'));
  assert.equal(await page.locator('#report-statement img, #report-statement a[href^="javascript"]').count(), 0);
  assert.ok((await page.textContent('#report-statement h3')).includes('<img src=x onerror=alert(1)> [x](javascript:alert(1))'));
  await page.fill('#report-model-name', '');
  await settled(page);
  for (const viewport of ['desktop', 'phone']) {
    await page.setViewportSize(VIEWPORTS[viewport]);
    await page.waitForTimeout(100);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= VIEWPORTS[viewport].width, `report ${viewport}: the page is ${width}px wide`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'report', viewport);
  }
  assertClean(log);
  await page.close();
});
