// The Compare page: the scenario from the Estimate page in 2–16 columns side by side, each
// with its own region / hardware / device count / hours, ranked by the core's compare().
// A column's scenario is the current one with its overrides applied (columnScenario); the
// ranking, differences, ratios and verdict are the core's.
import { h } from './dom.js';
import { Debounce } from './debounce.js';
import { attachPicker } from './picker.js';
import { legend, mountChart, stackedBars } from './charts.js';
import { CO2E, formatKg, formatRatio } from './format.js';
import { shortMessage } from './form.js';
import { clone, formatFieldText, parseFieldText, splitPath } from './values.js';

const MAX_COLUMNS = 16;
const COMPUTE_PHASES = ['data', 'experimentation', 'training', 'inference', 'retraining'];
const METRICS = [
  ['total_location', 'total, location-based'], ['total_market', 'total, market-based'],
  ['operational_location', 'operational, location-based'], ['operational_market', 'operational, market-based'],
  ['embodied', 'embodied'],
];

export const DEFAULT_COMPARE = {
  metric: 'total_location',
  baseline: 0,
  columns: [{ name: 'As estimated' }, { name: 'In Sweden', region: 'SE' }, { name: 'In Poland', region: 'PL' }],
};

/** The phase a column's hardware / devices / hours apply to: training, else the first one. */
export function targetPhase(scenario) {
  if (scenario.training) return 'training';
  return COMPUTE_PHASES.find((id) => scenario[id] !== undefined) ?? null;
}

/**
 * The scenario of one column. region: a grid region or a cloud region ("gcp:…") for every
 * data-centre phase (it replaces their region, cloud region, fixed intensity and grid year);
 * hardware, device_count, hours: the target phase's.
 */
export function columnScenario(base, column) {
  const scenario = clone(base);
  if (column.region) {
    for (const block of [scenario.defaults, ...COMPUTE_PHASES.map((id) => scenario[id])]) {
      if (!block || typeof block !== 'object') continue;
      for (const key of ['region', 'cloud_region', 'intensity_g_per_kwh', 'grid_year']) delete block[key];
    }
    scenario.defaults = { ...(scenario.defaults ?? {}), [column.region.includes(':') ? 'cloud_region' : 'region']: column.region };
  }
  const target = targetPhase(scenario);
  if (target) {
    for (const key of ['hardware', 'device_count', 'hours']) {
      if (column[key] !== undefined) scenario[target][key] = column[key];
    }
  }
  return scenario;
}

const OVERRIDES = [
  { key: 'region', label: 'Region or cloud region', kind: 'where' },
  { key: 'hardware', label: 'Hardware', kind: 'hardware' },
  { key: 'device_count', label: 'Devices', kind: 'uncertain' },
  { key: 'hours', label: 'Hours', kind: 'uncertain' },
];

export class ComparePage {
  constructor(root, { api, catalogs, onState }) {
    this.root = root;
    this.api = api;
    this.catalogs = catalogs;
    this.onState = onState;
    this.debounce = new Debounce();
    this.columnsBox = root.querySelector('#columns');
    this.errorBox = root.querySelector('#compare-errors');
    this.output = root.querySelector('#compare-output');
    this.resultsBox = root.querySelector('#compare-results');
    this.metric = root.querySelector('#metric');
    this.baseline = root.querySelector('#baseline');
    this.baseName = root.querySelector('#compare-base');
    this.requestView = root.querySelector('#compare-request');
    this.banner = root.querySelector('#compare-verdict');
    for (const [value, text] of METRICS) this.metric.append(h('option', { value, text }));
    this.metric.addEventListener('change', () => { this.compare.metric = this.metric.value; this.changed(); });
    this.baseline.addEventListener('change', () => { this.compare.baseline = Number(this.baseline.value); this.changed(); });
    root.querySelector('#add-column').addEventListener('click', () => this.addColumn({}));
  }

  /** state: {scenario, compare}; compare null means the default columns. */
  show(state) {
    this.debounce.cancel();
    this.scenario = state.scenario;
    this.compare = clone(state.compare ?? DEFAULT_COMPARE);
    if (!Array.isArray(this.compare.columns)) this.compare.columns = clone(DEFAULT_COMPARE.columns);
    this.metric.value = METRICS.some(([m]) => m === this.compare.metric) ? this.compare.metric : 'total_location';
    const name = typeof this.scenario?.name === 'string' && this.scenario.name ? this.scenario.name : 'the current scenario';
    this.baseName.textContent = name;
    this.renderColumns();
    this.run();
  }

  target() {
    return this.scenario ? targetPhase(this.scenario) : null;
  }

  autoName(column, index) {
    const parts = [];
    if (column.region) parts.push(this.catalogs.describe('where', column.region) ?? column.region);
    if (column.hardware) parts.push(this.catalogs.describe('hardware', column.hardware) ?? column.hardware);
    if (column.device_count !== undefined) parts.push(`${formatFieldText(column.device_count, 'uncertain')} devices`);
    if (column.hours !== undefined) parts.push(`${formatFieldText(column.hours, 'uncertain')} h`);
    return parts.length > 0 ? parts.join(', ') : index === 0 ? 'As estimated' : `Scenario ${index + 1}`;
  }

  columnName(column, index) {
    return typeof column.name === 'string' && column.name.trim() ? column.name.trim() : this.autoName(column, index);
  }

  renderColumns() {
    const target = this.target();
    const cols = this.compare.columns;
    this.fieldMap = [];
    this.columnsBox.replaceChildren(...cols.map((column, i) => {
      const fields = new Map();
      const prefix = `c${i}`;
      const nameInput = h('input', { id: `${prefix}-name`, type: 'text', value: column.name ?? '', placeholder: this.autoName(column, i), autocomplete: 'off' });
      nameInput.addEventListener('input', () => {
        column.name = nameInput.value || undefined;
        if (column.name === undefined) delete column.name;
        this.changed();
      });
      const inputs = OVERRIDES.map((o) => {
        const id = `${prefix}-${o.key}`;
        const disabled = o.key !== 'region' && !target;
        const input = h('input', {
          id, type: 'text', autocomplete: 'off', spellcheck: 'false', disabled,
          value: formatFieldText(column[o.key], o.kind),
          placeholder: this.placeholder(o.key),
          'aria-describedby': `${id}-note`,
        });
        const note = h('span', { class: 'picker-note' });
        const noteP = h('p', { class: 'hint', id: `${id}-note` }, note);
        const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
        if (o.kind !== 'uncertain') attachPicker(input, note, o.kind, this.catalogs, ' (as estimated)')();
        input.addEventListener('input', () => {
          const value = parseFieldText(input.value, o.kind === 'uncertain' ? 'uncertain' : 'text');
          if (value === undefined) delete column[o.key]; else column[o.key] = value;
          nameInput.placeholder = this.autoName(column, i);
          this.changed();
        });
        const label = o.key === 'region' ? o.label : `${o.label}${target ? ` (${target})` : ''}`;
        const wrap = h('div', { class: 'field' }, h('label', { for: id, text: label }), input, noteP, error);
        fields.set(o.key, { input, error, wrap, noteId: `${id}-note`, errorId: `${id}-error` });
        return wrap;
      });
      this.fieldMap.push(fields);
      const buttons = h('div', { class: 'column-actions' },
        h('button', { type: 'button', text: 'Duplicate', disabled: cols.length >= MAX_COLUMNS, 'aria-label': `Duplicate column ${i + 1}`, onclick: () => this.addColumn(clone(column), i + 1) }),
        h('button', { type: 'button', text: 'Remove', disabled: cols.length <= 2, 'aria-label': `Remove column ${i + 1}`, onclick: () => this.removeColumn(i) }));
      return h('article', { class: 'column', 'aria-labelledby': `${prefix}-title`, dataset: { index: String(i) } },
        h('h3', { id: `${prefix}-title` }, `Column ${i + 1}`, h('span', { class: 'rank-badge', id: `${prefix}-rank` })),
        h('div', { class: 'field' }, h('label', { for: `${prefix}-name`, text: 'Name' }), nameInput),
        inputs.slice(0, 2),
        h('div', { class: 'pair' }, inputs.slice(2)),
        h('p', { class: 'column-result', id: `${prefix}-result` }),
        buttons);
    }));
    this.root.querySelector('#add-column').disabled = cols.length >= MAX_COLUMNS;
    this.baseline.replaceChildren(...cols.map((column, i) => h('option', { value: String(i), text: `${i + 1}. ${this.columnName(column, i)}` })));
    const baseline = Number.isInteger(this.compare.baseline) && this.compare.baseline < cols.length ? this.compare.baseline : 0;
    this.compare.baseline = baseline;
    this.baseline.value = String(baseline);
  }

  placeholder(key) {
    if (!this.scenario) return '';
    if (key === 'region') {
      const d = this.scenario.defaults ?? {};
      return d.cloud_region ?? d.region ?? 'as estimated';
    }
    const target = this.target();
    const value = target ? this.scenario[target]?.[key] : undefined;
    if (value === undefined) return 'as estimated';
    if (key === 'hardware' && value && typeof value === 'object') return value.id ?? 'custom';
    return formatFieldText(value, 'uncertain');
  }

  addColumn(column, at = this.compare.columns.length) {
    if (this.compare.columns.length >= MAX_COLUMNS) return;
    this.compare.columns.splice(at, 0, column);
    this.renderColumns();
    this.changed(true);
    this.columnsBox.querySelector(`#c${at}-name`)?.focus();
  }

  removeColumn(index) {
    if (this.compare.columns.length <= 2) return;
    this.compare.columns.splice(index, 1);
    if (this.compare.baseline >= this.compare.columns.length) this.compare.baseline = 0;
    this.renderColumns();
    this.changed(true);
    this.columnsBox.querySelector(`#c${Math.min(index, this.compare.columns.length - 1)}-name`)?.focus();
  }

  changed(now = false) {
    this.debounce.schedule(() => {
      this.onState({ compare: clone(this.compare) });
      this.run();
    }, { now });
  }

  /** Applies an edit still waiting for its debounce (before leaving the page). */
  flush() {
    this.debounce.flush();
  }

  request() {
    return {
      schema_version: 1,
      metric: this.compare.metric ?? 'total_location',
      baseline: this.compare.baseline ?? 0,
      scenarios: this.compare.columns.map((column, i) => ({
        name: this.columnName(column, i),
        scenario: columnScenario(this.scenario, column),
      })),
    };
  }

  run() {
    this.debounce.cancel();
    this.clearErrors();
    for (const [i, option] of [...this.baseline.options].entries()) {
      option.textContent = `${i + 1}. ${this.columnName(this.compare.columns[i], i)}`;
    }
    if (!this.scenario) return;
    const request = this.request();
    this.requestView.textContent = JSON.stringify(request, null, 2);
    let result;
    try {
      result = this.api.compare(request);
    } catch (err) {
      const errors = err instanceof this.api.GreenfrontError ? err.errors
        : [{ code: 'internal.error', path: '', message: `[internal.error] ${err.message}` }];
      this.showErrors(errors);
      this.resultsBox.dataset.state = this.resultsBox.dataset.seq ? 'stale' : 'empty';
      this.resultsBox.classList.add('stale');
      this.banner.classList.add('stale');
      return;
    }
    this.resultsBox.classList.remove('stale');
    this.render(result);
    this.resultsBox.dataset.state = 'ok';
    this.resultsBox.dataset.seq = String(Number(this.resultsBox.dataset.seq ?? 0) + 1);
  }

  clearErrors() {
    this.errorBox.hidden = true;
    this.errorBox.replaceChildren();
    for (const fields of this.fieldMap ?? []) {
      for (const f of fields.values()) {
        f.error.hidden = true;
        f.input.removeAttribute('aria-invalid');
        f.input.setAttribute('aria-describedby', f.noteId);
        f.wrap.classList.remove('invalid');
      }
    }
  }

  showErrors(errors) {
    const target = this.target();
    const general = new Map();
    for (const error of errors) {
      const m = /^scenarios\[(\d+)\]\.scenario\.?(.*)$/.exec(error.path ?? '');
      let placed = false;
      if (m) {
        const index = Number(m[1]);
        const inner = m[2];
        const column = this.compare.columns[index];
        const keys = splitPath(inner);
        let key = null;
        if (keys[0] === 'defaults' && ['region', 'cloud_region'].includes(keys[1]) && column?.region) key = 'region';
        if (keys[0] === target && ['hardware', 'device_count', 'hours'].includes(keys[1]) && column?.[keys[1]] !== undefined) key = keys[1];
        const field = key && this.fieldMap[index]?.get(key);
        if (field) {
          field.error.textContent = shortMessage({ ...error, path: error.path });
          field.error.hidden = false;
          field.input.setAttribute('aria-invalid', 'true');
          field.input.setAttribute('aria-describedby', `${field.errorId} ${field.noteId}`);
          field.wrap.classList.add('invalid');
          placed = true;
        }
        if (!placed) {
          // The same problem in every column comes from the Estimate page's scenario.
          const text = shortMessage(error).replace(/^scenarios\[\d+\]\.scenario\./, '');
          const where = inner || '(document)';
          const entry = general.get(where + text) ?? { where, text, columns: [] };
          entry.columns.push(index + 1);
          general.set(where + text, entry);
        }
      } else {
        general.set(error.message, { where: error.path || '(request)', text: shortMessage(error), columns: [] });
      }
    }
    if (general.size > 0) {
      const link = h('a', { href: '#/estimate', class: 'to-estimate', text: 'Fix it on the Estimate page' });
      link.addEventListener('click', (event) => { event.preventDefault(); this.root.dispatchEvent(new CustomEvent('goto-estimate', { bubbles: true })); });
      this.errorBox.replaceChildren(
        h('p', { class: 'summary-title', text: 'The comparison cannot run:' }),
        h('ul', null, [...general.values()].map((e) => h('li', null,
          h('code', { text: e.where }), `: ${e.text}`,
          e.columns.length > 0 && e.columns.length < this.compare.columns.length ? ` (column ${e.columns.join(', ')})` : ''))),
        link);
      this.errorBox.hidden = false;
    }
  }

  render(result) {
    const cols = result.scenarios;
    const best = result.best;
    cols.forEach((col, i) => {
      const badge = this.root.querySelector(`#c${i}-rank`);
      if (badge) {
        badge.textContent = col.rank === 1 ? ' · best' : ` · rank ${col.rank}`;
        badge.classList.toggle('best', col.rank === 1);
      }
      const out = this.root.querySelector(`#c${i}-result`);
      if (out) {
        out.replaceChildren(
          h('data', { class: 'fig big', value: String(col.co2e_kg), dataset: { value: String(col.co2e_kg), path: `scenarios.${i}.co2e_kg` }, text: formatKg(col.co2e_kg) }),
          ` ${CO2E}`, h('br'),
          col.rank === 1 ? 'the lowest' : h('span', null, '+', h('data', { value: String(col.delta_vs_best_kg), dataset: { value: String(col.delta_vs_best_kg), path: `scenarios.${i}.delta_vs_best_kg` }, text: formatKg(col.delta_vs_best_kg) }), ` vs best (${formatRatio(col.ratio_to_best)})`));
      }
    });

    const metricLabel = METRICS.find(([m]) => m === result.metric)?.[1] ?? result.metric;
    const verdict = h('p', { class: 'verdict', id: 'verdict', dataset: { bestIndex: String(best.index), bestName: best.name } },
      h('strong', { text: `Best: ${best.name}. ` }), result.verdict);
    this.banner.replaceChildren(h('span', { class: 'banner-label', text: 'Best choice: ' }),
      h('strong', { text: best.name }), ' — ',
      h('data', { class: 'fig', value: String(best.co2e_kg), dataset: { value: String(best.co2e_kg), path: 'best.co2e_kg' }, text: formatKg(best.co2e_kg) }),
      ` ${CO2E} (${metricLabel}), `,
      h('data', { class: 'fig', value: String(result.saving_vs_worst_kg), dataset: { value: String(result.saving_vs_worst_kg), path: 'saving_vs_worst_kg' }, text: formatKg(result.saving_vs_worst_kg) }),
      ' less than the worst.');
    this.banner.classList.remove('stale');

    const ranking = h('ol', { class: 'ranking', id: 'ranking' }, result.ranking.map((index) => {
      const col = cols[index];
      return h('li', { dataset: { index: String(index) } },
        h('span', { class: 'rank-name', text: col.name }), ' ',
        h('data', { class: 'fig', value: String(col.co2e_kg), dataset: { value: String(col.co2e_kg), path: `ranking.${index}.co2e_kg` }, text: formatKg(col.co2e_kg) }));
    }));

    const box = h('div', { class: 'chart-box' });
    const rows = result.ranking.map((index) => {
      const col = cols[index];
      return {
        label: `${col.rank}. ${col.name}`,
        note: col.rank === 1 ? `${formatKg(col.co2e_kg)} (best)` : `${formatKg(col.co2e_kg)} · +${formatKg(col.delta_vs_best_kg)} · ${formatRatio(col.ratio_to_best)}`,
        segments: col.rank === 1 || index === best.index
          ? [{ value: col.co2e_kg, cls: 'seg-best', name: 'best' }]
          : [{ value: best.co2e_kg, cls: 'seg-best', name: `as much as the best (${best.name})` },
            { value: col.delta_vs_best_kg, cls: 'seg-delta', name: 'more than the best' }],
      };
    });
    mountChart(box, (width) => stackedBars(rows, {
      width, title: `${metricLabel} CO2e per scenario, lowest first`,
      desc: rows.map((row) => `${row.label}: ${row.note}`).join('; '),
    }));

    const metricCols = [
      ['result.total.co2e_kg.total_location', 'Total (location)'],
      ['result.total.co2e_kg.total_market', 'Total (market)'],
      ['result.total.co2e_kg.embodied', 'Embodied'],
      ['delta_vs_best_kg', 'vs best'],
      ['delta_vs_baseline_kg', `vs baseline (${result.baseline + 1})`],
    ];
    const get = (obj, path) => path.split('.').reduce((node, key) => node?.[key], obj);
    const table = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Comparison table (scrolls sideways)' },
      h('table', { class: 'numbers' },
        h('caption', { text: `Ranked on: ${metricLabel}` }),
        h('thead', null, h('tr', null, h('th', { scope: 'col', text: 'Scenario' }), h('th', { scope: 'col', text: 'Rank' }),
          metricCols.map(([, label]) => h('th', { scope: 'col', text: label })), h('th', { scope: 'col', text: '× best' }))),
        h('tbody', null, cols.map((col, i) => h('tr', null,
          h('th', { scope: 'row', text: col.name }),
          h('td', { text: String(col.rank) }),
          metricCols.map(([path]) => {
            const value = get(col, path);
            return h('td', null, h('data', { class: 'fig', value: String(value), dataset: { value: String(value), path: `scenarios.${i}.${path}` }, text: formatKg(value) }));
          }),
          h('td', { text: formatRatio(col.ratio_to_best) }))))));

    this.output.replaceChildren(
      verdict,
      h('h3', { text: 'Ranking' }), ranking,
      h('figure', { class: 'chart-figure' }, h('figcaption', { text: `Differences from the best (${metricLabel})` }), box,
        legend([{ cls: 'seg-best', name: `the best's ${CO2E}` }, { cls: 'seg-delta', name: 'more than the best' }])),
      table);
    box._chartDraw?.();
  }
}
