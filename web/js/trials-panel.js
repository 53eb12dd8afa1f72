// The Optimize page's "Your trials" tab: a CSV of the user's own trials goes to the core's
// suggest request as text (trials_csv); the core infers the decision variables from the
// columns, finds the front of the trials and proposes the next configurations to try.
// The page only reads the CSV's header, to offer each column as an objective.
import { h } from './dom.js';
import { formatNumber, formatValue } from './format.js';
import { shortMessage } from './form.js';
import { FrontView } from './front-view.js';
import { parseCsv } from './csv.js';

// A pasted table up to this many characters travels in the link (o=, js/state.js); a
// larger one stays in the page, like a dropped file on the Import page.
const MAX_LINKED_CSV = 16384;
const MAXIMIZE = /acc|f1|auc|score|bleu|rouge|precision|recall|reward/i;
const OBJECTIVE = /acc|loss|f1|auc|score|bleu|rouge|precision|recall|reward|error|perplexity|kwh|kg|co2|energy|carbon/i;

export class TrialsPanel {
  /** worker(): the page's GreenfrontWorker; onChange(): the inputs changed (for the URL). */
  constructor({ worker, onChange = () => {} }) {
    this.worker = worker;
    this.onChange = onChange;
    this.csv = h('textarea', { id: 'trials-csv', rows: 8, spellcheck: 'false', 'aria-describedby': 'trials-csv-hint trials-csv-error',
      placeholder: 'learning_rate,epochs,region,val_accuracy,energy_kwh\n0.001,10,FR,0.91,12.5' });
    this.csv.addEventListener('input', () => this.readHeader());
    this.csv.addEventListener('change', () => this.onChange());
    this.columnsBox = h('fieldset', { class: 'block', id: 'trials-columns' }, h('legend', { text: 'Objectives' }));
    this.batch = h('input', { id: 'trials-batch', type: 'text', inputmode: 'numeric', value: '3', autocomplete: 'off', 'aria-describedby': 'trials-batch-error' });
    this.seed = h('input', { id: 'trials-seed', type: 'text', inputmode: 'numeric', value: '1', autocomplete: 'off', 'aria-describedby': 'trials-seed-error' });
    for (const input of [this.batch, this.seed]) input.addEventListener('change', () => this.onChange());
    this.errors = Object.fromEntries(['csv', 'batch', 'seed', 'objectives'].map((k) => [k, h('p', { class: 'field-error', id: `trials-${k}-error`, hidden: true })]));
    this.message = h('p', { id: 'trials-message', class: 'run-message', role: 'status' });
    this.view = new FrontView('trials');
    this.suggestions = h('div', { class: 'table-scroll', id: 'trials-suggestions' });
    this.variables = h('div', { class: 'table-scroll', id: 'trials-variables' });
    this.results = h('section', { id: 'trials-results', class: 'results', 'aria-labelledby': 'trials-results-title', dataset: { state: 'empty' } },
      h('h2', { id: 'trials-results-title', text: 'Your trials, their front and what to try next' }),
      h('p', { class: 'hint', text: 'Grey: your trials; highlighted: the front; hollow: the suggestions at their predicted means.' }),
      this.view.root,
      h('h3', { text: 'Next configurations to try' }), this.suggestions,
      h('h3', { text: 'Decision variables inferred from the columns' }), this.variables);
    this.root = h('div', { id: 'opt-panel-trials', role: 'tabpanel', 'aria-labelledby': 'opt-tab-trials', class: 'opt-layout', hidden: true },
      h('div', { class: 'opt-controls' },
        h('div', { class: 'field' }, h('label', { for: 'trials-csv', text: 'Trials (CSV with a header row)' }), this.csv,
          h('p', { class: 'hint', id: 'trials-csv-hint', text: 'One row per trial: hyperparameters, a quality (val_accuracy, loss…) and energy_kwh or co2e_kg; optionally trial_kg, each trial\'s own carbon. Every column that is not an objective becomes a decision variable unless you ignore it. Nothing leaves the page; a table up to 16 KB is kept in the link (the part after #, which no server sees).' }),
          this.errors.csv,
          h('button', { type: 'button', id: 'trials-example', text: 'Load example', onclick: () => this.loadExample() })),
        this.columnsBox,
        h('div', { class: 'pair' },
          h('div', { class: 'field' }, h('label', { for: 'trials-batch', text: 'Suggestions' }), this.batch, this.errors.batch),
          h('div', { class: 'field' }, h('label', { for: 'trials-seed', text: 'Seed' }), this.seed, this.errors.seed)),
        h('div', { class: 'run-row' }, h('button', { type: 'button', id: 'trials-run', class: 'primary', text: 'Suggest', onclick: () => this.run() })),
        this.message),
      this.results);
    this.readHeader();
  }

  async loadExample() {
    const response = await fetch(new URL('examples/trials.csv', document.baseURI));
    this.csv.value = await response.text();
    this.readHeader();
    this.onChange();
  }

  /**
   * The inputs for the link: {csv, roles: {column: role}, batch, seed}, or null when the
   * box is empty or the table is too large for a link (it then stays in the page only).
   */
  state() {
    const csv = this.csv.value;
    if (csv.trim() === '' || csv.length > MAX_LINKED_CSV) return null;
    const roles = {};
    for (const select of this.columnsBox.querySelectorAll('select')) roles[select.dataset.column] = select.value;
    return { csv, roles, batch: this.batch.value, seed: this.seed.value };
  }

  /** Puts linked inputs (shape-checked; the core checks the values) back in the form. */
  restore(t) {
    if (!t || typeof t.csv !== 'string') return;
    this.csv.value = t.csv;
    this.readHeader();
    const roles = t.roles && typeof t.roles === 'object' ? t.roles : {};
    for (const select of this.columnsBox.querySelectorAll('select')) {
      const role = roles[select.dataset.column];
      if ([...select.options].some((o) => o.value === role)) select.value = role;
    }
    if (typeof t.batch === 'string') this.batch.value = t.batch;
    if (typeof t.seed === 'string') this.seed.value = t.seed;
  }

  /** Offers each header column as an objective, guessing the sense from its name. */
  readHeader() {
    const header = (parseCsv(this.csv.value.split(/\r?\n/, 1)[0] ?? '')[0] ?? []).map((c) => c.trim()).filter(Boolean);
    if (JSON.stringify(header) === JSON.stringify(this.header)) return;
    this.header = header;
    const rows = header.filter((c) => c !== 'trial_kg').map((name) => {
      const id = `trials-col-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
      const sense = h('select', { id: `${id}-sense`, 'aria-label': `${name}: role` },
        h('option', { value: '', text: 'decision variable' }),
        h('option', { value: 'ignore', text: 'ignore (an id, a note)' }),
        h('option', { value: 'minimize', text: 'objective, minimize' }),
        h('option', { value: 'maximize', text: 'objective, maximize' }));
      sense.value = OBJECTIVE.test(name) ? (MAXIMIZE.test(name) ? 'maximize' : 'minimize') : '';
      sense.dataset.column = name;
      sense.addEventListener('change', () => this.onChange());
      return h('div', { class: 'field trials-column' }, h('label', { for: sense.id, text: name }), sense);
    });
    this.columnsBox.replaceChildren(h('legend', { text: 'Columns' }),
      ...(rows.length ? rows : [h('p', { class: 'hint', text: 'Paste a CSV or load the example to choose its objectives.' })]), this.errors.objectives);
  }

  request() {
    const roles = [...this.columnsBox.querySelectorAll('select')];
    const objectives = roles.filter((s) => s.value === 'minimize' || s.value === 'maximize')
      .map((s) => ({ name: s.dataset.column, sense: s.value }));
    const ignore = roles.filter((s) => s.value === 'ignore').map((s) => s.dataset.column);
    const num = (input) => (input.value.trim() === '' ? undefined : Number(input.value.trim()));
    return { request: 'suggest', schema_version: 1, trials_csv: this.csv.value, objectives,
      ...(ignore.length ? { ignore_columns: ignore } : {}), batch_size: num(this.batch), seed: num(this.seed) };
  }

  async run() {
    for (const e of Object.values(this.errors)) { e.hidden = true; e.textContent = ''; }
    const request = this.request();
    this.results.dataset.state = 'running';
    this.message.textContent = 'Fitting the surrogate and choosing the next trials…';
    this.message.className = 'run-message';
    try {
      const r = await this.worker().suggest(request, { timeoutMs: 120000 });
      this.show(r, request);
    } catch (err) {
      const errors = Array.isArray(err?.errors) ? err.errors : [{ code: 'internal.error', path: '', message: String(err?.message ?? err) }];
      for (const e of errors) {
        const key = /^(batch_size)/.test(e.path) ? 'batch' : /^seed/.test(e.path) ? 'seed' : /^objectives/.test(e.path) ? 'objectives' : 'csv';
        const box = this.errors[key];
        box.textContent = `${box.textContent ? `${box.textContent} ` : ''}${key === 'csv' && e.path && e.path !== 'trials_csv' ? e.message : shortMessage(e)}`;
        box.hidden = false;
      }
      this.message.textContent = err?.code?.startsWith?.('worker') || err?.code === 'timeout'
        ? 'The worker stopped; the next run starts a fresh one.' : 'The trials could not be used: see the messages above.';
      this.message.className = 'run-message error';
      this.results.dataset.state = 'error';
    }
  }

  show(r, request) {
    const objectives = request.objectives.map((o) => o.name);
    const observations = r.trials?.observations ?? [];
    const frontIdx = r.front_indices ?? [];
    const front = frontIdx.map((i) => ({ index: i, config: observations[i]?.config, values: observations[i]?.values }));
    this.view.render({ objectives, evaluated: observations, front, suggestions: r.suggestions,
      frontPath: (i) => `trials.observations.${frontIdx[i]}` });
    this.results.dataset.frontIndices = JSON.stringify(frontIdx);
    const vars = r.trials?.variables ?? [];
    const names = vars.map((v) => v.name);
    this.suggestions.replaceChildren(h('table', { class: 'numbers' },
      h('thead', null, h('tr', null, h('th', { scope: 'col', text: '#' }), names.map((n) => h('th', { scope: 'col', text: n })),
        objectives.map((o) => h('th', { scope: 'col', text: `${o} (predicted ± sd)` })))),
      h('tbody', null, (r.suggestions ?? []).map((sug, i) => h('tr', null, h('th', { scope: 'row', text: String(i + 1) }),
        names.map((n) => {
          const v = sug.config?.[n];
          return typeof v === 'number' ? h('td', { class: 'num', text: formatNumber(v), dataset: { path: `suggestions.${i}.config.${n}`, value: String(v) } }) : h('td', { text: String(v) });
        }),
        objectives.map((o) => {
          const p = sug.predicted?.[o] ?? {};
          return h('td', { class: 'num', text: `${formatNumber(p.mean)} ± ${formatNumber(p.sd)}`, dataset: { path: `suggestions.${i}.predicted.${o}.mean`, value: String(p.mean) } });
        }))))));
    const ignored = r.trials?.ignored_columns ?? [];
    this.variables.replaceChildren(h('table', { class: 'numbers' },
      ignored.length ? h('caption', { text: `Left out: ${ignored.join(', ')}` }) : null,
      h('thead', null, h('tr', null, ['variable', 'type', 'range or choices'].map((t) => h('th', { scope: 'col', text: t })))),
      h('tbody', null, vars.map((v) => h('tr', null, h('th', { scope: 'row', text: v.name }), h('td', { text: `${v.type}${v.log ? ', log' : ''}` }),
        h('td', { text: v.type === 'categorical' ? (v.choices ?? []).join(', ') : `${formatValue(v.min)} – ${formatValue(v.max)}` }))))));
    const hv = r.hypervolume_standard_error != null
      ? `${formatNumber(r.hypervolume)} ± ${formatNumber(r.hypervolume_standard_error)} (Monte-Carlo estimate)`
      : formatNumber(r.hypervolume);
    // A cut ask is still a valid proposal, but a shorter search than asked for: say so.
    const cut = r.stop_reason === 'time'
      ? ` The ${formatNumber(r.budget_seconds)} s time budget ran out: the search was shortened, so another run may propose other configurations.`
      : '';
    this.message.textContent = `${observations.length} trials, ${frontIdx.length} on the front; ${(r.suggestions ?? []).length} suggestions (${r.method ?? ''}), hypervolume ${hv}.${cut}`;
    this.results.dataset.state = 'ok';
  }
}
