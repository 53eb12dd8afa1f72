#!/usr/bin/env node
// Writes the fuzzing seed corpus: every golden scenario (bare and in a {"request":
// "estimate"} envelope), every bad input of tests/bad_inputs.json, every example, and the
// Pareto examples — one file each.
//   node script/fuzz-seeds.mjs OUT_DIR [--dict FILE]
// --dict also writes a libFuzzer dictionary of every JSON key and short string value found
// in those files (fuzz/greenfront.dict is made this way), so mutations speak the schema.
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadGoldenCases, loadRequestExamples, repoRoot } from '../tests/js/golden_cases.mjs';

const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, 'build/fuzz/seeds'));
const dictIndex = process.argv.indexOf('--dict');
const dictFile = dictIndex > 0 ? path.resolve(process.argv[dictIndex + 1]) : null;

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const seeds = [];
for (const testCase of loadGoldenCases()) {
  for (const { key, scenario } of testCase.scenarios) {
    seeds.push([`golden-${key}`, JSON.stringify(scenario)]);
    seeds.push([`envelope-${key}`, JSON.stringify({ request: 'estimate', scenario })]);
  }
}
const badInputs = JSON.parse(readFileSync(path.join(repoRoot, 'tests/bad_inputs.json'), 'utf8'));
badInputs.forEach((c, i) => {
  seeds.push([`bad-${i}`, c.text ?? JSON.stringify(c.scenario ?? c.request ?? c)]);
});
for (const example of loadRequestExamples()) seeds.push([example.id, example.text]);
seeds.push(['catalog', JSON.stringify({ request: 'catalog', kind: 'regions', search: 'FR' })]);
// The CodeCarbon fixtures as dropped files (raw bytes: Latin-1, BOM, CRLF included), one of
// them as an import request, and a report request over the lifecycle example.
const codecarbonDir = path.join(repoRoot, 'tests/data/codecarbon');
for (const file of readdirSync(codecarbonDir).filter((f) => f.endsWith('.csv')).sort()) {
  seeds.push([`codecarbon-${file.replace(/\.csv$/, '')}`, readFileSync(path.join(codecarbonDir, file), 'latin1')]);
}
seeds.push(['import_codecarbon', JSON.stringify({
  request: 'import_codecarbon', csv: readFileSync(path.join(codecarbonDir, 'v2_7.csv'), 'utf8'),
  phase: 'training', run: 'run-a' })]);
seeds.push(['report', JSON.stringify({
  request: 'report', model_name: 'lifecycle example', training_type: 'pre-training',
  scenario: JSON.parse(readFileSync(path.join(repoRoot, 'examples/lifecycle.json'), 'utf8')) })]);
for (const [name, text] of seeds) {
  // Raw CSV seeds keep their bytes ('latin1' maps each char back to one byte).
  writeFileSync(path.join(outDir, `${name}.json`), text, name.startsWith('codecarbon-') ? 'latin1' : 'utf8');
}
console.log(`fuzz-seeds: ${seeds.length} seeds in ${path.relative(process.cwd(), outDir) || '.'}`);

if (dictFile) {
  const tokens = new Set();
  const visit = (value) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (/^[\x20-\x7e]*$/.test(k)) tokens.add(`"${k}"`);
        // A CSV inside a request: its column names are tokens too (unquoted).
        if (k === 'csv' && typeof v === 'string') {
          for (const t of v.split(/\r?\n/)[0].split(',')) {
            if (t.length > 0 && t.length <= 40 && /^[\x20-\x7e]*$/.test(t) && !/[\\"]/.test(t)) {
              tokens.add(t);
            }
          }
        }
        visit(v);
      }
    } else if (typeof value === 'string' && value.length <= 40 && /^[\x20-\x7e]*$/.test(value) &&
               !/[\\"]/.test(value)) {
      tokens.add(`"${value}"`);
    }
  };
  for (const [, text] of seeds) {
    try {
      visit(JSON.parse(text));
    } catch { /* bad inputs may not parse */ }
  }
  const lines = [...tokens].sort().map((t) => `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
  writeFileSync(dictFile, `# JSON keys and values of the seed corpus (script/fuzz-seeds.mjs --dict)\n${lines.join('\n')}\n`);
  console.log(`fuzz-seeds: ${lines.length} dictionary tokens in ${dictFile}`);
}
