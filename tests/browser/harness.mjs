// Browser test harness: serves the assembled site (GREENFRONT_SITE_DIR, default build/site)
// on 127.0.0.1 with an ephemeral port, drives Debian's Chromium through playwright-core
// with a fresh profile in a temporary directory, and records for every page:
//   - every request (a test fails when any URL's host is not 127.0.0.1),
//   - console errors and uncaught page errors (a test fails on any),
//   - Content-Security-Policy violations reported by the page.
// Screenshots go to build/screenshots/<name>-<desktop|phone>.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from '../../script/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE_DIR = path.resolve(ROOT, process.env.GREENFRONT_SITE_DIR ?? 'build/site');
export const SCREENSHOT_DIR = path.resolve(ROOT, process.env.GREENFRONT_SCREENSHOT_DIR ?? 'build/screenshots');
export const CHROMIUM = process.env.GREENFRONT_CHROMIUM ?? '/usr/bin/chromium';
export const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 375, height: 812 } };

// TOOLCHAIN.md: headless Chromium as root on this machine kind.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the server and the browser; close() stops both and removes the profile. */
export async function startSession() {
  assert.ok(existsSync(path.join(SITE_DIR, 'index.html')),
    `${SITE_DIR}/index.html is missing: run script/assemble-site first`);
  const { server, url } = await serveStatic(SITE_DIR, { log: () => {} });
  const profile = mkdtempSync(path.join(tmpdir(), 'greenfront-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS,
      viewport: VIEWPORTS.desktop, serviceWorkers: 'block',
    });
  } catch (err) {
    server.close();
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const origin = new URL(url);
  return {
    url,
    context,
    /**
     * Opens base URL + hash (or a path such as 'demo/') in a new page with its own log; waits
     * for `ready` (the app's body[data-ready]; null: no wait) and, on the app, its result.
     */
    async open(hash = '', { viewport = 'desktop', waitForResult = true, ready = 'body[data-ready="true"]', before } = {}) {
      const page = await context.newPage();
      await page.setViewportSize(VIEWPORTS[viewport]);
      const log = await watch(page, origin);
      await before?.(page);  // e.g. page.route() before the first request
      await page.goto(`${url}${hash}`);
      if (ready) await page.waitForSelector(ready, { timeout: 20000 });
      if (waitForResult) await page.waitForSelector('#page-estimate:not([hidden]) #results[data-state="ok"], #page-compare:not([hidden]) #compare-results[data-state="ok"]', { timeout: 20000 });
      return { page, log };
    },
    async close() {
      await context.close().catch(() => {});
      await new Promise((resolve) => server.close(resolve));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

async function watch(page, origin) {
  const log = { requests: [], offsite: [], consoleErrors: [], pageErrors: [], csp: [] };
  page.on('request', (request) => {
    const requestUrl = request.url();
    log.requests.push(requestUrl);
    const u = new URL(requestUrl);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return;
    if (u.hostname !== '127.0.0.1' || u.port !== origin.port) log.offsite.push(requestUrl);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') log.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => log.pageErrors.push(String(error?.stack ?? error)));
  await page.exposeBinding('__reportCsp', (_source, violation) => { log.csp.push(violation); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__reportCsp?.({ directive: event.effectiveDirective, blocked: event.blockedURI });
    });
  });
  return log;
}

/**
 * Fails on uncaught page errors, console errors (except those matching `allowConsole`),
 * Content-Security-Policy violations (unless `allowCsp`) and any request that left 127.0.0.1.
 */
export function assertClean(log, { allowConsole = [], allowCsp = false } = {}) {
  assert.deepEqual(log.pageErrors, [], 'uncaught errors in the page');
  const console = log.consoleErrors.filter((text) => !allowConsole.some((re) => re.test(text)));
  assert.deepEqual(console, [], 'console errors in the page');
  if (!allowCsp) assert.deepEqual(log.csp, [], 'Content-Security-Policy violations');
  assert.deepEqual(log.offsite, [], 'requests that left 127.0.0.1');
}

/** Saves build/screenshots/<name>-<viewport>.png (the viewport, 1280x800 or 375x812). */
export async function screenshot(page, name, viewport) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}-${viewport}.png`);
  await page.screenshot({ path: file });
  return file;
}

// ----- the native CLI, for values computed independently of the page -----------------------

export const CLI = path.resolve(ROOT, process.env.GREENFRONT_CLI ?? 'build/native/cli/greenfront');

/** null when the CLI can be used; else the reason to skip (throws when it is required). */
export function cliMissing() {
  if (existsSync(CLI)) return null;
  const message = `native CLI not found at ${CLI} (set GREENFRONT_CLI, or build it: cmake --build --preset native)`;
  if (process.env.GREENFRONT_REQUIRE_NATIVE === '1') throw new Error(message);
  return message;
}

/** Runs `greenfront <command> FILE --format compact` (FILE may be '-' with `input`). */
export function cli(command, file, input) {
  let stdout;
  try {
    stdout = execFileSync(CLI, [command, file, '--format', 'compact'], { input, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    if (err.status === 1 && err.stdout) stdout = err.stdout;  // a rejected input: still JSON
    else throw err;
  }
  return JSON.parse(stdout);
}

/** Waits until no edit is waiting for its 150 ms debounce (the page's body[data-pending]). */
export async function settled(page) {
  await page.waitForSelector('body:not([data-pending])', { state: 'attached', timeout: 10000 });
}

/** The full-precision figures on the page: {data-path: Number(data-value)}. */
export async function figures(page, scope = 'body') {
  return page.$$eval(`${scope} [data-path][data-value]`, (els) => Object.fromEntries(
    els.map((el) => [el.dataset.path, Number(el.dataset.value)])));
}

/** Decodes the s= part of a page URL (base64url of the scenario's compact JSON). */
export function scenarioFromUrl(pageUrl) {
  const hash = new URL(pageUrl).hash;
  const params = new URLSearchParams(hash.slice(hash.indexOf('?') + 1));
  const s = params.get('s');
  return s == null ? null : JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
}
