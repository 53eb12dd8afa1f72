// greenfront web calculator: loads the wasm core, the catalogs and the presets, then routes
// #/estimate, #/compare, #/report, #/import and #/optimize. The state (scenario, phases
// switched off, compare columns, report fields, the optimize study)
// lives in the URL fragment (js/state.js); every number on the page comes from the core.
// The Optimize page's modules load the first time it opens (optimizePage() below).
import { catalog, compare, estimate, GreenfrontError, importCodecarbon, load, report } from './wasm/greenfront.js';
import { h } from './js/dom.js';
import { Catalogs } from './js/picker.js';
import { PresetStore } from './js/presets.js';
import { EstimatePage } from './js/estimate-page.js';
import { ComparePage } from './js/compare-page.js';
import { ReportPage } from './js/report-page.js';
import { ImportPage } from './js/import-page.js';
import { buildHash, parseHash, readState } from './js/state.js';

const api = { estimate, compare, report, importCodecarbon, GreenfrontError };
const status = document.getElementById('status');
const notice = document.getElementById('notice');
const state = { scenario: null, off: {}, compare: null, report: null, optimize: null };
let pages = null;
let current = null;
let lastHash = null;
let routes = 0;            // route() calls so far: a route overtaken by a newer one stops
let optimizeLoad = null;   // Promise of the OptimizePage, once #/optimize has opened

/**
 * The Optimize page, its modules loaded on first use: the page, its study model, plot,
 * table, trials panel and the worker client are about 30 % of the page's script, and the
 * Estimate page's first result does not need them. A failed load (offline) is retried the
 * next time the page opens.
 */
function optimizePage() {
  const root = document.getElementById('page-optimize');
  if (!root.firstElementChild) root.append(h('p', { class: 'status', role: 'status', text: 'Loading the Optimize page…' }));
  optimizeLoad ??= Promise.all([import('./js/optimize-page.js'), import('./wasm/greenfront-worker.js')])
    .then(([{ OptimizePage }, { GreenfrontWorker }]) => new OptimizePage(root, {
      // Runs go to a Web Worker; a worker that dies or is cancelled is replaced by the
      // next run (GreenfrontWorker starts a fresh one).
      makeWorker: () => new GreenfrontWorker({ baseUrl: new URL('wasm/', document.baseURI) }),
      onState: (next) => {
        Object.assign(state, next);
        setHash('optimize');
      },
    }), (err) => {
      optimizeLoad = null;
      throw err;
    });
  return optimizeLoad;
}

/** The Optimize page's modules did not load: say so in the page (its heading stays focusable). */
function optimizeFailed(err) {
  console.error(err);
  document.getElementById('page-optimize').replaceChildren(
    h('h1', { id: 'optimize-title', tabindex: '-1', text: 'Optimize' }),
    h('p', { class: 'status error', role: 'alert',
      text: `The Optimize page could not be loaded (${err?.message ?? err}). Check the connection, then open Optimize again or reload the page; the other pages keep working.` }),
    h('button', { type: 'button', text: 'Reload', onclick: () => location.reload() }));
  return null;
}

function setHash(page, { push = false } = {}) {
  const hash = buildHash(page, state);
  lastHash = hash;
  if (location.hash !== hash) history[push ? 'pushState' : 'replaceState'](null, '', hash);
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.href = buildHash(link.dataset.nav, state);
  }
}

function showNotice(text) {
  if (!text) {
    notice.hidden = true;
    notice.textContent = '';
    return;
  }
  notice.replaceChildren(document.createTextNode(text));
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'link';
  close.textContent = 'Dismiss';
  close.addEventListener('click', () => showNotice(null));
  notice.append(' ', close);
  notice.hidden = false;
}

async function route() {
  if (location.hash === lastHash && current) return;
  const seq = ++routes;
  lastHash = location.hash;
  const { page, known, params } = parseHash(location.hash);
  const read = readState(params);
  if (current) showNotice(null);  // a notice belongs to the link that raised it
  let presetId = null;
  const broken = new Set(read.errors.map((e) => e.param));
  if (broken.size > 0) {
    showNotice(`This link could not be read: ${read.errors.map((e) => e.message).join('; ')}. ${broken.has('s')
      ? 'Showing the default scenario instead.' : 'The rest of it is shown; that part is back to its defaults.'}`);
  }
  // A preset (the default one, or a linked one) replaces the scenario and its parked phases.
  const loadPreset = async (id) => {
    presetId = id;
    state.scenario = await pages.presets.load(id);
    state.off = {};
    state.compare = read.compare;
  };
  if (broken.has('s')) {
    await loadPreset(pages.presets.defaultId);
  } else if (read.scenario) {
    state.scenario = read.scenario;
    state.off = read.off ?? {};
    state.compare = read.compare;
  } else if (read.preset) {
    const exists = pages.presets.info(read.preset) !== null;
    if (!exists) showNotice(`There is no preset "${read.preset}". Showing the default scenario instead.`);
    await loadPreset(exists ? read.preset : pages.presets.defaultId);
  } else if (!state.scenario) {
    await loadPreset(pages.presets.defaultId);
  } else if (read.compare) {
    state.compare = read.compare;
  }
  if (params.has('o') || broken.has('o')) state.optimize = read.optimize;
  if (params.has('r') || read.scenario || read.preset) state.report = read.report;  // a new link brings its own fields
  if (!known) showNotice(`There is no page "${location.hash}". Showing the Estimate page.`);

  for (const name of ['estimate', 'compare', 'report', 'import', 'optimize']) {
    document.getElementById(`page-${name}`).hidden = name !== page;
    const link = document.querySelector(`[data-nav="${name}"]`);
    if (name === page) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${page[0].toUpperCase()}${page.slice(1)} · greenfront`;
  const focus = current !== null && current !== page;  // moved to another page: focus its heading
  current = page;
  if (page === 'estimate') pages.estimate.show(state, { presetId });
  else if (page === 'optimize') {
    const optimize = await optimizePage().catch(optimizeFailed);
    const linkNotice = optimize && await optimize.show(state);
    if (seq !== routes) return;  // the user went on while the page loaded: leave the URL theirs
    if (linkNotice) {
      showNotice(linkNotice);
      state.optimize = null;
    }
  } else pages[page].show(state);
  setHash(page);
  if (focus) document.getElementById(`${page}-title`).focus();
}

async function main() {
  try {
    const presets = new PresetStore();
    await Promise.all([load(), presets.init()]);
    const catalogs = new Catalogs(Object.fromEntries(
      ['hardware', 'regions', 'cloud-regions', 'datacenters'].map((kind) => [kind, catalog(kind).entries])));
    catalogs.install();
    pages = {
      presets,
      estimate: new EstimatePage(document.getElementById('page-estimate'), {
        api, catalogs, presets,
        onState: (next, { push }) => {
          Object.assign(state, next);
          setHash('estimate', { push });
        },
      }),
      compare: new ComparePage(document.getElementById('page-compare'), {
        api, catalogs,
        onState: (next) => {
          Object.assign(state, next);
          setHash('compare');
        },
      }),
      report: new ReportPage(document.getElementById('page-report'), {
        api,
        onState: (next) => {
          Object.assign(state, next);
          setHash('report');
        },
      }),
      import: new ImportPage(document.getElementById('page-import'), {
        api, catalogs,
        // "Open in Estimate / Compare / Report": the imported scenario becomes the state.
        onOpen: (page, scenario) => {
          Object.assign(state, { scenario, off: {}, report: page === 'report' ? { source: 'CodeCarbon + greenfront' } : state.report });
          location.hash = buildHash(page, state);
        },
      }),
    };
    // A click on a page link first applies an edit still in its debounce, so the link
    // (rebuilt from the state) carries it.
    document.querySelector('nav').addEventListener('click', () => {
      pages.estimate.flush();
      pages.compare.flush();
      pages.report.flush();
      pages.import.flush();
    }, { capture: true });
    document.getElementById('page-compare').addEventListener('goto-estimate', () => {
      pages.compare.flush();
      location.hash = buildHash('estimate', state);
    });
    status.hidden = true;
    document.body.dataset.ready = 'true';
    await route();
    window.addEventListener('hashchange', () => route().catch(fail));
    window.addEventListener('popstate', () => route().catch(fail));
  } catch (err) {
    fail(err);
  }
}

function fail(err) {
  status.hidden = false;
  status.classList.add('error');
  status.textContent = err instanceof GreenfrontError
    ? `The calculator failed: ${err.message}`
    : `Could not start the calculator: ${err.message}`;
  console.error(err);
}

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});

main();
