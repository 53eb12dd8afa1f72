// The page's pure modules, without a browser: form text <-> JSON values (js/values.js), the
// URL state encoding (js/state.js) and the Optimize study model (js/optimize-study.js).
// (Copied to .mjs files: web/ has no package.json.)
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let dir;
let values;
let state;
before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'greenfront-web-'));
  const load = async (name) => {
    const file = path.join(dir, `${name}.mjs`);
    copyFileSync(path.join(ROOT, 'web/js', `${name}.js`), file);
    return import(pathToFileURL(file).href);
  };
  values = await load('values');
  state = await load('state');
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('field text becomes the schema\'s numbers, ranges and distributions, and back', () => {
  const cases = [
    ['42', 42], ['-5', -5], ['1e-3', 0.001], ['0.4 to 0.8', { min: 0.4, max: 0.8 }], ['0.4-0.8', { min: 0.4, max: 0.8 }],
    ['1e-3..2e-3', { min: 0.001, max: 0.002 }],
    ['triangular(1, 2, 3)', { dist: 'triangular', min: 1, mode: 2, max: 3 }],
    ['tri(1,2,3)', { dist: 'triangular', min: 1, mode: 2, max: 3 }],
    ['normal(5, 1)', { dist: 'normal', mean: 5, sd: 1 }],
    ['lognormal(2, 1.5)', { dist: 'lognormal', median: 2, gsd: 1.5 }],
    ['uniform(1, 2)', { dist: 'uniform', min: 1, max: 2 }],
    ['{"min": 1, "max": 2}', { min: 1, max: 2 }],
    // Not a number: passed on as the string, for the core to reject with the field's path.
    ['abc', 'abc'], ['1e400', '1e400'], ['0x10', '0x10'], ['0.4 to', '0.4 to'], ['normal(1)', 'normal(1)'],
  ];
  for (const [text, value] of cases) {
    assert.deepEqual(values.parseFieldText(text, 'uncertain'), value, text);
    assert.deepEqual(values.parseFieldText(values.formatFieldText(value, 'uncertain'), 'uncertain'), value, `${text} round trip`);
  }
  assert.equal(values.parseFieldText('   ', 'uncertain'), undefined);
  assert.equal(values.parseFieldText('12', 'number'), 12);
  assert.equal(values.parseFieldText('0.4 to 0.8', 'number'), '0.4 to 0.8');
  assert.deepEqual(values.parseFieldText('3, 4 5', 'list'), [3, 4, 5]);
  assert.deepEqual(values.parseFieldText('quantization: 2, pruning=1.5', 'factors'),
    [{ name: 'quantization', factor: 2 }, { name: 'pruning', factor: 1.5 }]);
  assert.equal(values.formatFieldText([{ name: 'q', factor: 2 }], 'factors'), 'q: 2');
});

test('writing a field path keeps hardware ids and drops emptied containers', () => {
  const keep = new Set(['training']);
  const s = { schema_version: 1, training: { hardware: 'nvidia-a100-sxm4-40gb', hours: 3 } };
  values.writeField(s, 'training.hardware.lifetime_years', 4, keep);
  assert.deepEqual(s.training.hardware, { id: 'nvidia-a100-sxm4-40gb', lifetime_years: 4 });
  values.writeField(s, 'training.hardware', 'nvidia-h100-sxm', keep);
  assert.equal(values.readField(s, 'training.hardware'), 'nvidia-h100-sxm');
  assert.equal(values.readField(s, 'training.hardware.lifetime_years'), 4);
  values.writeField(s, 'training.hardware.lifetime_years', undefined, keep);
  assert.equal(s.training.hardware, 'nvidia-h100-sxm');
  values.writeField(s, 'uncertainty.seed', 3, keep);
  assert.deepEqual(s.uncertainty, { seed: 3 });
  values.writeField(s, 'uncertainty.seed', undefined, keep);
  assert.equal('uncertainty' in s, false);
  values.writeField(s, 'training.hours', undefined, keep);
  values.writeField(s, 'training.hardware', undefined, keep);
  assert.deepEqual(s.training, {}, 'a phase that is switched on stays, even empty');
  assert.deepEqual(values.splitPath('experimentation.grid_values[2]'), ['experimentation', 'grid_values', '2']);
});

test('URL state: base64url of UTF-8 JSON, strict decoding with readable reasons', () => {
  const scenario = { schema_version: 1, name: 'Zürich → 東京 ✓', training: { hours: { min: 1, max: 2 } } };
  const text = state.encodeState(scenario);
  assert.match(text, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(state.decodeState('s', text), scenario);
  assert.equal(Buffer.from(text, 'base64url').toString('utf8'), JSON.stringify(scenario));
  for (const [bad, reason] of [['%%%', /not valid base64url/], ['abcde', /not valid base64url/],
    [Buffer.from('{"a":').toString('base64url'), /not valid JSON/],
    [Buffer.from('[1]').toString('base64url'), /not a JSON object/],
    [Buffer.from([0xff, 0xfe]).toString('base64url'), /not valid base64url text/]]) {
    assert.throws(() => state.decodeState('s', bad), (err) => err.name === 'StateError' && reason.test(err.message), bad);
  }
  const hash = state.buildHash('compare', { scenario, off: {}, compare: { metric: 'embodied' } });
  assert.match(hash, /^#\/compare\?s=[^&]+&c=/);
  const { page, params } = state.parseHash(hash);
  assert.equal(page, 'compare');
  const read = state.readState(params);
  assert.deepEqual(read.scenario, scenario);
  assert.deepEqual(read.compare, { metric: 'embodied' });
  assert.deepEqual(read.errors, []);
  assert.equal(state.parseHash('#/nowhere').known, false);
  // The Optimize page's study edits travel in o=.
  const optimize = { study: 'zdt1', seed: 3 };
  const o = state.parseHash(state.buildHash('optimize', { scenario, optimize }));
  assert.equal(o.page, 'optimize');
  assert.deepEqual(state.readState(o.params).optimize, optimize);
  assert.deepEqual(state.readState(new URLSearchParams('o=%%%')).errors.map((e) => e.param), ['o']);
});

test('Optimize study: default edits reproduce the preset; switched-off variables; error paths to fields', async () => {
  const file = path.join(dir, 'optimize-study.mjs');
  copyFileSync(path.join(ROOT, 'web/js/optimize-study.js'), file);
  const study = await import(pathToFileURL(file).href);
  const read = (name) => JSON.parse(readFileSync(path.join(ROOT, 'examples/pareto', name), 'utf8'));
  for (const info of study.STUDIES) {
    const preset = read(info.file);
    const { request } = study.buildRequest(preset, study.defaultEdits(info, preset));
    assert.deepEqual(request, preset, `${info.id}: the default edits change nothing`);
  }
  const law = read('scaling-law-study.json');
  const info = study.STUDIES.find((s) => s.id === 'scaling-law');
  const edits = study.defaultEdits(info, law);
  edits.variables.n_params.on = false;
  edits.variables.n_tokens.min = -5;
  const { request, fields } = study.buildRequest(law, edits);
  assert.deepEqual(request.variables.map((v) => v.name), ['n_tokens']);
  assert.equal(request.model.parameters, 7e10, 'held at its fixed value');
  assert.equal(request.variables[0].min, -5);
  assert.equal(study.fieldFor(fields, 'variables[0].min'), 'var.n_tokens.min');
  assert.equal(study.fieldFor(fields, 'budget.evaluations'), 'evaluations');
  assert.equal(study.fieldFor(fields, 'model.objectives[1]'), 'objectives');
  assert.equal(study.fieldFor(fields, 'nowhere.at.all'), null);
  const where = read('where-to-train.json');
  const wEdits = study.defaultEdits(study.STUDIES.find((s) => s.id === 'where-to-train'), where);
  wEdits.variables.hardware.on = false;
  const w = study.buildRequest(where, wEdits).request;
  assert.deepEqual(w.model.bindings.map((b) => b.variable), ['cloud_region', 'device_count'], 'its binding is dropped');
});
