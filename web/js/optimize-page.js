// The Optimize page: a study (a preset optimize request and the user's edits, see
// js/optimize-study.js) run by the core's optimizers in a Web Worker (GreenfrontWorker),
// with progress, cancel, the front growing from the core's snapshots, and the final
// response: front, hypervolume, its trace. The "Your trials" tab is js/trials-panel.js.
// Nothing here computes a carbon figure, a front or a hypervolume: they are the core's.
import { h } from './dom.js';
import { mountChart } from './charts.js';
import { formatNumber } from './format.js';
import { shortMessage } from './form.js';
import { FrontView } from './front-view.js';
import { traceChart } from './pareto-chart.js';
import { ALGORITHMS, STUDIES, availableObjectives, buildRequest, defaultEdits, fieldFor } from './optimize-study.js';
import { TrialsPanel } from './trials-panel.js';

const DRAW_MS = 400;          // least time between two redraws of the growing front
const WORKER_ERRORS = {
  'worker.crashed': 'The optimizer\'s worker stopped unexpectedly',
  'worker.load_failed': 'The optimizer\'s worker could not start',
  timeout: 'The run took too long and was stopped',
};

/** The core sends the first 20,000 evaluations of a run; say so when there were more. */
const truncatedNote = (live) => (live.truncated
  ? `Grey: the first ${formatNumber(live.evaluated.length)} evaluations (the core sends no more); the front covers them all.` : '');

/** Text of a number field: '' for null. */
const numText = (v) => (v == null ? '' : typeof v === 'number' && Math.abs(v) >= 1e6
  ? v.toExponential().replace('e+', 'e') : String(v));  // 1e9 reads better than 1000000000

export class OptimizePage {
  /** root: the page's <section>; makeWorker(): a GreenfrontWorker; onState({optimize}). */
  constructor(root, { makeWorker, onState }) {
    this.root = root;
    this.makeWorker = makeWorker;
    this.onState = onState;
    this.worker = null;
    this.presets = new Map();
    this.job = null;
    this.fields = new Map();   // field key -> {input, error}

    this.studySelect = h('select', { id: 'opt-study' }, STUDIES.map((s) => h('option', { value: s.id, text: s.label })));
    this.studySelect.addEventListener('change', () => {
      this.loading = this.loadStudy(this.studySelect.value).then(() => this.changed());
    });
    this.variablesBox = h('fieldset', { class: 'block opt-variables', id: 'opt-variables' });
    this.objectivesBox = h('fieldset', { class: 'block opt-objectives', id: 'opt-objectives' });
    this.algorithm = h('select', { id: 'opt-algorithm' }, ALGORITHMS.map((a) => h('option', { value: a, text: a })));
    this.evaluations = h('input', { id: 'opt-evaluations', type: 'text', inputmode: 'numeric', autocomplete: 'off', placeholder: 'default' });
    this.seconds = h('input', { id: 'opt-seconds', type: 'text', inputmode: 'decimal', autocomplete: 'off', placeholder: '60' });
    this.seed = h('input', { id: 'opt-seed', type: 'text', inputmode: 'numeric', autocomplete: 'off' });
    this.runButton = h('button', { type: 'button', id: 'opt-run', class: 'primary', text: 'Run', onclick: () => this.run() });
    this.cancelButton = h('button', { type: 'button', id: 'opt-cancel', text: 'Cancel', disabled: true, onclick: () => this.job?.cancel() });
    this.progress = h('progress', { id: 'opt-progress', max: 1, value: 0, 'aria-labelledby': 'opt-progress-text' });
    this.progressText = h('p', { id: 'opt-progress-text', class: 'hint', text: 'Not run yet.' });
    this.message = h('p', { id: 'opt-message', class: 'run-message', role: 'status' });
    this.errorBox = h('div', { id: 'opt-errors', class: 'error-summary', role: 'alert', hidden: true });
    this.summary = h('dl', { class: 'figures', id: 'opt-summary' });
    this.trace = h('div', { class: 'trace-plot', id: 'opt-trace' });
    this.view = new FrontView('opt');
    this.results = h('section', { id: 'opt-results', class: 'results', 'aria-labelledby': 'opt-results-title', dataset: { state: 'empty' } },
      h('h2', { id: 'opt-results-title', text: 'Pareto front' }), this.summary, this.view.root,
      h('h3', { text: 'Hypervolume as the run went on' }), this.trace);

    const field = (key, label, input, hint) => {
      const error = h('p', { class: 'field-error', id: `${input.id}-error`, hidden: true });
      input.setAttribute('aria-describedby', `${input.id}-hint ${input.id}-error`);
      input.addEventListener('change', () => this.changed());
      this.fields.set(key, { input, error });
      return h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input,
        h('p', { class: 'hint', id: `${input.id}-hint`, text: hint ?? '' }), error);
    };
    const studyPanel = h('div', { id: 'opt-panel-study', role: 'tabpanel', 'aria-labelledby': 'opt-tab-study', class: 'opt-layout' },
      h('div', { class: 'opt-controls' },
        h('div', { class: 'field' }, h('label', { for: 'opt-study', text: 'Study' }), this.studySelect,
          h('p', { class: 'hint', id: 'opt-study-hint' })),
        this.variablesBox, this.objectivesBox,
        h('div', { class: 'block opt-run-settings' },
          field('algorithm', 'Algorithm', this.algorithm, 'auto: exhaustive when the space is small and discrete, else NSGA-II.'),
          h('div', { class: 'pair' },
            field('evaluations', 'Evaluations', this.evaluations, 'Budget; empty: the core\'s default.'),
            field('seconds', 'Seconds', this.seconds, 'Time limit; empty: 60 s.')),
          field('seed', 'Seed', this.seed, 'Same seed, same result.')),
        h('div', { class: 'run-row' }, this.runButton, this.cancelButton),
        this.progress, this.progressText, this.message, this.errorBox),
      this.results);
    this.trials = new TrialsPanel({ worker: () => this.getWorker(), onChange: () => { if (this.edits) this.changed(); } });
    this.tabs = [['study', 'Study', studyPanel], ['trials', 'Your trials', this.trials.root]];
    this.tabButtons = this.tabs.map(([id, text]) => h('button', {
      type: 'button', role: 'tab', id: `opt-tab-${id}`, 'aria-controls': `opt-panel-${id}`, text,
      onclick: () => this.showTab(id, true),
      onkeydown: (event) => {
        if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
        this.showTab(id === 'study' ? 'trials' : 'study', true);
        this.root.querySelector(`#opt-tab-${this.tab}`).focus();
      },
    }));
    root.replaceChildren(
      h('h1', { id: 'optimize-title', tabindex: '-1', text: 'Optimize: trade quality against carbon' }),
      h('p', { class: 'lede', text: 'Choose decision variables and objectives, run one of the core\'s optimizers in the background and watch the Pareto front grow: every point on it is a configuration that nothing else beats on all objectives at once. Or paste your own trials and get the front and the next configurations to try.' }),
      h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Optimize mode' }, this.tabButtons),
      studyPanel, this.trials.root);
    this.showTab('study');
  }

  getWorker() {
    if (!this.worker) this.worker = this.makeWorker();
    return this.worker;
  }

  showTab(id, user = false) {
    this.tab = id;
    for (const [tab, , panel] of this.tabs) panel.hidden = tab !== id;
    for (const button of this.tabButtons) {
      const on = button.id === `opt-tab-${id}`;
      button.setAttribute('aria-selected', String(on));
      button.tabIndex = on ? 0 : -1;
    }
    if (user) this.changed();
  }

  async preset(id) {
    const info = STUDIES.find((s) => s.id === id);
    if (!this.presets.has(id)) {
      const response = await fetch(new URL(`studies/${info.file}`, document.baseURI));
      if (!response.ok) throw new Error(`studies/${info.file}: HTTP ${response.status}`);
      this.presets.set(id, await response.json());
    }
    return structuredClone(this.presets.get(id));
  }

  /** Loads a study with its default edits (or `edits`) into the form. */
  async loadStudy(id, edits = null) {
    const info = STUDIES.find((s) => s.id === id) ?? STUDIES[0];
    this.info = info;
    this.presetRequest = await this.preset(info.id);
    this.edits = edits ?? defaultEdits(info, this.presetRequest);
    this.edits.study = info.id;
    this.renderForm();
    this.root.dataset.study = info.id;  // the form shows this study (tests wait on it)
  }

  /** state.optimize: the edits from the URL, or null. Returns a notice for a bad link, or null. */
  async show(state) {
    // Start the worker and its wasm now, so the first Run does not wait for them; a failed
    // start shows up (and is retried) when the user runs.
    this.getWorker().start().catch(() => {});
    const o = state.optimize;
    let notice = null;
    if (o && !STUDIES.some((s) => s.id === o.study)) {
      notice = `There is no study "${String(o.study)}". Showing the default study instead.`;
      await this.loadStudy(STUDIES[0].id);
    } else if (o && (!this.edits || JSON.stringify(o) !== JSON.stringify(this.edits))) {
      await this.preset(o.study);  // sanitize() reads the preset's variables
      await this.loadStudy(o.study, this.sanitize(o));
      this.trials.restore(this.edits.trials);
      this.showTab(o.tab === 'trials' ? 'trials' : 'study');
    } else if (!this.edits) {
      await this.loadStudy(STUDIES[0].id);
    }
    return notice;
  }

  /** Keeps the parts of linked edits that have the right shape (the core checks values). */
  sanitize(o) {
    const base = defaultEdits(STUDIES.find((s) => s.id === o.study), this.presets.get(o.study) ?? {});
    const out = { ...base, study: o.study };
    if (o.variables && typeof o.variables === 'object') {
      for (const name of Object.keys(base.variables)) {
        const v = o.variables[name];
        if (v && typeof v === 'object') out.variables[name] = { ...base.variables[name], ...v };
      }
    }
    if (Array.isArray(o.objectives) && o.objectives.every((x) => typeof x === 'string')) out.objectives = o.objectives;
    for (const key of ['algorithm', 'evaluations', 'seconds', 'seed', 'tab']) if (o[key] !== undefined) out[key] = o[key];
    if (o.trials && typeof o.trials === 'object' && typeof o.trials.csv === 'string') out.trials = o.trials;
    return out;
  }

  renderForm() {
    const req = this.presetRequest;
    this.studySelect.value = this.info.id;
    this.root.querySelector('#opt-study-hint').textContent = req.problem
      ? `${req.problem.name.toUpperCase()}: a standard test problem with a known front, to compare the optimizers (hypervolume fraction of the true front).`
      : req.model?.model === 'scaling_law' ? 'Loss from the Chinchilla scaling law; carbon of training and serving the model on the scenario\'s hardware and grid.'
        : 'Carbon and energy from the accounting core for each cloud region (its grid, PUE and carbon-free share), GPU and device count: every combination is tried.';
    for (const key of [...this.fields.keys()]) if (key.startsWith('var.') || key === 'objectives' || key === 'variables') this.fields.delete(key);
    // Variables: a checkbox each, with bounds or choices.
    const rows = (req.variables ?? []).map((v) => {
      const edit = this.edits.variables[v.name] ?? { on: true };
      const id = `opt-var-${v.name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
      const on = h('input', { type: 'checkbox', id: `${id}-on`, checked: edit.on !== false });
      const error = h('p', { class: 'field-error', id: `${id}-on-error`, hidden: true });
      this.fields.set(`var.${v.name}.on`, { input: on, error });
      const inputs = [];
      const numberField = (key, label) => {
        const input = h('input', { type: 'text', id: `${id}-${key}`, autocomplete: 'off', spellcheck: 'false', value: numText(edit[key]),
          'aria-describedby': `${id}-${key}-error` });
        const err = h('p', { class: 'field-error', id: `${id}-${key}-error`, hidden: true });
        this.fields.set(`var.${v.name}.${key}`, { input, error: err });
        input.addEventListener('change', () => {
          const text = input.value.trim();
          edit[key] = text === '' ? undefined : Number(text);
          this.changed();
        });
        return h('div', { class: 'field' }, h('label', { for: input.id, text: label }), input, err);
      };
      if (v.type === 'categorical') {
        const input = h('input', { type: 'text', id: `${id}-choices`, autocomplete: 'off', spellcheck: 'false', value: (edit.choices ?? v.choices).join(', '),
          'aria-describedby': `${id}-choices-error` });
        const err = h('p', { class: 'field-error', id: `${id}-choices-error`, hidden: true });
        this.fields.set(`var.${v.name}.choices`, { input, error: err });
        input.addEventListener('change', () => {
          edit.choices = input.value.split(',').map((c) => c.trim()).filter(Boolean);
          this.changed();
        });
        inputs.push(h('div', { class: 'field wide' }, h('label', { for: input.id, text: 'Choices (comma-separated)' }), input, err));
      } else {
        inputs.push(h('div', { class: 'pair' }, numberField('min', 'Min'), numberField('max', 'Max')));
        if (req.model?.model === 'scaling_law') {
          const fixed = numberField('fixed', 'Held at (when off)');
          fixed.classList.add('when-off');
          inputs.push(fixed);
        }
      }
      on.addEventListener('change', () => { edit.on = on.checked; row.dataset.on = String(on.checked); this.changed(); });
      const row = h('div', { class: 'opt-variable', dataset: { on: String(edit.on !== false) } },
        h('div', { class: 'check' }, on, h('label', { for: on.id }, h('strong', { text: v.name }), ` ${v.type}${v.log ? ', log scale' : ''}`)),
        error, inputs);
      this.edits.variables[v.name] = edit;
      return row;
    });
    const varsError = h('p', { class: 'field-error', id: 'opt-variables-error', hidden: true });
    this.fields.set('variables', { input: null, error: varsError });
    this.variablesBox.replaceChildren(h('legend', { text: 'Decision variables' }),
      ...(rows.length ? rows : [h('p', { class: 'hint', text: `${req.problem?.variables ?? ''} variables x1… in [0, 1], fixed by the problem.` })]), varsError);
    // Objectives: a checkbox per objective the model can report.
    const { names } = availableObjectives(req);
    const chosen = new Set(this.edits.objectives ?? []);
    const objError = h('p', { class: 'field-error', id: 'opt-objectives-error', hidden: true });
    this.fields.set('objectives', { input: null, error: objError });
    this.objectivesBox.replaceChildren(h('legend', { text: 'Objectives (all minimized)' }),
      names.length ? h('div', { class: 'checks' }, names.map((name) => {
        const box = h('input', { type: 'checkbox', id: `opt-obj-${name}`, value: name, checked: chosen.has(name) });
        box.addEventListener('change', () => {
          this.edits.objectives = names.filter((n) => this.objectivesBox.querySelector(`#opt-obj-${n}`).checked);
          this.changed();
        });
        return h('div', { class: 'check' }, box, h('label', { for: box.id, text: name }));
      })) : h('p', { class: 'hint', text: 'f1 and f2, fixed by the problem.' }), objError);
    this.algorithm.value = ALGORITHMS.includes(this.edits.algorithm) ? this.edits.algorithm : 'auto';
    this.evaluations.value = numText(this.edits.evaluations);
    this.seconds.value = numText(this.edits.seconds);
    this.seed.value = numText(this.edits.seed);
  }

  /** Reads the run settings into the edits and the URL. */
  changed() {
    const num = (input) => (input.value.trim() === '' ? null : Number(input.value.trim()));
    Object.assign(this.edits, { algorithm: this.algorithm.value, evaluations: num(this.evaluations), seconds: num(this.seconds), seed: num(this.seed) });
    this.edits.tab = this.tab === 'trials' ? 'trials' : undefined;
    this.edits.trials = this.trials.state() ?? undefined;
    this.onState({ optimize: structuredClone(this.edits) });
  }

  clearErrors() {
    for (const { input, error } of this.fields.values()) {
      error.hidden = true;
      error.textContent = '';
      input?.removeAttribute('aria-invalid');
    }
    this.errorBox.hidden = true;
    this.errorBox.replaceChildren();
  }

  /** The core's errors next to their field; the rest in the summary box. */
  showErrors(errors, fieldMap) {
    const loose = [];
    for (const e of errors) {
      const key = fieldFor(fieldMap, e.path);
      const f = key && this.fields.get(key);
      if (!f) { loose.push(e); continue; }
      f.error.textContent = f.error.textContent ? `${f.error.textContent} ${shortMessage(e)}` : shortMessage(e);
      f.error.hidden = false;
      f.input?.setAttribute('aria-invalid', 'true');
    }
    if (loose.length) {
      this.errorBox.replaceChildren(h('ul', null, loose.map((e) => h('li', { text: e.message ?? e.code }))));
      this.errorBox.hidden = false;
    }
  }

  setRunning(running) {
    this.runButton.disabled = running;
    this.cancelButton.disabled = !running;
    this.studySelect.disabled = running;
  }

  async run() {
    await this.loading;  // a study still loading: run it, not the one before
    this.changed();
    this.clearErrors();
    // A number field that is not a number: say so here (JSON cannot carry NaN to the core).
    let bad = false;
    for (const [key, { input, error }] of this.fields) {
      if (!input || input.type !== 'text' || key.endsWith('.choices')) continue;
      if (input.value.trim() !== '' && !Number.isFinite(Number(input.value.trim()))) {
        error.textContent = `must be a number, got "${input.value.trim()}"`;
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        bad = true;
      }
    }
    if (bad) return;
    const { request, fields } = buildRequest(this.presetRequest, this.edits);
    const started = performance.now();
    const live = { evaluated: [], front: [], objectives: null, done: 0, snapshots: 0 };
    this.live = live;
    let lastDraw = 0;
    let drawTimer = null;
    const draw = () => {
      drawTimer = null;
      lastDraw = performance.now();
      if (this.live !== live || !live.objectives) return;
      this.view.render({ objectives: live.objectives, evaluated: live.evaluated, front: live.front, note: truncatedNote(live) });
    };
    this.results.dataset.state = 'running';
    delete this.results.dataset.firstSnapshotMs;
    delete this.results.dataset.totalMs;
    delete this.results.dataset.drawnMs;
    this.message.textContent = 'Running…';
    this.message.className = 'run-message';
    this.progress.value = 0;
    this.setRunning(true);
    const seconds = request.budget?.seconds ?? 60;
    const job = this.getWorker().optimize(request, {
      // The watchdog only catches a stuck worker: the request's own budget ends a normal run.
      timeoutMs: Math.max(10000, seconds * 1500 + 5000),
      onProgress: (p) => {
        if (this.live !== live) return;
        const elapsed = (performance.now() - started) / 1000;
        if (Number.isFinite(p.total) && p.total > 0) this.progress.max = p.total;
        if (Number.isFinite(p.done)) { this.progress.value = p.done; live.done = p.done; }
        this.progressText.textContent = `${formatNumber(p.done)} of ${formatNumber(p.total)} evaluations · ${elapsed.toFixed(1)} s`;
        this.progress.dataset.value = String(p.done);
        const snap = p.snapshot;
        if (!snap) return;
        if (live.snapshots === 0) this.results.dataset.firstSnapshotMs = String(Math.round(performance.now() - started));
        live.snapshots += 1;
        live.objectives = snap.objectives;
        for (const point of snap.points ?? []) live.evaluated.push(point);
        if (snap.points_truncated) live.truncated = true;
        live.front = snap.front ?? live.front;
        live.snapshotEvaluations = snap.evaluations;
        this.results.dataset.snapshots = String(live.snapshots);
        if (drawTimer === null) drawTimer = setTimeout(draw, Math.max(0, DRAW_MS - (performance.now() - lastDraw)));
      },
    });
    this.job = job;
    try {
      const result = await job;
      if (this.live !== live) return;
      clearTimeout(drawTimer);
      this.results.dataset.totalMs = String(Math.round(performance.now() - started));
      this.showResult(result, live);
      this.results.dataset.drawnMs = String(Math.round(performance.now() - started));
    } catch (err) {
      if (this.live !== live) return;
      clearTimeout(drawTimer);
      this.showFailure(err, live, fields);
    } finally {
      if (this.job === job) { this.job = null; this.setRunning(false); }
    }
  }

  showResult(r, live) {
    const elapsed = this.results.dataset.totalMs / 1000;
    this.progress.max = Math.max(1, r.evaluations);
    this.progress.value = r.evaluations;
    this.progressText.textContent = `${formatNumber(r.evaluations)} of ${formatNumber(r.budget_evaluations ?? r.evaluations)} evaluations · ${elapsed.toFixed(1)} s`;
    const reasons = { completed: 'every configuration was evaluated', evaluations: 'the evaluation budget was used', time: 'the time limit was reached', stalled: 'the front stopped improving', cancelled: 'cancelled' };
    this.message.textContent = `Done: ${reasons[r.stop_reason] ?? r.stop_reason} (${r.algorithm ?? ''}).`;
    const fig = (label, path, value, text = formatNumber(value)) => h('div', null, h('dt', { text: label }),
      h('dd', null, h('span', { class: 'fig', text, dataset: typeof value === 'number' ? { path, value: String(value) } : {} })));
    this.summary.replaceChildren(...[
      r.hypervolume_standard_error != null
        ? fig('Hypervolume (Monte-Carlo estimate)', 'hypervolume', r.hypervolume, `${formatNumber(r.hypervolume)} ± ${formatNumber(r.hypervolume_standard_error)}`)
        : fig('Hypervolume', 'hypervolume', r.hypervolume),
      r.hypervolume_fraction != null ? fig('Fraction of the true front\'s', 'hypervolume_fraction', r.hypervolume_fraction, `${formatNumber(r.hypervolume_fraction * 100)} %`) : null,
      fig('Reference point', 'reference_point', null, `(${(r.reference_point ?? []).map(formatNumber).join(', ')})`),
      fig('Evaluations', 'evaluations', r.evaluations),
      fig('Stopped by', 'stop_reason', null, r.stop_reason)].filter(Boolean));
    this.view.selected = null;
    this.view.selectedRow = null;
    this.view.showAll = false;
    this.view.render({ objectives: r.objectives, evaluated: live.evaluated, front: r.front, note: truncatedNote(live) });
    mountChart(this.trace, (width) => traceChart(r.hypervolume_trace ?? [], { width: Math.min(width, 480) }));
    this.results.dataset.state = 'ok';
  }

  showFailure(err, live, fields) {
    const code = err?.code ?? err?.errors?.[0]?.code;
    const partial = live.front.length > 0;
    // The last snapshot may still be waiting for its redraw: draw it now, it is what stays.
    if (partial) this.view.render({ objectives: live.objectives, evaluated: live.evaluated, front: live.front, note: truncatedNote(live) });
    if (code === 'cancelled') {
      const n = live.snapshotEvaluations ?? live.done;
      this.message.textContent = partial
        ? `Cancelled after ${formatNumber(n)} evaluations (partial): the front below is the last one the optimizer reported.`
        : `Cancelled after ${formatNumber(live.done)} evaluations, before any front was reported.`;
      this.message.className = 'run-message warn';
      this.results.dataset.state = partial ? 'partial' : 'empty';
      this.summary.replaceChildren(h('div', null, h('dt', { text: 'Evaluations (partial)' }), h('dd', { text: formatNumber(n) })));
      return;
    }
    if (WORKER_ERRORS[code]) {
      this.message.textContent = `${WORKER_ERRORS[code]} (${shortMessage(err.errors?.[0] ?? err)}). The next run starts a fresh worker.`;
      this.message.className = 'run-message error';
      this.results.dataset.state = partial ? 'partial' : 'error';
      this.results.dataset.error = code;
      return;
    }
    this.message.textContent = 'The study has errors: see the fields marked.';
    this.message.className = 'run-message error';
    this.results.dataset.state = 'error';
    const errors = Array.isArray(err?.errors) ? err.errors : [{ code: 'internal.error', path: '', message: String(err?.message ?? err) }];
    this.showErrors(errors, fields);
  }
}
