// The Estimate page: preset picker, the scenario form, and the result, recomputed by the
// core ~150 ms after the last keystroke. A rejected scenario shows each error next to its
// field and keeps the last good result on screen, marked stale.
import { h } from './dom.js';
import { Debounce } from './debounce.js';
import { ScenarioForm } from './form.js';
import { renderResult } from './results.js';
import { CO2E, formatKg } from './format.js';


export class EstimatePage {
  /**
   * root: the page's <section>; api: {estimate, GreenfrontError}; catalogs: Catalogs;
   * presets: PresetStore; onState(state, {push}): the app records the state in the URL.
   */
  constructor(root, { api, catalogs, presets, onState }) {
    this.root = root;
    this.api = api;
    this.presets = presets;
    this.onState = onState;
    this.debounce = new Debounce();
    this.lastGood = null;

    const form = root.querySelector('#scenario-form');
    this.form = new ScenarioForm(form, catalogs, () => this.changed());
    this.results = root.querySelector('#results-body');
    this.resultsBox = root.querySelector('#results');
    this.staleNote = root.querySelector('#stale-note');
    this.live = root.querySelector('#result-live');
    this.mini = root.querySelector('#mini-total');

    this.presetSelect = root.querySelector('#preset');
    this.presetSource = root.querySelector('#preset-source');
    for (const preset of presets.index) {
      this.presetSelect.append(h('option', { value: preset.id, text: preset.label }));
    }
    this.presetSelect.addEventListener('change', () => this.choosePreset(this.presetSelect.value));
  }

  async choosePreset(id) {
    if (!id) return;
    const info = this.presets.info(id);
    this.presetSource.textContent = info ? `Source: ${info.source}` : '';
    const scenario = await this.presets.load(id);
    this.form.setState(scenario, {});
    this.onState(this.form.getState(), { push: true });
    this.compute();
  }

  /** Shows a state from the URL (or a preset) and computes its result at once. */
  show(state, { presetId = null } = {}) {
    this.debounce.cancel();
    this.form.setState(state.scenario, state.off ?? {});
    this.presetSelect.value = presetId && this.presets.info(presetId) ? presetId : '';
    const info = presetId ? this.presets.info(presetId) : null;
    this.presetSource.textContent = info ? `Source: ${info.source}` : '';
    this.compute();
  }

  changed() {
    const from = this.presets.info(this.presetSelect.value);
    if (from) this.presetSource.textContent = `Edited from the preset “${from.label}” (${from.source}).`;
    this.presetSelect.value = '';
    // The URL follows the same debounce (browsers throttle floods of replaceState).
    this.debounce.schedule(() => {
      this.onState(this.form.getState(), { push: false });
      this.compute();
    });
  }

  /** Applies an edit still waiting for its debounce (before leaving the page). */
  flush() {
    this.debounce.flush();
  }

  compute() {
    this.debounce.cancel();
    const { scenario } = this.form.getState();
    const name = typeof scenario.name === 'string' ? scenario.name : '';
    let result;
    try {
      result = this.api.estimate(scenario);
    } catch (err) {
      const errors = err instanceof this.api.GreenfrontError ? err.errors
        : [{ code: 'internal.error', path: '', message: `[internal.error] ${err.message}` }];
      this.form.showErrors(errors);
      this.markStale(true, errors.length);
      return;
    }
    this.form.clearErrors();
    this.form.setDefaultsUsed(result.defaults_used);
    if (!this.lastGood && performance.getEntriesByName('greenfront:first-result').length === 0) {
      performance.mark('greenfront:first-result');  // the time to the first result (browser tests report it)
    }
    this.lastGood = result;
    renderResult(this.results, result);
    this.resultsBox.dataset.resultFor = name;
    this.resultsBox.dataset.seq = String(Number(this.resultsBox.dataset.seq ?? 0) + 1);
    this.markStale(false);
    this.live.textContent = `Total ${formatKg(result.total.co2e_kg.total_location)} ${CO2E} (location-based).`;
    this.updateMini();
  }

  /** Phone widths: a bar pinned to the bottom with the total and a way to the result. */
  updateMini() {
    const stale = this.resultsBox.dataset.state !== 'ok';
    const total = this.lastGood ? `${formatKg(this.lastGood.total.co2e_kg.total_location)} ${CO2E}` : '–';
    const jump = h('button', { type: 'button', class: 'link', text: 'See the result ↓' });
    jump.addEventListener('click', () => {
      this.resultsBox.scrollIntoView({ block: 'start' });
      this.resultsBox.querySelector('h2').focus?.();
    });
    this.mini.replaceChildren(
      h('span', null, h('span', { class: 'mini-label', text: stale ? 'Out of date: ' : 'Total: ' }), h('strong', { text: total })),
      jump);
    this.mini.classList.toggle('stale', stale);
    this.mini.hidden = false;
  }

  markStale(stale, count = 0) {
    this.resultsBox.dataset.state = stale ? (this.lastGood ? 'stale' : 'empty') : 'ok';
    this.resultsBox.classList.toggle('stale', stale);
    this.staleNote.hidden = !stale;
    if (stale) {
      const problems = count === 1 ? 'one problem' : `${count} problems`;
      this.staleNote.textContent = this.lastGood
        ? `Out of date: the scenario has ${problems} (see the form). This is the last valid result.`
        : `No result yet: the scenario has ${problems} (see the form).`;
      this.live.textContent = `The scenario has ${problems}.`;
    }
    this.updateMini();
  }
}
