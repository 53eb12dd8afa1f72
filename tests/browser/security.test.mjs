// Privacy and the Content Security Policy: the page's strict CSP meta is present and
// enforced (an injected inline script does not run, an inline style attribute is dropped,
// a fetch to another host is refused), and no request ever leaves 127.0.0.1.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { SITE_DIR, assertClean, startSession } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

// Imported by app.js when #/optimize first opens (README, "The web calculator").
const OPTIMIZE_MODULES = ['js/front-view.js', 'js/optimize-page.js', 'js/optimize-study.js', 'js/pareto-chart.js',
  'js/trials-panel.js', 'wasm/greenfront-worker.js'];

/** The site files `file` reaches through static `import ... from '...'` (itself included). */
function staticImports(file, seen = new Set()) {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(SITE_DIR, file), 'utf8');
  for (const [, spec] of text.matchAll(/^import\s[^;]*?from\s+'([^']+)';/gms)) {
    staticImports(path.posix.join(path.posix.dirname(file), spec), seen);
  }
  return seen;
}

let session;
before(async () => { session = await startSession(); });
after(async () => { await session?.close(); });

test('the CSP meta is the strict policy, and the HTML has no inline script or style', () => {
  const html = readFileSync(path.join(SITE_DIR, 'index.html'), 'utf8');
  const meta = /<meta http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
  assert.ok(meta, 'CSP meta present');
  assert.equal(meta[1], CSP);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
  assert.doesNotMatch(html, /\sstyle=|<style/, 'no inline style');
  assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handler');
  // Every module app.js imports, directly or not, is preloaded (no import waterfall), and
  // nothing else is: the Optimize page's modules are imported when it opens.
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const startup = [...staticImports('app.js')].filter((f) => f !== 'app.js').sort();
  assert.deepEqual(preloaded, startup);
  for (const lazy of OPTIMIZE_MODULES) assert.ok(!startup.includes(lazy), `${lazy} is not loaded at start-up`);
  const everything = [...readdirSync(path.join(SITE_DIR, 'js')).filter((f) => f.endsWith('.js')).map((f) => `js/${f}`), 'wasm/greenfront.js', 'wasm/greenfront-worker.js'];
  assert.deepEqual(everything.filter((f) => !startup.includes(f)).sort(), [...OPTIMIZE_MODULES].sort(), 'every other module is the Optimize page\'s');
});

test('the Estimate page\'s first result loads none of the Optimize page\'s modules; opening Optimize loads them', async () => {
  const { page, log } = await session.open('#/estimate');
  const loaded = () => OPTIMIZE_MODULES.filter((f) => log.requests.some((url) => url.endsWith(`/${f}`)));
  assert.deepEqual(loaded(), []);
  await page.click('[data-nav="optimize"]');
  await page.waitForSelector('#page-optimize:not([hidden]) #opt-run');
  assert.deepEqual(loaded(), OPTIMIZE_MODULES);
  assertClean(log);
  await page.close();
});

test('the CSP is enforced in the browser', async () => {
  const { page, log } = await session.open('#/estimate');
  assert.equal(await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content'), CSP);

  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.append(script);
    const styled = document.createElement('p');
    styled.setAttribute('style', 'color: rgb(255, 0, 0)');
    document.body.append(styled);
    let fetchError = null;
    try {
      await fetch('http://example.com/');
    } catch (err) {
      fetchError = err.name;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    return {
      inlineRan: window.__inlineRan === true,
      color: getComputedStyle(styled).color,
      fetchError, violations,
    };
  });
  assert.equal(outcome.inlineRan, false, 'inline script blocked');
  assert.notEqual(outcome.color, 'rgb(255, 0, 0)', 'inline style attribute blocked');
  assert.equal(outcome.fetchError, 'TypeError', 'fetch to another host refused');
  // (eval cannot be checked from here: DevTools evaluations are exempt from script-src.)
  for (const directive of ['script-src-elem', 'style-src-attr', 'connect-src']) {
    assert.ok(outcome.violations.includes(directive), `securitypolicyviolation for ${directive}: ${outcome.violations}`);
  }
  assert.ok(!log.requests.some((url) => url.includes('example.com')), 'the blocked fetch never became a request');
  assert.ok(log.csp.length >= 3, 'the harness saw the violations too');
  assertClean(log, { allowConsole: [/Content Security Policy/], allowCsp: true });
  await page.close();
});

test('no request leaves 127.0.0.1 while using both pages; time to the first result', async (t) => {
  const started = Date.now();
  const { page, log } = await session.open('#/estimate');
  const firstResultMs = await page.evaluate(() => performance.getEntriesByName('greenfront:first-result')[0]?.startTime);
  t.diagnostic(`time to the first result: ${Math.round(firstResultMs)} ms after navigation start (${Date.now() - started} ms including the browser tab)`);
  await page.selectOption('#preset', 'meta-rm1-lifecycle');
  await page.waitForFunction(() => /RM1/.test(document.querySelector('#results').dataset.resultFor ?? ''));
  await page.click('[data-nav="compare"]');
  await page.waitForSelector('#compare-results[data-state="ok"]');
  assert.ok(log.requests.length > 10, 'requests were recorded');
  assert.ok(log.requests.every((url) => url.startsWith(session.url)), log.requests.join('\n'));
  assert.ok(log.requests.some((url) => url.endsWith('.wasm')));
  assertClean(log);
  await page.close();
});
