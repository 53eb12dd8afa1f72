// Optimize: a study runs in a Web Worker with progress and cancel, the front grows from the
// core's snapshots, and the final front, hypervolume and trace equal `greenfront optimize
// FILE` for the same request; trials mode equals `greenfront suggest`; the worker is
// replaced after a cancel, a crash, a failed start and a timeout.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, VIEWPORTS, assertClean, cli, cliMissing, figures, screenshot, startSession } from './harness.mjs';

const study = (file) => JSON.parse(readFileSync(path.join(ROOT, 'examples/pareto', file), 'utf8'));

let session;
let tmp;
before(async () => {
  session = await startSession();
  tmp = mkdtempSync(path.join(tmpdir(), 'greenfront-optimize-'));
});
after(async () => {
  await session?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function openOptimize(hash = '#/optimize', options = {}) {
  const opened = await session.open(hash, { waitForResult: false, ...options });
  await opened.page.waitForSelector('#page-optimize:not([hidden]) #opt-run');
  return opened;
}

/** Clicks Run and waits for the run to end in `state` (ok, partial, error). */
async function runTo(page, state, timeout = 60000) {
  await page.click('#opt-run');
  await page.waitForSelector(`#opt-results:not([data-state="running"])`, { timeout });
  assert.equal(await page.getAttribute('#opt-results', 'data-state'), state, await page.textContent('#opt-message'));
}

function runCli(command, request) {
  const file = path.join(tmp, `${command}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(request));
  return cli(command, file);
}

/** The page's front: the data-value of every front cell, back into {config, values} rows. */
async function pageFront(page) {
  if (await page.$('#opt-front-all')) await page.click('#opt-front-all');
  const figs = await figures(page, '#opt-front');
  const front = [];
  for (const [key, value] of Object.entries(figs)) {
    const [, i, group, name] = key.split('.');
    front[i] ??= { config: {}, values: {} };
    front[i][group][name] = value;
  }
  return front;
}

function numericConfig(config) {
  return Object.fromEntries(Object.entries(config).filter(([, v]) => typeof v === 'number'));
}

for (const [id, file, check] of [
  ['scaling-law', 'scaling-law-study.json', null],
  ['where-to-train', 'where-to-train.json', null],
  ['zdt1', 'zdt1.json', 'hypervolume_fraction'],
]) {
  test(`the final front of "${id}" equals greenfront optimize on the same request`, async (t) => {
    const missing = cliMissing();
    if (missing) { t.skip(missing); return; }
    const { page, log } = await openOptimize();
    await page.selectOption('#opt-study', id);
    await page.waitForSelector(`#page-optimize[data-study="${id}"]`);
    const started = Date.now();
    await runTo(page, 'ok');
    const wall = Date.now() - started;
    const expected = runCli('optimize', study(file));
    assert.equal(expected.ok, true);
    const front = await pageFront(page);
    assert.equal(front.length, expected.front.length);
    expected.front.forEach((p, i) => {
      assert.deepEqual(front[i].values, p.values, `front[${i}].values`);
      assert.deepEqual(front[i].config, numericConfig(p.config), `front[${i}].config`);
    });
    const summary = await figures(page, '#opt-summary');
    assert.equal(summary.hypervolume, expected.hypervolume);
    assert.equal(summary.evaluations, expected.evaluations);
    if (check) assert.equal(summary[check], expected[check]);
    // Categorical settings are text cells: compare them as shown.
    const text = await page.$$eval('#opt-front tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td:not(.num)')].map((c) => c.textContent)));
    expected.front.forEach((p, i) => {
      assert.deepEqual(text[i], Object.values(p.config).filter((v) => typeof v === 'string'), `front[${i}] text cells`);
    });
    const ds = await page.$eval('#opt-results', (el) => ({ ...el.dataset }));
    t.diagnostic(`${id}: after Run, the first snapshot in ${ds.firstSnapshotMs} ms, the final response in ${ds.totalMs} ms, drawn in ${ds.drawnMs} ms (test's click to seeing it: ${wall} ms); ${expected.evaluations} evaluations, ${expected.front.length} front points`);
    if (id === 'scaling-law') {
      assert.ok(Number(ds.snapshots) >= 1, 'at least one snapshot arrived');
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'optimize', 'desktop');
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, 'optimize-dark', 'desktop');
      await page.emulateMedia({ colorScheme: 'light' });
      await page.setViewportSize(VIEWPORTS.phone);
      await page.waitForTimeout(200);  // charts redraw at their new width
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= VIEWPORTS.phone.width, `the page is ${width}px wide at phone width`);
      await screenshot(page, 'optimize', 'phone');
    }
    assertClean(log);
    await page.close();
  });
}

test('a long run shows rising progress, can be cancelled (the partial front stays), and the next run works', async () => {
  const { page, log } = await openOptimize();
  await page.fill('#opt-evaluations', '400000');
  await page.dispatchEvent('#opt-evaluations', 'change');
  await page.click('#opt-run');
  await page.waitForFunction(() => Number(document.querySelector('#opt-progress').value) > 0, null, { timeout: 20000 });
  const first = Number(await page.$eval('#opt-progress', (el) => el.value));
  await page.waitForFunction((v) => Number(document.querySelector('#opt-progress').value) > v
    && Number(document.querySelector('#opt-results').dataset.snapshots) >= 2, first, { timeout: 20000 });
  assert.match(await page.textContent('#opt-progress-text'), /^[\d,]+ of 400,000 evaluations · [\d.]+ s$/);
  await page.waitForSelector('#opt-front tbody tr');  // the front drawn while it runs
  await page.click('#opt-cancel');
  await page.waitForSelector('#opt-results[data-state="partial"]', { timeout: 10000 });
  assert.match(await page.textContent('#opt-message'), /^Cancelled after [\d,]+ evaluations \(partial\)/);
  assert.ok(await page.$$eval('#opt-front tbody tr', (rows) => rows.length) > 0, 'the partial front stays');
  assert.ok(await page.$$eval('#opt-plot circle.marker.front', (c) => c.length) > 0, 'and its plot');
  assert.equal(await page.isDisabled('#opt-cancel'), true);
  // The cancel terminated the worker: the next run starts a fresh one and ends normally.
  await page.fill('#opt-evaluations', '2000');
  await runTo(page, 'ok');
  assert.match(await page.textContent('#opt-progress-text'), /^2,000 of 2,000 evaluations/);
  assertClean(log);
  await page.close();
});

test('a point on the plot: focus shows its configuration, Enter selects its row and the detail', async () => {
  const { page, log } = await openOptimize();
  await page.selectOption('#opt-study', 'zdt1');
  await page.waitForSelector('#page-optimize[data-study="zdt1"]');
  await runTo(page, 'ok');
  // The plot is one tab stop; Home goes to the leftmost point and the arrow keys walk right.
  assert.equal(await page.$$eval('#opt-plot circle.marker[tabindex="0"]', (c) => c.length), 1);
  const byX = await page.$$eval('#opt-plot circle.marker', (cs) => cs
    .map((c) => ({ key: c.dataset.key, x: Number(c.getAttribute('cx')) })).sort((a, b) => a.x - b.x).map((c) => c.key));
  await page.focus('#opt-plot circle.marker[tabindex="0"]');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), byX[2]);
  assert.equal(await page.$$eval('#opt-plot circle.marker[tabindex="0"]', (c) => c.map((m) => m.dataset.key)).then((k) => k.join()), byX[2]);
  // Select front point 3 itself for the checks below.
  await page.focus('#opt-plot circle.marker.front[data-key="f2"]');
  assert.match(await page.textContent('#opt-tooltip'), /^Front point 3: f1 [\d.e-]+, f2 [\d.e-]+ — x1 = /);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#opt-detail:not([hidden])');
  assert.match(await page.textContent('#opt-detail h3'), /^Selected: front point 3/);
  assert.equal(await page.getAttribute('#opt-front tr[data-row="2"]', 'aria-selected'), 'true');
  // Sorting the table keeps the selection.
  await page.click('#opt-front thead th:nth-child(2) button');
  assert.equal(await page.getAttribute('#opt-front thead th:nth-child(2)', 'aria-sort'), 'ascending');
  assert.equal(await page.getAttribute('#opt-front tr[data-row="2"]', 'aria-selected'), 'true');
  assertClean(log);
  await page.close();
});

test('the core\'s errors show next to the field; the study is in the URL and a bad link falls back', async () => {
  const { page, log } = await openOptimize();
  await page.fill('#opt-var-n-params-min', '-5');
  await page.dispatchEvent('#opt-var-n-params-min', 'change');
  await runTo(page, 'error');
  await page.waitForSelector('#opt-var-n-params-min-error:not([hidden])');
  assert.match(await page.textContent('#opt-var-n-params-min-error'), /-5/);
  assert.equal(await page.getAttribute('#opt-var-n-params-min', 'aria-invalid'), 'true');
  await page.fill('#opt-seed', 'abc');
  await page.dispatchEvent('#opt-seed', 'change');
  await page.click('#opt-run');
  await page.waitForSelector('#opt-seed-error:not([hidden])');
  // A link with the edits reproduces them.
  await page.fill('#opt-seed', '7');
  await page.dispatchEvent('#opt-seed', 'change');
  await page.uncheck('#opt-obj-total_kg');
  await page.check('#opt-obj-training_kg');
  const link = page.url();
  assert.match(link, /#\/optimize\?.*o=/);
  const again = await openOptimize(link.slice(link.indexOf('#')));
  assert.equal(await again.page.inputValue('#opt-seed'), '7');
  assert.equal(await again.page.inputValue('#opt-var-n-params-min'), '-5');
  assert.equal(await again.page.isChecked('#opt-obj-training_kg'), true);
  assert.equal(await again.page.isChecked('#opt-obj-total_kg'), false);
  await again.page.close();
  const bad = await openOptimize('#/optimize?o=not-json!');
  await bad.page.waitForSelector('#notice:not([hidden])');
  assert.match(await bad.page.textContent('#notice'), /could not be read/);
  assert.equal(await bad.page.inputValue('#opt-study'), 'scaling-law');
  assertClean(bad.log);
  await bad.page.close();
  const unknown = await openOptimize(`#/optimize?o=${Buffer.from(JSON.stringify({ study: 'nope' })).toString('base64url')}`);
  await unknown.page.waitForSelector('#notice:not([hidden])');
  assert.match(await unknown.page.textContent('#notice'), /no study "nope"/);
  assertClean(unknown.log);
  await unknown.page.close();
  assertClean(log);
  await page.close();
});

test('the page\'s modules load when it opens; when they cannot (offline), the page says so', async () => {
  // A direct link with o= state: the modules load, then the study and its edits.
  const edits = { study: 'zdt1', seed: 11 };
  const linked = await openOptimize(`#/optimize?o=${Buffer.from(JSON.stringify(edits)).toString('base64url')}`);
  await linked.page.waitForSelector('#page-optimize[data-study="zdt1"]');
  assert.equal(await linked.page.inputValue('#opt-seed'), '11');
  assertClean(linked.log);
  await linked.page.close();
  let offline = true;
  const { page, log } = await session.open('#/optimize', {
    waitForResult: false,
    before: (p) => p.route('**/js/optimize-page.js', (route) => (offline ? route.abort('internetdisconnected') : route.continue())),
  });
  await page.waitForSelector('#page-optimize:not([hidden]) [role="alert"]');
  assert.match(await page.textContent('#page-optimize'), /The Optimize page could not be loaded .*open Optimize again or reload the page/);
  assert.equal(await page.textContent('#optimize-title'), 'Optimize');
  // The other pages keep working, and the next visit tries again.
  await page.click('[data-nav="estimate"]');
  await page.waitForSelector('#page-estimate:not([hidden]) #results[data-state="ok"]');
  offline = false;
  await page.click('[data-nav="optimize"]');
  await page.waitForSelector('#page-optimize:not([hidden]) #opt-run');
  assertClean(log, { allowConsole: [/optimize-page\.js|ERR_INTERNET_DISCONNECTED|dynamically imported module/] });
  await page.close();
});

// A worker script that starts, then dies on its first run (or never answers it).
const CRASHING_WORKER = "self.onmessage = (e) => { if (e.data.type === 'init') postMessage({ type: 'ready' }); else throw new Error('simulated crash'); };";
const SILENT_WORKER = "self.onmessage = (e) => { if (e.data.type === 'init') postMessage({ type: 'ready' }); };";

for (const [name, fulfil, code, text, wait] of [
  ['crashes', { status: 200, contentType: 'text/javascript', body: CRASHING_WORKER }, 'worker.crashed', /stopped unexpectedly/, 20000],
  ['cannot start', { status: 404, contentType: 'text/plain', body: 'gone' }, 'worker.load_failed', /could not start/, 20000],
  ['never answers (timeout)', { status: 200, contentType: 'text/javascript', body: SILENT_WORKER }, 'timeout', /took too long/, 30000],
]) {
  test(`a worker that ${name} gives a readable message, and the next run starts a fresh one`, async () => {
    let broken = true;
    const { page, log } = await openOptimize('#/optimize', {
      before: (p) => p.context().route('**/wasm/greenfront.worker.js', (route) => (broken ? route.fulfill(fulfil) : route.continue())),
    });
    await page.selectOption('#opt-study', 'zdt1');
    await page.waitForSelector('#page-optimize[data-study="zdt1"]');
    if (code === 'timeout') {
      await page.fill('#opt-seconds', '1');  // the page's watchdog: 10 s for a 1 s budget
      await page.dispatchEvent('#opt-seconds', 'change');
    }
    await runTo(page, 'error', wait);
    assert.equal(await page.getAttribute('#opt-results', 'data-error'), code);
    assert.match(await page.textContent('#opt-message'), text);
    assert.match(await page.textContent('#opt-message'), /The next run starts a fresh worker\.$/);
    broken = false;
    await runTo(page, 'ok');
    assert.ok(await page.$$eval('#opt-front tbody tr', (rows) => rows.length) > 0);
    await page.context().unroute('**/wasm/greenfront.worker.js');
    assertClean(log, { allowConsole: [/simulated crash/, /404/, /greenfront\.worker\.js/] });
    await page.close();
  });
}

test('trials mode: the example CSV gives the front and suggestions of greenfront suggest', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const { page, log } = await openOptimize();
  await page.click('#opt-tab-trials');
  assert.equal(await page.getAttribute('#opt-tab-trials', 'aria-selected'), 'true');
  await page.click('#trials-example');
  await page.waitForSelector('#trials-col-val-accuracy-sense');
  assert.equal(await page.inputValue('#trials-col-val-accuracy-sense'), 'maximize');
  assert.equal(await page.inputValue('#trials-col-energy-kwh-sense'), 'minimize');
  assert.equal(await page.inputValue('#trials-col-epochs-sense'), '');
  await page.click('#trials-run');
  await page.waitForSelector('#trials-results:not([data-state="running"])', { timeout: 60000 });
  assert.equal(await page.getAttribute('#trials-results', 'data-state'), 'ok', await page.textContent('#trials-message'));
  const expected = runCli('suggest', {
    request: 'suggest', schema_version: 1,
    trials_csv: readFileSync(path.join(ROOT, 'web/examples/trials.csv'), 'utf8'),
    objectives: [{ name: 'val_accuracy', sense: 'maximize' }, { name: 'energy_kwh', sense: 'minimize' }],
    batch_size: 3, seed: 1,
  });
  assert.equal(expected.ok, true);
  assert.deepEqual(JSON.parse(await page.getAttribute('#trials-results', 'data-front-indices')), expected.front_indices);
  const got = await figures(page, '#trials-suggestions');
  const want = {};
  expected.suggestions.forEach((sug, i) => {
    for (const [k, v] of Object.entries(sug.config)) if (typeof v === 'number') want[`suggestions.${i}.config.${k}`] = v;
    for (const [k, v] of Object.entries(sug.predicted)) want[`suggestions.${i}.predicted.${k}.mean`] = v.mean;
  });
  assert.deepEqual(got, want);
  assert.equal(await page.$$eval('#trials-plot circle.marker.suggestion', (c) => c.length), expected.suggestions.length);
  assert.equal(await page.$$eval('#trials-variables tbody tr', (r) => r.length), expected.trials.variables.length);
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'optimize-trials', 'desktop');
  // A column set to "ignore" is no decision variable any more.
  await page.selectOption('#trials-col-region-sense', 'ignore');
  await page.click('#trials-run');
  await page.waitForSelector('#trials-results[data-state="ok"]:not([data-state="running"])', { timeout: 60000 });
  await page.waitForFunction(() => document.querySelectorAll('#trials-variables tbody tr').length === 2);
  assert.match(await page.textContent('#trials-variables caption'), /region \(ignore_columns\)/);
  // The table, its roles and the settings are in the link: a fresh tab gets them back.
  const link = new URL(page.url()).hash;
  assert.match(link, /[?&]o=/);
  const fresh = await session.open(link, { waitForResult: false });  // opens on the trials tab
  await fresh.page.waitForSelector('#page-optimize:not([hidden]) #trials-col-region-sense');
  assert.equal(await fresh.page.inputValue('#trials-csv'), readFileSync(path.join(ROOT, 'web/examples/trials.csv'), 'utf8'));
  assert.equal(await fresh.page.inputValue('#trials-col-region-sense'), 'ignore');
  assert.equal(await fresh.page.inputValue('#trials-col-val-accuracy-sense'), 'maximize');
  assert.equal(await fresh.page.getAttribute('#opt-tab-trials', 'aria-selected'), 'true');
  assertClean(fresh.log);
  await fresh.page.close();
  // A CSV the core cannot use: its message next to the text area.
  await page.fill('#trials-csv', 'a,b\n1');
  await page.click('#trials-run');
  await page.waitForSelector('#opt-panel-trials .field-error:not([hidden])');
  assertClean(log);
  await page.close();
});
