// <greenfront-calculator>: the embeddable carbon estimate (docs/embedding.md).
//
//   <script type="module" src="https://example.org/greenfront/greenfront-calculator.js"></script>
//   <greenfront-calculator preset="gpt3" compact>Loading the carbon estimate…</greenfront-calculator>
//
// Attributes (all optional; a change re-renders):
//   preset    an id of presets/index.json (default: the index's first, the small custom model)
//   scenario  base64url of a scenario's compact JSON, the site's s= encoding; wins over preset
//   compact   only the total, the 90 % band if any and the per-phase chart
//   base      URL of the site root holding wasm/ and presets/ (default: this module's folder)
// Light-DOM children are the fallback shown while loading (and, as they are, when the
// module never runs). Every number comes from the core, as on the site: the element only
// renders the core's response (js/results.js). Nothing is sent anywhere; the element
// fetches the wasm module and the presets from `base` only.
import { h } from './js/dom.js';
import { PresetStore } from './js/presets.js';
import { renderSummary } from './js/results.js';
import { decodeState, encodeState } from './js/state.js';

const MODULE_BASE = new URL('./', import.meta.url);
const STYLESHEETS = ['style.css', 'greenfront-calculator.css'].map((file) => new URL(file, import.meta.url).href);

// One core and one preset index per site root, shared by every element of the page.
const sites = new Map();
function site(base) {
  const key = base.href;
  if (!sites.has(key)) {
    const entry = (async () => {
      const api = await import(new URL('wasm/greenfront.js', base).href);
      const presets = new PresetStore(new URL('presets/', base));
      await Promise.all([api.load({ baseUrl: new URL('wasm/', base) }), presets.init()]);
      return { api, presets };
    })();
    entry.catch(() => sites.delete(key));  // a later render may retry
    sites.set(key, entry);
  }
  return sites.get(key);
}

function resolveBase(value) {
  if (!value) return MODULE_BASE;
  const url = new URL(value, document.baseURI);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

export class GreenfrontCalculator extends HTMLElement {
  static get observedAttributes() { return ['preset', 'scenario', 'compact', 'base']; }

  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    const links = STYLESHEETS.map((href) => h('link', { rel: 'stylesheet', href }));
    this._styled = Promise.all(links.map((link) => new Promise((resolve) => {
      link.addEventListener('load', resolve, { once: true });
      link.addEventListener('error', resolve, { once: true });  // unstyled beats nothing
    })));
    this._body = h('div', { class: 'gfc', part: 'body', role: 'group', 'aria-label': 'Carbon footprint estimate', dataset: { state: 'loading' } },
      h('div', { class: 'gfc-fallback' }, h('slot')));
    this._live = h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' });
    this.shadowRoot.append(...links, this._body, this._live);
    this._token = 0;
    this._scheduled = false;
    this._result = null;
    this._scenario = null;
  }

  connectedCallback() { this._schedule(); }

  attributeChangedCallback(_name, oldValue, newValue) {
    if (oldValue !== newValue && this.isConnected) this._schedule();
  }

  /** The last result shown (the core's response), or null. */
  get result() { return this._result; }

  /** The scenario shown (as sent to the core), or null. */
  get scenario() { return this._scenario ? structuredClone(this._scenario) : null; }

  // Attribute changes in one task (e.g. preset and compact set together) render once.
  _schedule() {
    if (this._scheduled) return;
    this._scheduled = true;
    queueMicrotask(() => {
      this._scheduled = false;
      if (this.isConnected) this._render();
    });
  }

  async _render() {
    const token = ++this._token;
    const stale = () => token !== this._token;
    const compact = this.hasAttribute('compact');
    this._body.classList.toggle('compact', compact);
    if (this._result) this._body.dataset.state = 'updating';
    let base;
    try {
      base = resolveBase(this.getAttribute('base'));
      const [{ api, presets }] = await Promise.all([site(base), this._styled]);
      if (stale()) return;
      let scenario;
      let label = null;
      const encoded = this.getAttribute('scenario');
      if (encoded) {
        scenario = decodeState('scenario', encoded.trim());
      } else {
        const wanted = this.getAttribute('preset');
        const id = wanted || presets.defaultId;
        const info = presets.info(id);
        if (!info) throw new Error(`there is no preset "${wanted}" (known: ${presets.index.map((p) => p.id).join(', ')})`);
        scenario = await presets.load(id);
        label = info.label;
        if (stale()) return;
      }
      await api.load({ baseUrl: new URL('wasm/', base) });  // a no-op unless a failed instance was dropped
      if (stale()) return;
      const result = api.estimate(scenario);
      this._show(result, scenario, { base, label, compact });
    } catch (err) {
      if (!stale()) this._fail(err, base);
    }
  }

  _show(result, scenario, { base, label, compact }) {
    const updated = this._result !== null;
    this._result = result;
    this._scenario = scenario;
    const name = label ?? result.name ?? scenario.name ?? 'Scenario';
    const content = h('div', { class: 'gfc-result' });
    renderSummary(content, result, { compact });
    const open = h('a', {
      class: 'gfc-open', href: `${new URL('./', base).href}#/estimate?s=${encodeState(scenario)}`,
      target: '_blank', rel: 'noopener', text: 'Open in the calculator',
    });
    this._body.replaceChildren(
      h('p', { class: 'gfc-title' }, h('span', { class: 'gfc-name', text: name })),
      content,
      h('p', { class: 'gfc-footer' }, open,
        h('span', { class: 'gfc-credit', text: ' · computed in your browser by greenfront; nothing is sent anywhere' })));
    for (const box of content.querySelectorAll('.chart-box')) box._chartDraw?.();
    this._body.dataset.state = 'ok';
    this._body.dataset.resultFor = result.name ?? '';
    this._body.setAttribute('aria-label', `Carbon footprint estimate: ${name}`);
    if (updated) this._live.textContent = `${name}: estimate updated.`;  // not on the page's first load
    this.dispatchEvent(new CustomEvent('greenfront-result', { detail: { result, scenario }, bubbles: true, composed: true }));
  }

  _fail(err, base) {
    this._result = null;
    const reason = err?.name === 'GreenfrontError' ? `the core rejected the scenario: ${err.message}`
      : err?.name === 'StateError' ? err.message.replace('part of the link', 'attribute')
        : String(err?.message ?? err);
    const wasm = typeof WebAssembly !== 'object';
    this._body.replaceChildren(
      h('p', { class: 'gfc-error', role: 'alert' },
        h('strong', { text: 'The carbon estimate could not be shown. ' }),
        wasm ? 'This browser does not run WebAssembly, which the calculator needs.' : `Reason: ${reason}`),
      base ? h('p', { class: 'gfc-footer' }, h('a', { href: `${new URL('./', base).href}#/estimate`, target: '_blank', rel: 'noopener', text: 'Open the calculator' })) : null);
    this._body.dataset.state = 'error';
    this.dispatchEvent(new CustomEvent('greenfront-error', { detail: { error: err }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('greenfront-calculator')) customElements.define('greenfront-calculator', GreenfrontCalculator);
