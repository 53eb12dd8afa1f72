// The embeddable calculator: <greenfront-calculator> (shadow DOM) and embed.html (iframe), on
// the demo documentation page web/demo/index.html. The totals they show equal the native
// CLI's for the same preset (`greenfront estimate FILE --format compact`), to the last bit.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { serveStatic } from '../../script/serve.mjs';
import { ROOT, SCREENSHOT_DIR, assertClean, cli, cliMissing, startSession } from './harness.mjs';

const PRESET_DIR = path.join(ROOT, 'examples/presets');
const index = JSON.parse(readFileSync(path.join(PRESET_DIR, 'index.json'), 'utf8'));
const presetFile = (id) => path.join(PRESET_DIR, index.find((p) => p.id === id).file);
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const TOTAL = 'total.co2e_kg.total_location';
const OK = (id) => `#${id} .gfc[data-state="ok"]`;  // Playwright's CSS pierces open shadow roots

/** {data-path: Number(data-value)} inside one element's shadow root. */
function shadowFigures(page, id) {
  return page.$eval(`#${id}`, (el) => {
    if (!el.shadowRoot) return null;
    return Object.fromEntries([...el.shadowRoot.querySelectorAll('[data-path][data-value]')]
      .map((fig) => [fig.dataset.path, Number(fig.dataset.value)]));
  });
}

/** Waits until the element shows the result of the scenario named `name`. */
function waitForResult(page, id, name) {
  return page.waitForFunction(([sel, want]) => {
    const body = document.querySelector(sel)?.shadowRoot?.querySelector('.gfc');
    return body?.dataset.state === 'ok' && body.dataset.resultFor === want;
  }, [`#${id}`, name], { timeout: 10000 });
}

let session;
before(async () => { session = await startSession(); });
after(async () => { await session?.close(); });

test('the demo page: the element and the iframe show the native CLI totals; compact hides the detail; a preset change updates', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const want = Object.fromEntries(['small-custom-model', 'meta-rm1-lifecycle', 'gpt3', 'bert-base-strubell-2019']
    .map((id) => [id, cli('estimate', presetFile(id))]));
  const { page, log } = await session.open('demo/', { ready: `${OK('demo-compact')}, ${OK('demo-full')}`, waitForResult: false });
  await page.waitForSelector(OK('demo-compact'));
  await page.waitForSelector(OK('demo-full'));

  // Shadow DOM: the figures live in the shadow roots, none in the page's own DOM.
  assert.equal(await page.evaluate(() => document.querySelectorAll('[data-path]').length), 0, 'no figure in the light DOM');
  const compact = await shadowFigures(page, 'demo-compact');
  const full = await shadowFigures(page, 'demo-full');
  assert.ok(compact && full, 'both elements have an open shadow root');

  // Compact: the total and the band, equal to the CLI's; no operational/embodied detail.
  const small = want['small-custom-model'];
  assert.equal(compact[TOTAL], small.total.co2e_kg.total_location);
  const band = small.uncertainty?.total?.co2e_kg?.total_location;
  assert.ok(band, 'the small custom model has uncertain inputs');
  for (const p of ['p5', 'p50', 'p95']) assert.equal(compact[`uncertainty.${TOTAL}.${p}`], band[p], p);
  assert.equal(compact['total.co2e_kg.embodied'], undefined, 'compact: no embodied figure');
  assert.equal(compact['total.co2e_kg.total_market'], undefined, 'compact: no market-based figure');
  assert.equal(await page.locator('#demo-compact .defaults').count(), 0, 'compact: no defaults list');
  assert.equal(await page.locator('#demo-compact svg.chart').count(), 1, 'compact: the per-phase chart');

  // Full: operational/embodied, location/market and the defaults used.
  const rm1 = want['meta-rm1-lifecycle'];
  for (const key of ['total_location', 'total_market', 'operational_location', 'operational_market', 'embodied']) {
    assert.equal(full[`total.co2e_kg.${key}`], rm1.total.co2e_kg[key], `full: ${key}`);
  }
  assert.equal(await page.locator('#demo-full .defaults summary').count(), 1, 'full: the defaults used');
  assert.equal(await page.locator('#demo-full svg.chart').count(), 2, 'full: basis and per-phase charts');

  // "Open in the calculator" carries the same scenario in s=.
  const href = await page.locator('#demo-compact a.gfc-open').getAttribute('href');
  const link = new URL(href);
  assert.equal(link.origin + link.pathname, session.url);
  const s = new URLSearchParams(link.hash.slice(link.hash.indexOf('?') + 1)).get('s');
  assert.deepEqual(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')), readJson(presetFile('small-custom-model')));

  // The iframe (embed.html?preset=gpt3&compact): the same element, full-size.
  await page.locator('#demo-iframe').scrollIntoViewIfNeeded();
  const frame = page.frameLocator('#demo-iframe');
  await frame.locator(OK('calculator')).waitFor({ timeout: 15000 });
  const framed = await frame.locator(`#calculator [data-path="${TOTAL}"]`).getAttribute('data-value');
  assert.equal(Number(framed), want.gpt3.total.co2e_kg.total_location, 'iframe total');
  assert.equal(await frame.locator('#calculator [data-path="total.co2e_kg.embodied"]').count(), 0, 'iframe: compact');

  // Screenshots before the attributes change.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'embed-desktop.png'), fullPage: true });

  // A preset change (the demo's select sets the attribute) recomputes.
  await page.selectOption('#demo-preset', 'bert-base-strubell-2019');
  await waitForResult(page, 'demo-full', want['bert-base-strubell-2019'].name);
  assert.equal((await shadowFigures(page, 'demo-full'))[TOTAL], want['bert-base-strubell-2019'].total.co2e_kg.total_location);

  // Attribute changes: compact off shows the detail; a scenario attribute wins over preset.
  await page.evaluate(() => document.getElementById('demo-compact').removeAttribute('compact'));
  await page.locator('#demo-compact .defaults').waitFor({ state: 'attached' });
  assert.equal((await shadowFigures(page, 'demo-compact'))['total.co2e_kg.embodied'], small.total.co2e_kg.embodied);
  const gpt3 = readFileSync(presetFile('gpt3'));
  await page.evaluate((encoded) => document.getElementById('demo-compact').setAttribute('scenario', encoded),
    Buffer.from(JSON.stringify(JSON.parse(gpt3))).toString('base64url'));
  await waitForResult(page, 'demo-compact', want.gpt3.name);
  assert.equal((await shadowFigures(page, 'demo-compact'))[TOTAL], want.gpt3.total.co2e_kg.total_location);

  assertClean(log);
  await page.close();
});

test('the fallback: in the raw HTML, while the module has not run, and a readable error when the core cannot load', async () => {
  // The raw page: each element carries its light-DOM fallback text.
  const html = await (await fetch(new URL('demo/', session.url))).text();
  assert.match(html, /<greenfront-calculator id="demo-compact"[^>]*>\s*<p>Loading the carbon estimate/);
  assert.match(await (await fetch(new URL('embed.html', session.url))).text(),
    /<greenfront-calculator id="calculator">\s*<p>Loading the carbon estimate/);

  // The module blocked: the element never upgrades and its fallback text shows.
  const blocked = await session.open('demo/', {
    ready: null, waitForResult: false,
    before: (page) => page.route(/greenfront-calculator\.js$/, (route) => route.abort()),
  });
  await blocked.page.waitForLoadState('load');
  const fallback = blocked.page.locator('#demo-compact');
  assert.equal(await fallback.evaluate((el) => el.matches(':not(:defined)') && !el.shadowRoot), true);
  assert.match(await fallback.innerText(), /Loading the carbon estimate of ExampleNet/);
  assert.equal(await fallback.locator('p').isVisible(), true);
  assertClean(blocked.log, { allowConsole: [/Failed to load resource|greenfront-calculator\.js/] });
  await blocked.page.close();

  // The wasm blocked: the element says so, readably, inside itself.
  const broken = await session.open('embed.html?preset=gpt3', {
    ready: '#calculator .gfc[data-state="error"]', waitForResult: false,
    before: (page) => page.route(/greenfront_wasm\.wasm$/, (route) => route.abort()),
  });
  const text = await broken.page.locator('#calculator .gfc-error').innerText();
  assert.match(text, /could not be shown/);
  assert.equal(await broken.page.locator('#calculator [data-path]').count(), 0);
  assertClean(broken.log, { allowConsole: [/./] });  // the aborted fetch and Emscripten's own report
  await broken.page.close();
});

test('embed.html works in an iframe on a page of another origin, and at phone width', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const expected = cli('estimate', presetFile('t5-11b'));
  // A host page on another origin (another port of 127.0.0.1), with its own strict CSP.
  const dir = mkdtempSync(path.join(tmpdir(), 'greenfront-host-'));
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; frame-src ${session.url}">
<title>host</title><h1>Another site</h1>
<iframe id="gf" src="${session.url}embed.html?preset=t5-11b" title="carbon" width="700" height="700"></iframe>`);
  const host = await serveStatic(dir, { log: () => {} });
  try {
    const page = await session.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(host.url);
    const frame = page.frameLocator('#gf');
    await frame.locator(OK('calculator')).waitFor({ timeout: 15000 });
    assert.equal(Number(await frame.locator(`#calculator [data-path="${TOTAL}"]`).getAttribute('data-value')),
      expected.total.co2e_kg.total_location);
    assert.equal(await frame.locator('#calculator [data-path="total.co2e_kg.embodied"]').count(), 1, 'not compact');
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    host.server.closeAllConnections();
    await new Promise((resolve) => host.server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  }

  const { page, log } = await session.open('demo/', { viewport: 'phone', ready: OK('demo-compact'), waitForResult: false });
  await page.waitForSelector(OK('demo-full'));
  // Nothing wider than the phone's screen.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no horizontal scroll');
  await page.locator('#training').evaluate((el) => el.scrollIntoView());  // the compact element in view
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'embed-phone.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'embed-dark-desktop.png') });
  assertClean(log);
  await page.close();
});
