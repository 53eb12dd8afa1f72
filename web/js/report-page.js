// The Report page: the current scenario's carbon impact statement (seed 001 §V-A) and its
// Hugging Face model-card metadata, from the core's report(): the statement rendered from
// its Markdown (js/markdown.js, text nodes only), the YAML front matter, the per-phase CSV
// as a table, and Copy / Download of each text exactly as the core wrote it.
import { h } from './dom.js';
import { Debounce } from './debounce.js';
import { parseCsv } from './csv.js';
import { renderMarkdown } from './markdown.js';
import { figure } from './results.js';
import { CO2E, formatKwh, formatNumber } from './format.js';
import { shortMessage } from './form.js';

const FIELDS = ['model_name', 'training_type', 'source'];

/** The files the page offers: the text of each from the core's report response. */
export const REPORT_FORMATS = {
  markdown: { label: 'Markdown', ext: 'md', type: 'text/markdown', text: (r) => r.statement_markdown },
  yaml: { label: 'YAML', ext: 'yaml', type: 'application/yaml', text: (r) => r.model_card_yaml },
  json: { label: 'JSON', ext: 'json', type: 'application/json', text: (r) => `${JSON.stringify(r, null, 2)}\n` },
  csv: { label: 'CSV', ext: 'csv', type: 'text/csv', text: (r) => r.csv },
};

/** A file name from a model name: lower-case words joined by '-'. */
export function slug(name) {
  const text = String(name ?? '').normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return text || 'model';
}

/** Copies text: the async Clipboard API, else a hidden textarea and execCommand('copy'). */
export async function copyText(text) {
  try {
    if (window.isSecureContext && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return 'clipboard';
    }
  } catch {
    // permission refused or no focus: fall back
  }
  const buffer = h('textarea', { class: 'visually-hidden', readonly: true, 'aria-hidden': 'true', tabindex: '-1' });
  buffer.value = text;
  const active = document.activeElement;
  document.body.append(buffer);
  buffer.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  buffer.remove();
  active?.focus?.();
  return ok ? 'fallback' : null;
}

/** Saves text as a file: a Blob, an object URL and a click on an <a download> (no network). */
export function downloadText(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = h('a', { href: url, download: filename, class: 'visually-hidden', tabindex: '-1' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export class ReportPage {
  /** root: the page's <section>; api: {report, GreenfrontError}; onState({report}). */
  constructor(root, { api, onState }) {
    this.root = root;
    this.api = api;
    this.onState = onState;
    this.debounce = new Debounce();
    this.result = null;
    this.inputs = {};
    this.errors = {};

    const field = (key, label, control, hint) => {
      const errorId = `report-${key}-error`;
      const hintId = `report-${key}-hint`;
      control.id = `report-${key.replace('_', '-')}`;
      control.setAttribute('aria-describedby', `${hintId} ${errorId}`);
      control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', () => this.changed());
      this.inputs[key] = control;
      this.errors[key] = h('p', { class: 'field-error', id: errorId, hidden: true });
      return h('div', { class: 'field' }, h('label', { for: control.id, text: label }), control,
        h('p', { class: 'hint', id: hintId, text: hint }), this.errors[key]);
    };
    const trainingType = h('select', null,
      h('option', { value: '', text: 'none (not stated)' }),
      h('option', { value: 'pre-training', text: 'pre-training' }),
      h('option', { value: 'fine-tuning', text: 'fine-tuning' }));

    this.baseName = h('strong');
    this.errorBox = h('div', { id: 'report-errors', class: 'error-summary', role: 'alert', hidden: true });
    this.status = h('p', { id: 'report-copy-status', class: 'copy-status', role: 'status', 'aria-live': 'polite' });
    const buttons = (verb, handler) => Object.entries(REPORT_FORMATS).map(([id, f]) => h('button', {
      type: 'button', id: `report-${verb}-${id}`, dataset: { format: id },
      text: verb === 'copy' ? f.label : `.${f.ext}`,
      'aria-label': verb === 'copy' ? `Copy the ${f.label}` : `Download the ${f.label} (.${f.ext})`,
      onclick: () => handler(id),
    }));
    this.summary = h('div', { id: 'report-summary' });
    this.statement = h('article', { id: 'report-statement', class: 'statement', 'aria-label': 'Carbon impact statement' });
    this.markdown = h('pre', { id: 'report-markdown' });
    this.yaml = h('pre', { id: 'report-yaml', class: 'yaml' });
    this.csvBox = h('div', { id: 'report-csv' });
    this.csvText = h('pre', { id: 'report-csv-text' });
    this.warnings = h('div', { id: 'report-warnings' });
    this.resultsBox = h('section', { id: 'report-results', class: 'results report-results', 'aria-labelledby': 'report-statement-title', dataset: { state: 'empty' } },
      h('h2', { id: 'report-statement-title', text: 'Carbon impact statement' }),
      this.summary,
      this.statement,
      h('details', { class: 'block' }, h('summary', { text: 'The statement as Markdown (paste it into a paper or a README)' }), this.markdown),
      h('h2', { id: 'report-card-title', text: 'Hugging Face model card metadata' }),
      h('p', { class: 'hint card-note' },
        'The model card\'s ', h('code', { text: 'emissions' }), ' is in grams of CO₂e: the training phase\'s operational, location-based emissions, the scope the Hub\'s field and trackers such as CodeCarbon use; the embodied part goes in ',
        h('code', { text: 'embodied_emissions' }), ' and, with the other lifecycle phases, in the statement. Paste the lines between the ',
        h('code', { text: '---' }), ' fences at the top of the model\'s README.md.'),
      this.yaml,
      h('h2', { id: 'report-csv-title', text: 'Per phase (CSV)' }),
      this.csvBox,
      h('details', { class: 'block' }, h('summary', { text: 'The CSV text' }), this.csvText),
      this.warnings);

    root.replaceChildren(
      h('h1', { id: 'report-title', tabindex: '-1', text: 'Report: carbon impact statement and model card' }),
      h('p', { class: 'lede' }, 'A carbon impact statement for ', this.baseName,
        ' (the scenario of the Estimate page), as Wu et al. (MLSys 2022, §V-A) ask of every model: its operational and embodied footprint, the hardware, the number of devices and the runtime; and the ',
        h('code', { text: 'co2_eq_emissions' }), ' metadata of a Hugging Face model card. Every number and every sentence comes from the core.'),
      this.errorBox,
      h('div', { class: 'report-layout' },
        h('div', { class: 'report-controls block' },
          h('div', { class: 'fields' },
            field('model_name', 'Model name', h('input', { type: 'text', autocomplete: 'off' }), 'The statement\'s subject; empty: the scenario\'s name.'),
            field('training_type', 'Training type', trainingType, 'The Hub\'s training_type; none leaves it out.'),
            field('source', 'Source', h('input', { type: 'text', autocomplete: 'off', placeholder: 'greenfront' }), 'The card\'s source; empty: greenfront and its version.')),
          h('div', { class: 'report-buttons' },
            h('div', { class: 'button-row', role: 'group', 'aria-labelledby': 'report-copy-label' },
              h('span', { id: 'report-copy-label', class: 'button-row-label', text: 'Copy' }), buttons('copy', (id) => this.copy(id))),
            h('div', { class: 'button-row', role: 'group', 'aria-labelledby': 'report-download-label' },
              h('span', { id: 'report-download-label', class: 'button-row-label', text: 'Download' }), buttons('download', (id) => this.download(id)))),
          this.status),
        this.resultsBox));
  }

  /** state: {scenario, report}; report holds the fields {model_name, training_type, source}. */
  show(state) {
    this.debounce.cancel();
    this.scenario = state.scenario;
    const options = state.report ?? {};
    for (const key of FIELDS) this.inputs[key].value = typeof options[key] === 'string' ? options[key] : '';
    const name = typeof this.scenario?.name === 'string' && this.scenario.name ? this.scenario.name : 'the current scenario';
    this.baseName.textContent = name;
    this.inputs.model_name.placeholder = typeof this.scenario?.name === 'string' ? this.scenario.name : '';
    this.status.textContent = '';
    this.run();
  }

  options() {
    const out = {};
    for (const key of FIELDS) {
      const value = this.inputs[key].value.trim();
      if (value) out[key] = value;
    }
    return out;
  }

  changed() {
    this.debounce.schedule(() => {
      const options = this.options();
      this.onState({ report: Object.keys(options).length > 0 ? options : null });
      this.run();
    });
  }

  flush() {
    this.debounce.flush();
  }

  run() {
    for (const key of FIELDS) {
      this.errors[key].hidden = true;
      this.errors[key].textContent = '';
      this.inputs[key].removeAttribute('aria-invalid');
    }
    this.errorBox.hidden = true;
    let result;
    try {
      result = this.api.report({ scenario: this.scenario, ...this.options() });
    } catch (err) {
      const errors = err instanceof this.api.GreenfrontError ? err.errors
        : [{ code: 'internal.error', path: '', message: `[internal.error] ${err.message}` }];
      this.showErrors(errors);
      return;
    }
    this.result = result;
    this.render(result);
  }

  showErrors(errors) {
    const other = [];
    for (const error of errors) {
      const key = FIELDS.find((k) => error.path === k);
      if (key) {
        this.errors[key].textContent = shortMessage(error);
        this.errors[key].hidden = false;
        this.errors[key].dataset.code = error.code;
        this.inputs[key].setAttribute('aria-invalid', 'true');
      } else {
        other.push(error);
      }
    }
    if (other.length > 0) {
      this.errorBox.replaceChildren(
        h('p', { class: 'summary-title', text: 'The scenario cannot be reported (fix it on the Estimate page):' }),
        h('ul', null, other.map((e) => h('li', { dataset: { code: e.code, path: e.path } }, e.path ? h('code', { text: e.path }) : null, e.path ? ': ' : '', shortMessage(e)))));
      this.errorBox.hidden = false;
    }
    this.resultsBox.dataset.state = this.result ? 'stale' : 'empty';
    this.resultsBox.classList.add('stale');
    for (const button of this.root.querySelectorAll('[data-format]')) button.disabled = true;
  }

  render(result) {
    const co2e = result.estimate.total.co2e_kg;
    const card = result.model_card.co2_eq_emissions;
    const grams = (g) => `${formatNumber(g)} g`;
    this.summary.replaceChildren(h('dl', { class: 'figures' }, [
      ['Total, location-based', figure(co2e.total_location, 'estimate.total.co2e_kg.total_location')],
      ['Total, market-based', figure(co2e.total_market, 'estimate.total.co2e_kg.total_market')],
      ['Operational, location-based', figure(co2e.operational_location, 'estimate.total.co2e_kg.operational_location')],
      ['Embodied', figure(co2e.embodied, 'estimate.total.co2e_kg.embodied')],
      [`Model card emissions (g ${CO2E})`, figure(card.emissions, 'model_card.co2_eq_emissions.emissions', grams)],
      card.energy_consumed !== undefined && ['Model card energy', figure(card.energy_consumed, 'model_card.co2_eq_emissions.energy_consumed', formatKwh)],
    ].filter(Boolean).map(([label, el]) => h('div', null, h('dt', { text: label }), h('dd', null, el)))));
    this.statement.replaceChildren(renderMarkdown(result.statement_markdown));
    this.statement.dataset.markdown = result.statement_markdown;
    this.markdown.textContent = result.statement_markdown;
    this.yaml.textContent = result.model_card_yaml;
    this.csvText.textContent = result.csv;
    this.csvBox.replaceChildren(csvTable(result.csv));
    const warnings = result.warnings ?? [];
    this.warnings.replaceChildren(...(warnings.length === 0 ? [] : [h('section', { class: 'block warnings', 'aria-labelledby': 'report-warn-title' },
      h('h3', { id: 'report-warn-title', text: `Warnings (${warnings.length})` }),
      h('ul', null, warnings.map((w) => h('li', { text: typeof w === 'string' ? w : w.message ?? JSON.stringify(w) }))))]));
    this.resultsBox.dataset.state = 'ok';
    this.resultsBox.classList.remove('stale');
    for (const button of this.root.querySelectorAll('[data-format]')) button.disabled = false;
  }

  filename(format) {
    const name = this.options().model_name ?? this.scenario?.name ?? 'model';
    return `${slug(name)}-carbon-report.${REPORT_FORMATS[format].ext}`;
  }

  async copy(format) {
    if (!this.result) return;
    const f = REPORT_FORMATS[format];
    const how = await copyText(f.text(this.result));
    this.status.dataset.copied = how ? format : '';
    this.status.textContent = how ? `Copied the ${f.label} to the clipboard.` : `Could not copy the ${f.label}: select it on the page and copy it by hand.`;
  }

  download(format) {
    if (!this.result) return;
    const f = REPORT_FORMATS[format];
    const name = this.filename(format);
    downloadText(f.text(this.result), name, f.type);
    this.status.dataset.copied = '';
    this.status.textContent = `Saved ${name}.`;
  }
}

const CSV_LABELS = {
  phase: 'phase', hardware_id: 'hardware id', hardware: 'hardware', device_count: 'devices', runtime_hours: 'runtime (h)',
  device_hours: 'device-hours', region: 'region', pue: 'PUE', intensity_g_per_kwh: 'grid (g/kWh)',
  energy_it_kwh: 'energy, IT (kWh)', energy_static_kwh: 'energy, static (kWh)', energy_facility_kwh: 'energy, facility (kWh)',
  operational_location_kgco2e: 'operational, location (kg)', operational_market_kgco2e: 'operational, market (kg)',
  embodied_kgco2e: 'embodied (kg)', total_location_kgco2e: 'total, location (kg)', total_market_kgco2e: 'total, market (kg)',
  total_location_p5_kgco2e: 'p5, total, location (kg)', total_location_p95_kgco2e: 'p95, total, location (kg)',
};

/** The core's per-phase CSV as a table: numbers shortened for reading, exact text in data-value. */
function csvTable(text) {
  const [header = [], ...rows] = parseCsv(text);
  const numeric = new Set(header.filter((c) => !['phase', 'hardware_id', 'hardware', 'region'].includes(c)));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'report-csv-caption' },
    h('table', { class: 'numbers csv-table' },
      h('caption', { id: 'report-csv-caption', text: `One row per phase and the total; ${CO2E} in kg` }),
      h('thead', null, h('tr', null, header.map((c) => h('th', { scope: 'col', title: c, text: CSV_LABELS[c] ?? c })))),
      h('tbody', null, rows.map((row) => h('tr', row[0] === 'total' ? { class: 'sum' } : null, row.map((cell, k) => {
        const column = header[k];
        if (k === 0) return h('th', { scope: 'row', text: cell });
        if (!numeric.has(column) || cell === '') return h('td', { class: numeric.has(column) ? null : 'text', text: cell });
        return h('td', null, h('data', { class: 'fig', value: cell, dataset: { value: cell, path: `csv.${row[0]}.${column}` }, text: formatNumber(Number(cell)) }));
      }))))));
}

