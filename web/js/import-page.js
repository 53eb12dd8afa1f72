// The Import page: a CodeCarbon emissions.csv (dropped, chosen, or the built-in example)
// goes to the core as bytes (importCodecarbon reads UTF-8, else Latin-1); the page shows
// the core's account of the file (columns version, encoding, runs, skipped rows, warnings),
// the estimate of the resulting scenario next to CodeCarbon's own figure, and opens that
// scenario in Estimate, Compare or Report. A file the core refuses shows its message, with
// the line it points at, next to the drop zone.
import { h } from './dom.js';
import { Debounce } from './debounce.js';
import { attachPicker } from './picker.js';
import { figure } from './results.js';
import { CO2E, formatKwh, formatNumber } from './format.js';
import { shortMessage } from './form.js';

const DEBOUNCE_MS = 300;  // re-importing a file costs more than a keystroke
const PHASES = ['training', 'experimentation', 'inference', 'retraining', 'data'];
const EXAMPLE = 'examples/codecarbon-emissions.csv';

/** "csv.row[3]" -> 3 (the file's line, counting the header as line 1), else null. */
export function rowOf(path) {
  const m = /^csv\.row\[(\d+)\]/.exec(path ?? '');
  return m ? Number(m[1]) : null;
}

export class ImportPage {
  /** api: {importCodecarbon, estimate, GreenfrontError}; onOpen(page, scenario). */
  constructor(root, { api, catalogs, onOpen }) {
    this.root = root;
    this.api = api;
    this.onOpen = onOpen;
    this.bytes = null;
    this.fileName = '';
    this.result = null;
    this.debounce = new Debounce(DEBOUNCE_MS);

    this.fileInput = h('input', { type: 'file', id: 'import-file', accept: '.csv,text/csv,text/plain', 'aria-describedby': 'import-drop-hint import-error' });
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      if (file) this.readFile(file);
    });
    this.exampleButton = h('button', { type: 'button', id: 'import-example', text: 'Try an example', onclick: () => this.loadExample() });
    this.fileLabel = h('p', { id: 'import-file-name', class: 'file-name', 'aria-live': 'polite' });
    this.errorBox = h('div', { id: 'import-error', class: 'error-summary import-error', role: 'alert', hidden: true });
    this.drop = h('div', { id: 'import-drop', class: 'drop-zone' },
      h('p', { class: 'drop-title', text: 'Drop a CodeCarbon emissions.csv here' }),
      h('div', { class: 'drop-row' },
        h('div', { class: 'field' }, h('label', { for: 'import-file', text: 'or choose the file' }), this.fileInput),
        this.exampleButton),
      h('p', { id: 'import-drop-hint', class: 'hint', text: 'The file is read in this page and never sent anywhere. Any CodeCarbon version from 1.0 on; UTF-8 or Latin-1.' }),
      this.fileLabel,
      this.errorBox);
    for (const type of ['dragenter', 'dragover']) {
      this.drop.addEventListener(type, (event) => {
        event.preventDefault();
        this.drop.classList.add('dragging');
      });
    }
    for (const type of ['dragleave', 'dragend']) this.drop.addEventListener(type, () => this.drop.classList.remove('dragging'));
    this.drop.addEventListener('drop', (event) => {
      event.preventDefault();
      this.drop.classList.remove('dragging');
      const file = event.dataTransfer?.files?.[0];
      if (file) this.readFile(file);
    });

    // Options: phase, hardware and region overrides, one run.
    this.fieldErrors = {};
    const option = (key, label, control, hint, extra = null) => {
      control.id = `import-${key}`;
      const errorId = `import-${key}-error`;
      this.fieldErrors[key] = h('p', { class: 'field-error', id: errorId, hidden: true });
      control.setAttribute('aria-describedby', `import-${key}-hint ${errorId}`);
      return h('div', { class: 'field' }, h('label', { for: control.id, text: label }), control,
        h('p', { class: 'hint', id: `import-${key}-hint`, text: hint }), extra, this.fieldErrors[key]);
    };
    this.phase = h('select', null, PHASES.map((p) => h('option', { value: p, text: p })));
    this.hardware = h('input', { type: 'text', placeholder: 'from the file' });
    this.region = h('input', { type: 'text', placeholder: 'from the file' });
    this.run = h('select', null, h('option', { value: '', text: 'all runs' }));
    const hwNote = h('span', { class: 'picker-note' });
    const regionNote = h('span', { class: 'picker-note' });
    attachPicker(this.hardware, hwNote, 'hardware', catalogs, '');
    attachPicker(this.region, regionNote, 'region', catalogs, '');
    this.phase.addEventListener('change', () => this.reimport());
    this.run.addEventListener('change', () => this.reimport());
    for (const input of [this.hardware, this.region]) input.addEventListener('input', () => this.changed());
    this.options = h('fieldset', { class: 'block import-options' },
      h('legend', { text: 'Options' }),
      h('div', { class: 'fields' },
        option('phase', 'Phase', this.phase, 'The lifecycle phase the measured energy fills.'),
        option('hardware', 'Hardware', this.hardware, 'A catalog id instead of the file\'s GPU or CPU model.', h('p', { class: 'hint' }, hwNote)),
        option('region', 'Region', this.region, 'A grid region instead of the file\'s country or cloud region.', h('p', { class: 'hint' }, regionNote)),
        option('run', 'Run', this.run, 'One run of the file, or all of them (each counted once).')));

    this.output = h('div', { id: 'import-output' });
    this.staleNote = h('p', { id: 'import-stale-note', class: 'stale-note', hidden: true });
    this.resultsBox = h('section', { id: 'import-results', class: 'results import-results', 'aria-labelledby': 'import-results-title', dataset: { state: 'empty' } },
      h('h2', { id: 'import-results-title', tabindex: '-1', text: 'What the core read' }),
      this.staleNote,
      this.output);
    this.output.append(h('p', { class: 'hint', text: 'Choose a file, drop one, or try the example: the account of the file and its estimate show here.' }));

    root.replaceChildren(
      h('h1', { id: 'import-title', tabindex: '-1', text: 'Import a CodeCarbon emissions.csv' }),
      h('p', { class: 'lede' }, 'CodeCarbon measures the energy of a run; greenfront adds what a tracker cannot see: the embodied carbon of the hardware, the market-based figure, the other lifecycle phases and what-if answers. The file becomes a scenario whose phase holds the ',
        h('strong', { text: 'measured' }), ' energy and runtime; open it in Estimate, Compare or Report.'),
      h('div', { class: 'import-layout' }, h('div', { class: 'import-inputs' }, this.drop, this.options), this.resultsBox));
  }

  show() {
    // The page keeps its file and result while the user visits the other pages.
  }

  flush() {
    this.debounce.flush();
  }

  changed() {
    this.debounce.schedule(() => this.reimport());
  }

  async readFile(file) {
    this.fileName = file.name;
    this.run.value = '';
    this.importBytes(new Uint8Array(await file.arrayBuffer()), { fresh: true });
  }

  async loadExample() {
    this.exampleButton.disabled = true;
    try {
      const response = await fetch(EXAMPLE);
      if (!response.ok) throw new Error(`${EXAMPLE}: HTTP ${response.status}`);
      this.fileName = 'emissions.csv (example: two runs of a fine-tuning on 2 H100 in gcp:us-central1)';
      this.importBytes(new Uint8Array(await response.arrayBuffer()), { fresh: true });
    } catch (err) {
      this.showErrors([{ code: 'fetch', path: '', message: `Could not load the example: ${err.message}` }]);
    } finally {
      this.exampleButton.disabled = false;
    }
  }

  reimport() {
    this.debounce.cancel();
    if (this.bytes) this.importBytes(this.bytes, { fresh: false });
  }

  importOptions(fresh) {
    const options = { phase: this.phase.value };
    const hardware = this.hardware.value.trim();
    const region = this.region.value.trim();
    if (hardware) options.hardware = hardware;
    if (region) options.region = region;
    if (!fresh && this.run.value) options.run = this.run.value;
    return options;
  }

  importBytes(bytes, { fresh }) {
    this.bytes = bytes;
    this.fileLabel.textContent = `File: ${this.fileName} (${formatNumber(bytes.length)} bytes)`;
    for (const [key, el] of Object.entries(this.fieldErrors)) {
      el.hidden = true;
      el.textContent = '';
      this.options.querySelector(`#import-${key}`).removeAttribute('aria-invalid');
    }
    this.errorBox.hidden = true;
    let result;
    try {
      result = this.api.importCodecarbon(bytes, this.importOptions(fresh));
    } catch (err) {
      this.showErrors(err instanceof this.api.GreenfrontError ? err.errors
        : [{ code: 'internal.error', path: '', message: `[internal.error] ${err.message}` }]);
      return;
    }
    let estimate = null;
    let estimateErrors = null;
    try {
      estimate = this.api.estimate(result.scenario);
    } catch (err) {
      estimateErrors = err instanceof this.api.GreenfrontError ? err.errors : [{ code: 'internal.error', path: '', message: err.message }];
    }
    this.result = result;
    this.resultName = this.fileName;
    this.staleNote.hidden = true;
    if (fresh || this.run.options.length !== result.import.runs.length + 1) this.fillRuns(result);
    this.render(result, estimate, estimateErrors);
  }

  fillRuns(result) {
    const chosen = this.run.value;
    const runs = result.import.runs;
    this.run.replaceChildren(h('option', { value: '', text: `all runs (${result.import.runs_count})` }),
      ...runs.map((r) => h('option', { value: r.run_id, text: `${r.run_id} · ${formatKwh(r.energy_kwh)}` })));
    this.run.value = runs.some((r) => r.run_id === chosen) ? chosen : '';
  }

  showErrors(errors) {
    const general = [];
    for (const error of errors) {
      const key = ['hardware', 'region', 'run', 'phase'].find((k) => error.path === k);
      if (key) {
        this.fieldErrors[key].textContent = shortMessage(error);
        this.fieldErrors[key].hidden = false;
        this.fieldErrors[key].dataset.code = error.code;
        this.options.querySelector(`#import-${key}`).setAttribute('aria-invalid', 'true');
      } else {
        general.push(error);
      }
    }
    if (general.length > 0) {
      this.errorBox.replaceChildren(
        h('p', { class: 'summary-title', text: 'This file cannot be imported:' }),
        h('ul', null, general.map((e) => {
          const row = rowOf(e.path);
          return h('li', { dataset: { code: e.code, path: e.path, ...(row ? { row: String(row) } : {}) } },
            row ? h('strong', { text: `Line ${row} of the file: ` }) : null, shortMessage(e),
            h('span', { class: 'error-code', text: ` (${e.code})` }));
        })));
      this.errorBox.hidden = false;
    }
    this.resultsBox.dataset.state = this.result ? 'stale' : 'empty';
    this.resultsBox.classList.toggle('stale', true);
    this.staleNote.hidden = !this.result;
    this.staleNote.textContent = this.result ? `Out of date: this is the last file that could be imported (${this.resultName}).` : '';
    for (const button of this.output.querySelectorAll('.open-actions button')) button.disabled = true;
  }

  render(result, estimate, estimateErrors) {
    const info = result.import;
    const account = [
      ['Columns', h('span', { text: `CodeCarbon ${info.columns_version}${info.task_file ? ' (task output)' : ''}${info.columns_in_codecarbon_order === false ? ', columns re-ordered' : ''}` })],
      ['Encoding', h('span', { id: 'import-encoding', text: info.encoding })],
      ['Rows read', figure(info.rows_read, 'import.rows_read', formatNumber)],
      ['Runs', figure(info.runs_count, 'import.runs_count', formatNumber)],
      ['Rows skipped', figure(info.rows_skipped_count, 'import.rows_skipped_count', formatNumber)],
      ['Measured energy', figure(info.totals.energy_kwh, 'import.totals.energy_kwh', formatKwh)],
      ['Duration (h)', figure(info.totals.hours, 'import.totals.hours', formatNumber)],
    ];
    const cc = info.codecarbon_emissions_kg;
    const co2e = estimate?.total.co2e_kg;
    const comparison = h('section', { class: 'block import-compare', 'aria-labelledby': 'import-compare-title' },
      h('h3', { id: 'import-compare-title', text: `${CO2E} of the imported scenario` }),
      estimate ? h('dl', { class: 'figures' }, [
        ['greenfront: total, location-based', figure(co2e.total_location, 'estimate.total.co2e_kg.total_location')],
        ['greenfront: operational, location-based', figure(co2e.operational_location, 'estimate.total.co2e_kg.operational_location')],
        ['greenfront: total, market-based', figure(co2e.total_market, 'estimate.total.co2e_kg.total_market')],
        ['greenfront: embodied', figure(co2e.embodied, 'estimate.total.co2e_kg.embodied')],
        ['CodeCarbon\'s own figure', cc == null ? h('span', { text: 'not in the file' }) : figure(cc, 'import.codecarbon_emissions_kg')],
      ].map(([label, el]) => h('div', null, h('dt', { text: label }), h('dd', null, el))))
        : h('ul', { class: 'error' }, (estimateErrors ?? []).map((e) => h('li', { text: e.message }))),
      h('p', { class: 'hint', text: 'CodeCarbon multiplies the measured energy by its own grid intensity; greenfront uses its catalogs (the region\'s grid, the data centre\'s PUE) and adds the hardware\'s embodied carbon.' }));

    const runsTable = h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'import-runs-caption' },
      h('table', { class: 'numbers runs-table', id: 'import-runs' },
        h('caption', { id: 'import-runs-caption', text: `Runs (${info.runs_count}): ${info.selection}` }),
        h('thead', null, h('tr', null, ['run', 'rows', 'energy', 'duration (s)', `CodeCarbon kg ${CO2E}`, 'hardware', 'region', 'used']
          .map((text) => h('th', { scope: 'col', text })))),
        h('tbody', null, info.runs.map((r, i) => h('tr', { dataset: { runId: r.run_id } },
          h('th', { scope: 'row', class: 'run-id', text: r.run_id }),
          h('td', null, figure(r.rows, `import.runs[${i}].rows`, formatNumber)),
          h('td', null, figure(r.energy_kwh, `import.runs[${i}].energy_kwh`, formatKwh)),
          h('td', null, figure(r.duration_s, `import.runs[${i}].duration_s`, formatNumber)),
          h('td', null, r.emissions_kg == null ? '–' : figure(r.emissions_kg, `import.runs[${i}].emissions_kg`, formatNumber)),
          h('td', { class: 'text', title: r.gpu_model ?? r.cpu_model ?? '', text: r.hardware_id ?? (r.gpu_model || r.cpu_model ? 'not matched' : '–') }),
          h('td', { class: 'text', text: r.cloud_region_id ?? r.region_id ?? '–' }),
          h('td', { class: 'text', text: r.used ? 'yes' : 'no' }))))));

    const skipped = info.rows_skipped_count > 0 ? h('section', { class: 'block', 'aria-labelledby': 'import-skipped-title' },
      h('h3', { id: 'import-skipped-title', text: `Rows skipped (${info.rows_skipped_count})` }),
      h('ul', { id: 'import-skipped' }, info.rows_skipped.map((s) => h('li', { dataset: { row: String(s.row) } }, h('strong', { text: `Line ${s.row}: ` }), s.reason)))) : null;
    const warnings = result.warnings.length > 0 ? h('section', { class: 'block warnings', 'aria-labelledby': 'import-warn-title' },
      h('h3', { id: 'import-warn-title', text: `Warnings (${result.warnings.length})` }),
      h('ul', { id: 'import-warnings' }, result.warnings.map((w) => h('li', { text: w })))) : null;
    const open = (page, text) => h('button', { type: 'button', id: `import-to-${page}`, text, onclick: () => this.onOpen(page, this.result.scenario) });

    this.output.replaceChildren(...[
      h('p', { class: 'import-scenario-name' }, 'Scenario: ', h('strong', { id: 'import-scenario-name', text: result.scenario.name ?? '' })),
      h('div', { class: 'open-actions button-row' }, open('estimate', 'Open in Estimate'), open('compare', 'Compare'), open('report', 'Report')),
      comparison,
      h('dl', { class: 'figures import-account' }, account.map(([label, el]) => h('div', null, h('dt', { text: label }), h('dd', null, el)))),
      runsTable,
      skipped,
      warnings,
      h('details', { class: 'block' }, h('summary', { text: 'The scenario (JSON)' }), h('pre', { id: 'import-scenario', text: JSON.stringify(result.scenario, null, 2) })),
    ].filter(Boolean));
    this.resultsBox.dataset.state = 'ok';
    this.resultsBox.classList.remove('stale');
    this.resultsBox.dataset.seq = String(Number(this.resultsBox.dataset.seq ?? 0) + 1);
  }
}

