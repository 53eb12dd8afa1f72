// Each page at desktop (1280x800) and phone (375x812) width: screenshots, no sideways
// scrolling, every control labelled, keyboard navigation with a visible focus, and text
// contrast of at least 4.5:1 (WCAG AA) in the light and the dark scheme.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { VIEWPORTS, assertClean, screenshot, startSession } from './harness.mjs';

let session;
let shared = null;  // the screenshot tab, reused by the label and contrast checks
before(async () => { session = await startSession(); });
after(async () => { await session?.close(); });

async function tab(page) {
  if (shared) return shared;
  shared = await session.open(page);
  return shared;
}

async function shoot(page, name, viewport) {
  await page.setViewportSize(VIEWPORTS[viewport]);
  await page.waitForTimeout(150);  // charts redraw at their container's new width
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= VIEWPORTS[viewport].width, `${name} ${viewport}: the page is ${width}px wide`);
  await page.evaluate(() => window.scrollTo(0, 0));
  return screenshot(page, name, viewport);
}

test('screenshots of each page at desktop and phone width, nothing wider than the screen', async () => {
  shared = await session.open('#/estimate', { viewport: 'phone' });
  const { page, log } = shared;
  await shoot(page, 'estimate', 'phone');
  await shoot(page, 'estimate', 'desktop');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'estimate-dark', 'desktop');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.click('[data-nav="compare"]');
  await page.waitForSelector('#compare-results[data-state="ok"]');
  await shoot(page, 'compare', 'desktop');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'compare-dark', 'desktop');
  await page.emulateMedia({ colorScheme: 'light' });
  await shoot(page, 'compare', 'phone');
  await page.setViewportSize(VIEWPORTS.desktop);
  assertClean(log);
});

test('every form control has a label; buttons have names', async () => {
  const { page, log } = await tab('#/estimate');
  await page.click('[data-nav="estimate"]');
  await page.waitForSelector('#page-estimate:not([hidden]) #results[data-state="ok"]');
  const check = () => page.evaluate(() => {
    const unlabelled = [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => !el.closest('[hidden]'))
      .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.id || el.name || el.outerHTML.slice(0, 60));
    const nameless = [...document.querySelectorAll('button')]
      .filter((el) => !el.textContent.trim() && !el.getAttribute('aria-label')).map((el) => el.outerHTML.slice(0, 60));
    return { unlabelled, nameless };
  });
  assert.deepEqual(await check(), { unlabelled: [], nameless: [] });
  await page.click('[data-nav="compare"]');
  await page.waitForSelector('#compare-results[data-state="ok"]');
  assert.deepEqual(await check(), { unlabelled: [], nameless: [] });
  assertClean(log);
});

test('keyboard: skip link, tabs to the pages, visible focus', async () => {
  const { page, log } = await session.open('#/estimate');
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    return { id: el.id, nav: el.dataset?.nav ?? null, text: el.textContent.trim().slice(0, 40), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  await page.keyboard.press('Tab');
  let now = await focused();
  assert.equal(now.id, 'skip-link');
  assert.ok(await page.locator('#skip-link').isVisible(), 'the skip link shows when focused');
  await page.keyboard.press('Tab');
  now = await focused();
  assert.equal(now.nav, 'estimate');
  assert.ok(now.outline !== 'none' && now.width >= 2, `visible focus on the nav link (${now.outline} ${now.width})`);
  await page.keyboard.press('Tab');
  assert.equal((await focused()).nav, 'compare');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#compare-results[data-state="ok"]');
  assert.equal((await focused()).id, 'compare-title', 'focus moves to the new page heading');
  assert.equal(await page.getAttribute('[data-nav="compare"]', 'aria-current'), 'page');
  // Into the form with the keyboard: the first column's name field, then its region.
  await page.focus('#c0-name');
  await page.keyboard.press('Tab');
  assert.equal((await focused()).id, 'c0-region');
  assertClean(log);
  await page.close();
});

test('text contrast is at least 4.5:1 in light and dark mode', async () => {
  const { page, log } = await tab('#/estimate');
  await page.click('[data-nav="estimate"]');
  await page.waitForSelector('#page-estimate:not([hidden]) #results[data-state="ok"]');
  await page.fill('#f-training-hours', '-1');  // an error message to measure too
  await page.waitForSelector('#f-training-hours-error:not([hidden])');
  const selectors = ['body', 'h1', '.lede', 'label', '.unit', '.hint', '.field-error', '.fig.big', 'nav a[aria-current]',
    'nav a:not([aria-current])', 'summary', '.tagline', 'dl.figures dt', 'table.numbers thead th', '.stale-note', 'input', '.site-footer', '.legend li'];
  await assertContrast(page, selectors, '#f-defaults-hardware');
  assertClean(log);
  await page.close();
});

/** Fails unless each selector's first match has text contrast >= 4.5:1 in light and dark. */
async function assertContrast(page, selectors, placeholderInput) {
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const worst = await page.evaluate(([selectors, placeholderInput]) => {
      const parse = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]) => {
        const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el) => {
        for (let node = el; node; node = node.parentElement) {
          const c = parse(getComputedStyle(node).backgroundColor);
          if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
        }
        return parse(getComputedStyle(document.documentElement).backgroundColor).slice(0, 3);
      };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const results = [];
      for (const sel of selectors) {
        const el = [...document.querySelectorAll(sel)].find((e) => !e.closest('[hidden]')) ?? document.querySelector(sel);
        if (!el) { results.push({ sel, ratio: null }); continue; }
        results.push({ sel, ratio: ratio(parse(getComputedStyle(el).color).slice(0, 3), background(el)) });
      }
      const input = document.querySelector(placeholderInput);
      results.push({ sel: 'placeholder', ratio: ratio(parse(getComputedStyle(input, '::placeholder').color).slice(0, 3), background(input)) });
      return results;
    }, [selectors, placeholderInput]);
    for (const { sel, ratio } of worst) {
      assert.ok(ratio !== null, `${scheme}: ${sel} not found`);
      assert.ok(ratio >= 4.5, `${scheme}: ${sel} contrast ${ratio.toFixed(2)}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('Optimize: labelled controls, the tabs and the plot from the keyboard, contrast in light and dark', async () => {
  const { page, log } = await session.open('#/optimize', { waitForResult: false });
  await page.waitForSelector('#page-optimize:not([hidden]) #opt-run');
  await page.fill('#opt-seed', 'x');
  await page.dispatchEvent('#opt-seed', 'change');
  await page.click('#opt-run');
  await page.waitForSelector('#opt-seed-error:not([hidden])');  // an error message to measure too
  await page.fill('#opt-seed', '1');
  await page.click('#opt-run');
  await page.waitForSelector('#opt-results[data-state="ok"]', { timeout: 30000 });
  const unlabelled = await page.evaluate(() => [...document.querySelectorAll('#page-optimize input, #page-optimize select, #page-optimize textarea')]
    .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby')).map((el) => el.id));
  assert.deepEqual(unlabelled, []);
  // Tabs: arrow keys move between Study and Your trials.
  await page.focus('#opt-tab-study');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'opt-tab-trials');
  assert.equal(await page.isVisible('#trials-csv'), true);
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.isVisible('#opt-plot'), true);
  // Tab from the last control before the plot reaches a front point; its focus is visible.
  await page.focus('#opt-plot circle.marker.front');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).strokeWidth);
  assert.ok(parseFloat(ring) >= 3, `a focused point is outlined (${ring})`);
  await assertContrast(page, ['h1', '.lede', '[role="tab"][aria-selected="true"]', '[role="tab"][aria-selected="false"]', 'legend',
    '.check label', 'label', '.hint', '.field-error', '.pareto-tooltip', 'dl.figures dt', 'dl.figures dd', 'table.numbers thead th button',
    'table.numbers td', '.run-message', 'button.primary'], '#opt-seconds');
  assertClean(log);
  await page.close();
});
