// Bad values: each shows the core's message next to the field with that path
// (aria-invalid, aria-describedby), keeps the last good result on screen marked stale,
// raises no page error, and fixing the value brings the result back. The expected message
// is the native CLI's for the same scenario.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, assertClean, cli, cliMissing, figures, settled, startSession } from './harness.mjs';

const index = JSON.parse(readFileSync(path.join(ROOT, 'examples/presets/index.json'), 'utf8'));
const DEFAULT_FILE = path.join(ROOT, 'examples/presets', index[0].file);
const base = JSON.parse(readFileSync(DEFAULT_FILE, 'utf8'));

/** The CLI's errors for the default preset with one field changed. */
function cliErrors(mutate) {
  const scenario = structuredClone(base);
  mutate(scenario);
  const response = cli('estimate', '-', JSON.stringify(scenario));
  assert.equal(response.ok, false, 'the CLI must reject this scenario too');
  return response.errors;
}

/** A message without its "[code] path: " prefix, as shown next to the field. */
const rule = (error) => error.message.slice(error.message.indexOf(`${error.path}: `) + error.path.length + 2);

let session;
let shared = null;  // one tab for both tests
before(async () => { session = await startSession(); });
after(async () => { await session?.close(); });

const CASES = [
  { name: 'negative hours', field: 'training.hours', text: '-5', good: '24', mutate: (s) => { s.training.hours = -5; } },
  { name: 'text in a number field', field: 'training.hours', text: 'abc', good: '24', mutate: (s) => { s.training.hours = 'abc'; } },
  { name: 'hours 1e400 (not a finite double)', field: 'training.hours', text: '1e400', good: '24', mutate: (s) => { s.training.hours = '1e400'; } },
  { name: 'an unknown hardware id', field: 'training.hardware', text: 'nvidia-a100-sxm4-4gb', good: 'nvidia-a100-sxm4-40gb', mutate: (s) => { s.training.hardware = 'nvidia-a100-sxm4-4gb'; } },
  { name: 'a range with its maximum out of bounds', field: 'training.utilization', text: '0.4 to 1.5', good: '0.4 to 0.8', mutate: (s) => { s.training.utilization = { min: 0.4, max: 1.5 }; } },
  { name: 'an unknown region in a collapsed section', field: 'inference.cloud_region', text: 'gcp:mars-north1', good: 'gcp:europe-west4', mutate: (s) => { s.inference.cloud_region = 'gcp:mars-north1'; } },
];

test('bad values show the error next to the right field; fixing them brings the result back', async (t) => {
  const missing = cliMissing();
  if (missing) { t.skip(missing); return; }
  const good = cli('estimate', DEFAULT_FILE);
  shared = await session.open('#/estimate');
  const { page, log } = shared;
  const goodTotal = good.total.co2e_kg.total_location;
  assert.equal((await figures(page, '#results'))['total.co2e_kg.total_location'], goodTotal);

  for (const c of CASES) {
    await t.test(c.name, async () => {
      const [expected] = cliErrors(c.mutate);
      const id = `#f-${c.field.replace(/[^a-zA-Z0-9]+/g, '-')}`;
      const more = page.locator(`details.more:has(${id})`);
      if (await more.count() > 0 && !(await page.isVisible(id))) await more.locator('summary').click();
      await page.fill(id, c.text);
      await settled(page);
      await page.waitForSelector(`${id}[aria-invalid="true"]`, { timeout: 5000 });
      await page.waitForSelector('#results[data-state="stale"]');
      const error = page.locator(`${id}-error`);
      assert.ok(await error.isVisible(), 'the message is visible next to the field');
      assert.ok(expected.path === c.field || expected.path.startsWith(`${c.field}.`), `CLI path ${expected.path}`);
      assert.equal(await error.textContent(), rule(expected));
      const describedBy = (await page.getAttribute(id, 'aria-describedby')).split(/\s+/);
      assert.ok(describedBy.includes(`${id.slice(1)}-error`), 'aria-describedby names the message');
      assert.ok(await page.locator('#stale-note').isVisible(), 'the stale note is shown');
      assert.match(await page.textContent('#error-summary'), new RegExp(rule(expected).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      if (await more.count() > 0) {
        // A section the user collapses opens again when its field is reported.
        await more.locator('summary').click();
        assert.ok(!(await page.isVisible(id)));
        await page.fill('#f-training-device-count', '8');
        await settled(page);
        await page.waitForSelector(`${id}-error`, { state: 'visible', timeout: 5000 });
        assert.ok(await error.isVisible());
      }
      // The last good result stays visible.
      assert.equal((await figures(page, '#results'))['total.co2e_kg.total_location'], goodTotal);

      await page.fill(id, c.good);
      await settled(page);
      await page.waitForSelector('#results[data-state="ok"]', { timeout: 5000 });
      assert.equal(await page.getAttribute(id, 'aria-invalid'), null);
      assert.ok(await error.isHidden());
      assert.ok(await page.locator('#error-summary').isHidden());
      assert.equal((await figures(page, '#results'))['total.co2e_kg.total_location'], goodTotal);
    });
  }
  assertClean(log);
});

test('a phase switched on with nothing to go on is reported at the phase', async () => {
  const { page, log } = shared ?? await session.open('#/estimate');
  await page.check('#phase-federated-on');
  await page.fill('#f-federated-clients', '');
  await page.waitForSelector('#results[data-state="stale"]');
  assert.ok(await page.locator('#f-federated-clients-error').isVisible() || await page.locator('#phase-federated-error').isVisible());
  await page.uncheck('#phase-federated-on');
  await page.waitForSelector('#results[data-state="ok"]');
  assertClean(log);
  await page.close();
});
