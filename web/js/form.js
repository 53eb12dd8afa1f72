// The scenario form: one input per schema field (js/fields.js), each bound to its path in
// the scenario ("training.hours"). The scenario object is the state; the form only
// converts text to JSON values (js/values.js) and back. The core's errors are placed next
// to the field with the same path (or the nearest enclosing one), with aria-invalid and
// aria-describedby; anything without a field goes to the summary at the top.
import { h } from './dom.js';
import { COMPUTE_FIELDS, DEFAULTS_ADVANCED, DEFAULTS_MAIN, PHASES, TOP_ADVANCED } from './fields.js';
import { attachPicker } from './picker.js';
import { clone, formatFieldText, parseFieldText, readField, splitPath, writeField } from './values.js';

const PHASE_SET = new Set(PHASES.map((p) => p.id));
const COMPUTE_PHASES = new Set(['data', 'experimentation', 'training', 'inference', 'retraining']);

function fieldId(path) {
  return `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** The message without its "[code] path: " prefix (the field already says where). */
export function shortMessage(error) {
  let text = String(error.message ?? error.code ?? '');
  text = text.replace(/^\[[^\]]+\]\s*/, '');
  if (error.path && text.startsWith(`${error.path}: `)) text = text.slice(error.path.length + 2);
  else if (text.startsWith('(document): ')) text = text.slice(12);
  return text;
}

export class ScenarioForm {
  /**
   * form: the <form> to fill; catalogs: Catalogs; onChange(): called after every edit.
   */
  constructor(form, catalogs, onChange) {
    this.form = form;
    this.catalogs = catalogs;
    this.onChange = onChange;
    this.fields = new Map();
    this.phases = new Map();
    this.scenario = { schema_version: 1 };
    this.off = {};
    this.dynamicPlaceholders = new Map();
    this.build();
  }

  // ----- building -------------------------------------------------------------------------

  field(path, spec) {
    const id = fieldId(path);
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    let input;
    if (spec.kind === 'select' || spec.kind === 'datacenter') {
      const options = spec.kind === 'datacenter'
        ? this.catalogs.entries.datacenters.map((d) => [d.id, `${d.name} (PUE ${d.pue})`])
        : spec.options;
      input = h('select', { id, name: path },
        h('option', { value: '', text: spec.kind === 'datacenter' ? 'default (typical, PUE 1.56)' : `default (${spec.ph ?? 'none'})` }),
        options.map(([value, text]) => h('option', { value, text })));
      input.addEventListener('change', () => this.edit(path, spec, input.value));
    } else {
      input = h('input', {
        id, name: path, type: 'text', autocomplete: 'off', spellcheck: 'false',
        inputmode: spec.kind === 'number' ? 'decimal' : null,  // ranges need letters and '-'
      });
      input.addEventListener('input', () => this.edit(path, spec, input.value));
    }
    const note = h('span', { class: 'picker-note' });
    const hint = h('p', { class: 'hint', id: hintId }, spec.hint ?? '', spec.hint ? ' ' : '', note);
    const error = h('p', { class: 'field-error', id: errorId, hidden: true });
    input.setAttribute('aria-describedby', hintId);
    const wrap = h('div', { class: `field kind-${spec.kind}` },
      h('label', { for: id }, spec.label, spec.unit ? h('span', { class: 'unit', text: ` (${spec.unit})` }) : null,
        spec.kind === 'uncertain' ? h('span', { class: 'pm', title: 'also takes a range or a distribution' }, ' ±', h('span', { class: 'visually-hidden', text: ' (a number, a range or a distribution)' })) : null),
      input, hint, error);
    const refreshNote = ['hardware', 'region', 'cloud'].includes(spec.kind)
      ? attachPicker(input, note, spec.kind, this.catalogs) : null;
    this.fields.set(path, { path, spec, input, error, wrap, hintId, errorId, refreshNote, messages: [] });
    return wrap;
  }

  fieldsFor(prefix, specs) {
    return h('div', { class: 'fields' }, Object.entries(specs).map(([key, spec]) => this.field(`${prefix}${key}`, spec)));
  }

  build() {
    const pick = (keys) => Object.fromEntries(keys.map((key) => [key, COMPUTE_FIELDS[key]]));
    this.summary = h('div', { class: 'error-summary', id: 'error-summary', tabindex: '-1', hidden: true });
    const where = h('fieldset', { class: 'block where' },
      h('legend', { text: 'Where it runs (every phase inherits these)' }),
      this.fieldsFor('defaults.', pick(DEFAULTS_MAIN)));

    const phaseBlocks = PHASES.map((phase) => {
      const toggle = h('input', { type: 'checkbox', id: `phase-${phase.id}-on`, class: 'phase-toggle' });
      toggle.addEventListener('change', () => this.togglePhase(phase, toggle.checked));
      const error = h('p', { class: 'field-error phase-error', id: `phase-${phase.id}-error`, hidden: true });
      const moreSpecs = { ...(phase.ownMore ?? {}), ...pick(phase.more) };
      const more = Object.keys(moreSpecs).length > 0
        ? h('details', { class: 'more' }, h('summary', null, `More ${phase.label.toLowerCase()} settings`, h('span', { class: 'set-count' })),
          this.fieldsFor(`${phase.id}.`, moreSpecs))
        : null;
      const body = h('div', { class: 'phase-body' },
        this.fieldsFor(`${phase.id}.`, { ...phase.own, ...pick(phase.main) }), more);
      const off = h('p', { class: 'phase-off', text: 'Not part of this scenario.' });
      const fieldset = h('fieldset', { class: 'block phase', id: `phase-${phase.id}`, 'aria-describedby': `phase-${phase.id}-help` },
        h('legend', null, h('label', { for: toggle.id }, toggle, ` ${phase.label}`)),
        h('p', { class: 'hint', id: `phase-${phase.id}-help`, text: phase.help }), error, off, body);
      this.phases.set(phase.id, { phase, fieldset, toggle, body, off, error });
      return fieldset;
    });

    this.jsonArea = h('textarea', { id: 'scenario-json', rows: 12, spellcheck: 'false', 'aria-describedby': 'scenario-json-hint scenario-json-error' });
    this.jsonError = h('p', { class: 'field-error', id: 'scenario-json-error', hidden: true });
    this.jsonArea.addEventListener('input', () => this.editJson());
    const advanced = h('details', { class: 'block advanced', id: 'advanced' },
      h('summary', null, 'Advanced: PUE, carbon-free energy, utilization, embodied, uncertainty, start time', h('span', { class: 'set-count' })),
      h('p', { class: 'hint', text: 'Shared values every phase inherits unless it sets its own: each phase has the same fields under “More … settings”, with its hardware’s lifetime and embodied figures.' }),
      this.fieldsFor('defaults.', pick(DEFAULTS_ADVANCED)),
      this.fieldsFor('', TOP_ADVANCED),
      h('div', { class: 'field json' },
        h('label', { for: 'scenario-json', text: 'The scenario as JSON (docs/schema.md)' }),
        this.jsonArea,
        h('p', { class: 'hint', id: 'scenario-json-hint', text: 'Edit it directly for anything the form does not show; the form follows.' }),
        this.jsonError));

    const help = h('p', { class: 'hint form-help' },
      'Empty fields use defaults: the grey value in a field is the one the core used. Fields marked ',
      h('span', { class: 'pm', text: '±' }),
      ' also take a range (0.4 to 0.8) or a distribution: triangular(min, mode, max), normal(mean, sd), lognormal(median, gsd).');

    this.form.append(
      this.summary,
      this.field('name', { label: 'Scenario name', kind: 'text', ph: 'untitled' }),
      help, where, ...phaseBlocks, advanced);
    this.form.addEventListener('submit', (event) => event.preventDefault());
  }

  // ----- state ----------------------------------------------------------------------------

  /** Shows a scenario (and phases switched off) in every field. */
  setState(scenario, off = {}) {
    this.scenario = clone(scenario);
    this.off = clone(off) ?? {};
    this.refresh();
  }

  getState() {
    return { scenario: clone(this.scenario), off: clone(this.off) };
  }

  refresh({ keepJson = false } = {}) {
    for (const [, phase] of this.phases) {
      const on = this.scenario[phase.phase.id] !== undefined;
      phase.toggle.checked = on;
      phase.body.hidden = !on;
      phase.off.hidden = on;
      phase.fieldset.classList.toggle('is-off', !on);
    }
    for (const field of this.fields.values()) {
      const [top] = splitPath(field.path);
      const source = PHASE_SET.has(top) && this.scenario[top] === undefined ? this.off : this.scenario;
      const value = readField(source, field.path);
      const text = field.input.tagName === 'SELECT' ? (typeof value === 'string' ? value : '') : formatFieldText(value, field.spec.kind);
      if (field.input.value !== text) field.input.value = text;
      if (field.input.tagName === 'SELECT' && value !== undefined && field.input.value !== value) {
        // a value the select does not list (e.g. a typo in a link): add it so it shows
        field.input.append(h('option', { value: String(value), text: String(value) }));
        field.input.value = String(value);
      }
    }
    this.updateCounts();
    this.updatePlaceholders();
    if (!keepJson) this.showJson();
  }

  /** "(3 set)" after a collapsed section's title: how many of its fields have a value. */
  updateCounts() {
    for (const details of this.form.querySelectorAll('details.more, details.advanced')) {
      const n = [...details.querySelectorAll('.fields input, .fields select')].filter((el) => el.value !== '').length;
      details.querySelector('.set-count').textContent = n > 0 ? ` (${n} set)` : '';
    }
  }

  showJson() {
    if (document.activeElement === this.jsonArea) return;
    this.jsonArea.value = JSON.stringify(this.scenario, null, 2);
    this.jsonError.hidden = true;
  }

  edit(path, spec, text) {
    const [top] = splitPath(path);
    const target = PHASE_SET.has(top) && this.scenario[top] === undefined ? this.off : this.scenario;
    const value = spec.kind === 'select' || spec.kind === 'datacenter'
      ? (text === '' ? undefined : text)
      : parseFieldText(text, ['hardware', 'region', 'cloud'].includes(spec.kind) ? 'text' : spec.kind);
    writeField(target, path, value, PHASE_SET);
    if (path.startsWith('defaults.')) this.updatePlaceholders();
    this.updateCounts();
    this.showJson();
    this.onChange();
  }

  togglePhase(phase, on) {
    if (on) {
      this.scenario[phase.id] = this.off[phase.id] ?? clone(phase.starter);
      delete this.off[phase.id];
    } else {
      if (this.scenario[phase.id] !== undefined) this.off[phase.id] = this.scenario[phase.id];
      delete this.scenario[phase.id];
    }
    this.refresh();
    this.onChange();
  }

  editJson() {
    let value;
    try {
      value = JSON.parse(this.jsonArea.value);
    } catch (err) {
      this.jsonError.textContent = `Not valid JSON: ${err.message}`;
      this.jsonError.hidden = false;
      return;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      this.jsonError.textContent = 'The scenario must be a JSON object.';
      this.jsonError.hidden = false;
      return;
    }
    this.jsonError.hidden = true;
    this.scenario = value;
    for (const id of PHASE_SET) if (value[id] !== undefined) delete this.off[id];
    this.refresh({ keepJson: true });
    this.onChange();
  }

  // ----- placeholders -----------------------------------------------------------------------

  /** The core's defaults_used ({path, value}) become the placeholders of those fields. */
  setDefaultsUsed(list) {
    this.dynamicPlaceholders = new Map((list ?? []).map((d) => [d.path, d.value]));
    this.updatePlaceholders();
  }

  updatePlaceholders() {
    for (const field of this.fields.values()) {
      if (field.input.tagName === 'SELECT') continue;
      const keys = splitPath(field.path);
      let ph = field.spec.ph ?? '';
      if (COMPUTE_PHASES.has(keys[0]) && keys.length >= 2) {
        const inherited = readField(this.scenario.defaults ?? {}, keys.slice(1).join('.'));
        if (inherited !== undefined) ph = formatFieldText(inherited, field.spec.kind);
      }
      if (this.dynamicPlaceholders.has(field.path)) {
        ph = formatFieldText(this.dynamicPlaceholders.get(field.path), field.spec.kind);
      }
      if (field.input.placeholder !== ph) field.input.placeholder = ph;
      field.refreshNote?.();
    }
  }

  // ----- errors ---------------------------------------------------------------------------

  /** The field (or phase) an error path belongs to: exact, else the longest enclosing path. */
  target(path) {
    const keys = splitPath(path);
    for (let n = keys.length; n > 0; n -= 1) {
      const candidate = keys.slice(0, n).join('.');
      if (this.fields.has(candidate)) return { field: this.fields.get(candidate) };
      if (n === 1 && this.phases.has(candidate)) return { phase: this.phases.get(candidate) };
    }
    return null;
  }

  clearErrors() {
    for (const field of this.fields.values()) {
      if (field.messages.length === 0) continue;
      field.messages = [];
      field.error.hidden = true;
      field.error.textContent = '';
      field.input.removeAttribute('aria-invalid');
      field.input.setAttribute('aria-describedby', field.hintId);
      field.wrap.classList.remove('invalid');
    }
    for (const phase of this.phases.values()) {
      phase.error.hidden = true;
      phase.error.textContent = '';
    }
    this.summary.hidden = true;
    this.summary.replaceChildren();
  }

  /** errors: [{code, path, message}] from a GreenfrontError. */
  showErrors(errors) {
    this.clearErrors();
    const items = [];
    for (const error of errors) {
      const where = this.target(error.path ?? '');
      const text = shortMessage(error);
      let focus = null;
      let label = error.path || 'the scenario';
      if (where?.field) {
        const field = where.field;
        field.messages.push(text);
        field.error.textContent = field.messages.join(' · ');
        field.error.hidden = false;
        field.error.dataset.code = error.code;
        field.input.setAttribute('aria-invalid', 'true');
        field.input.setAttribute('aria-describedby', `${field.errorId} ${field.hintId}`);
        field.wrap.classList.add('invalid');
        for (let el = field.wrap.parentElement; el && el !== this.form; el = el.parentElement) {
          if (el.tagName === 'DETAILS') el.open = true;
        }
        focus = field.input;
        label = this.describe(field);
      } else if (where?.phase) {
        where.phase.error.textContent = text;
        where.phase.error.hidden = false;
        focus = where.phase.toggle;
        label = where.phase.phase.label;
      }
      items.push({ label, text: focus ? text : error.message, focus, path: error.path });
    }
    this.summary.replaceChildren(
      h('p', { class: 'summary-title', text: items.length === 1 ? 'One problem to fix:' : `${items.length} problems to fix:` }),
      h('ul', null, items.map((item) => h('li', { dataset: { path: item.path ?? '' } },
        item.focus
          ? h('button', { type: 'button', class: 'link', text: item.label, onclick: () => item.focus.focus() })
          : h('strong', { text: item.label }),
        `: ${item.text}`))));
    this.summary.hidden = false;
  }

  describe(field) {
    const [top] = splitPath(field.path);
    const group = this.phases.get(top)?.phase.label ?? (top === 'defaults' ? 'Shared' : '');
    return group ? `${group} › ${field.spec.label}` : field.spec.label;
  }
}
