// Validates data/: every file in the manifest parses, has the catalog header, and every
// entry carries the fields the C++ loader (core/include/greenfront/catalog.h) needs, with a
// source and a licence. Every file (and manifest.json) is validated against its JSON Schema in
// data/schema/ (tools/json_schema.mjs, whose self-test runs first). Also checks the
// reference-case figures the catalogs must serve.
// Run: node tools/check_data.mjs   (exit code 1 on the first failure list)

import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, DATA_VERSION } from './common.mjs';
import { selfTest, validate } from './json_schema.mjs';

const errors = [];
const fail = (m) => errors.push(m);
const load = (rel) => JSON.parse(fs.readFileSync(path.join(DATA_DIR, rel), 'utf8'));
const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const isStr = (x) => typeof x === 'string' && x.length > 0;

const manifest = load('manifest.json');
if (manifest.data_version !== DATA_VERSION) fail('manifest: data_version');
// regions-*.json: extra yearly values for regions.json regions, in separate files by licence (regions-em2024.json: ODbL).
const isRegionsExtra = (f) => /^regions-.+\.json$/.test(f);
const onDisk = ['hardware.json', 'regions.json', 'datacenters.json', 'equivalences.json', 'cloud-regions.json',
  ...fs.readdirSync(DATA_DIR).filter(isRegionsExtra),
  ...fs.readdirSync(path.join(DATA_DIR, 'profiles')).map((f) => `profiles/${f}`)].sort();
if (JSON.stringify([...manifest.files].sort()) !== JSON.stringify(onDisk)) fail('manifest: files differ from data/ contents');

const files = Object.fromEntries(manifest.files.map((f) => [f, load(f)]));

// --- JSON Schemas (data/schema/*.schema.json, validator tools/json_schema.mjs) ---
{
  const t = selfTest();
  for (const s of t.surprises) fail(`json_schema self-test: ${s}`);
}
const SCHEMA_NAMES = ['manifest', 'hardware', 'regions', 'regions-extra', 'cloud-regions', 'datacenters', 'equivalences', 'profile'];
const schemas = Object.fromEntries(SCHEMA_NAMES.map((n) => [n, load(`schema/${n}.schema.json`)]));
const schemaFor = (f) => (f.startsWith('profiles/') ? 'profile' : isRegionsExtra(f) ? 'regions-extra' : f.replace(/\.json$/, ''));
const schemaErrors = (f, doc) => {
  try {
    return validate(schemas[schemaFor(f)], doc, `data/${f}`);
  } catch (e) {
    return [`data/schema/${schemaFor(f)}.schema.json: ${e.message}`];
  }
};
for (const [f, doc] of [['manifest.json', manifest], ...Object.entries(files)]) {
  if (!schemas[schemaFor(f)]) { fail(`data/${f}: no schema`); continue; }
  const errs = schemaErrors(f, doc);
  errs.slice(0, 20).forEach(fail);
  if (errs.length > 20) fail(`data/${f}: ... ${errs.length - 20} more schema errors`);
}
// The schemas must reject what they are meant to reject (guards against a vacuous schema).
const mutants = [
  ['regions.json', (d) => { d.entries[1].values[0].intensity_g_per_kwh = 1600; }, 'maximum 1500'],
  ['regions.json', (d) => { delete d.sources.owid.licence; }, 'required "licence"'],
  ['regions.json', (d) => { delete d.entries[1].values[0].source_ref; }, 'required "source_ref"'],
  ['regions.json', (d) => { d.entries[1].values[0].source = 'inline'; }, 'additionalProperties false'],
  ['regions.json', (d) => { d.entries[1].values[0].renewable_share = 1.2; }, 'maximum 1'],
  ['hardware.json', (d) => { d.entries[0].tdp_w = 0; }, 'minimum 1'],
  ['hardware.json', (d) => { d.entries[0].lifetime_years = 31; }, 'maximum 30'],
  ['hardware.json', (d) => { d.entries[0].extra_field = 1; }, 'additionalProperties false'],
  ['cloud-regions.json', (d) => { d.entries[0].pue = 3.5; }, 'maximum 3'],
  ['cloud-regions.json', (d) => { d.entries[0].source_ref = 'Not A Key'; }, 'pattern'],
  ['datacenters.json', (d) => { delete d.entries[0].source; }, 'required "source"'],
  ['equivalences.json', (d) => { d.entries[0].kg_per_unit = 0; }, 'exclusiveMinimum 0'],
  ['profiles/eia930-2022-ciso.json', (d) => { d.intensity_g_per_kwh[5] = -1; }, 'minimum 0'],
  ['regions-em2024.json', (d) => { d.entries[0].values[1].basis = 'consumption'; }, 'enum'],
  ['regions-em2024.json', (d) => { d.entries[0].values[0].low_carbon_share = 1.2; }, 'maximum 1'],
  ['regions-em2024.json', (d) => { delete d.licence; }, 'required "licence"'],
  ['regions-em2024.json', (d) => { d.entries[0].name = 'x'; }, 'additionalProperties false'],
  ['manifest.json', (d) => { d.files.push('hardware.json'); }, 'uniqueItems'],
];
for (const [f, mutate, rule] of mutants) {
  if (f !== 'manifest.json' && !files[f]) { fail(`schema mutants: ${f} not in the manifest`); continue; }
  const d = structuredClone(f === 'manifest.json' ? manifest : files[f]);
  mutate(d);
  if (!schemaErrors(f, d).some((e) => e.includes(`: ${rule}`))) fail(`schema ${schemaFor(f)}: a mutated ${f} was not rejected with "${rule}"`);
}

// Shared citations: regions.json, regions-*.json (per value) and cloud-regions.json (per entry) name their
// citation by key (source_ref) in the file's "sources" table. Resolve every reference (copying source and
// licence in, as the C++ loader does) so that the checks below see each citation; a key missing from the table
// and a table entry nobody uses are errors.
for (const f of Object.keys(files).filter((x) => x === 'regions.json' || x === 'cloud-regions.json' || isRegionsExtra(x))) {
  const doc = files[f];
  const table = doc.sources ?? {};
  const used = new Set();
  for (const key of Object.keys(table)) if (!/^[a-z0-9][a-z0-9.-]*$/.test(key)) fail(`${f}: sources key "${key}"`);
  for (const e of doc.entries ?? []) {
    for (const item of f === 'cloud-regions.json' ? [e] : (e.values ?? [])) {
      const key = item.source_ref;
      if (!Object.hasOwn(table, key)) { fail(`${f}:${e.id}: unknown source_ref "${key}"`); continue; }
      used.add(key);
      Object.assign(item, { source: table[key].source, licence: table[key].licence });
      delete item.source_ref;
    }
  }
  for (const key of Object.keys(table)) if (!used.has(key)) fail(`${f}: sources.${key} is not used`);
}

function checkCatalog(file, name, checkEntry) {
  const c = files[file];
  if (c.catalog !== name || c.version !== DATA_VERSION || !isStr(c.description) || !Array.isArray(c.entries)) {
    fail(`${file}: bad header`);
    return [];
  }
  const ids = new Set();
  for (const e of c.entries) {
    const where = `${file}:${e.id}`;
    if (!isStr(e.id) || ids.has(e.id)) fail(`${where}: missing or duplicate id`);
    ids.add(e.id);
    if (e.source !== undefined || name !== 'regions') {
      if (!isStr(e.source)) fail(`${where}: source`);
      if (!isStr(e.licence)) fail(`${where}: licence`);
    }
    if (e.estimate === true && !isStr(e.uncertainty)) fail(`${where}: estimate without uncertainty`);
    checkEntry(e, where);
  }
  return c.entries;
}

// --- hardware ---
const aliasOwner = new Map();
const hw = checkCatalog('hardware.json', 'hardware', (e, w) => {
  if (!isStr(e.name) || !['gpu', 'tpu', 'cpu', 'accelerator', 'client'].includes(e.kind)) fail(`${w}: name/kind`);
  if (!isNum(e.tdp_w) || e.tdp_w <= 0) fail(`${w}: tdp_w`);
  if (!isNum(e.lifetime_years) || e.lifetime_years <= 0 || e.lifetime_years > 30) fail(`${w}: lifetime_years`);
  for (const k of ['idle_w', 'measured_avg_power_w', 'embodied_kg', 'host_embodied_kg', 'devices_per_host', 'memory_gb']) {
    if (e[k] !== undefined && (!isNum(e[k]) || e[k] < 0)) fail(`${w}: ${k}`);
  }
  if (e.idle_w !== undefined && e.idle_w > e.tdp_w) fail(`${w}: idle_w > tdp_w`);
  if (e.embodied_kg !== undefined && !isStr(e.embodied_method)) fail(`${w}: embodied_kg without embodied_method`);
  if (!Array.isArray(e.aliases)) fail(`${w}: aliases`);
  for (const a of [e.id, ...(e.aliases ?? [])]) {
    const k = a.toLowerCase();
    if (aliasOwner.has(k) && aliasOwner.get(k) !== e.id) fail(`${w}: alias ${a} also names ${aliasOwner.get(k)}`);
    aliasOwner.set(k, e.id);
  }
});
if (hw.length < 42) fail('hardware: fewer than 42 entries');

// --- profiles ---
const profileIds = new Set();
for (const f of manifest.files.filter((x) => x.startsWith('profiles/'))) {
  const p = files[f];
  const w = f;
  if (!isStr(p.id) || `profiles/${p.id}.json` !== f) fail(`${w}: id must match file name`);
  profileIds.add(p.id);
  if (!isStr(p.zone) || !Number.isInteger(p.year)) fail(`${w}: zone/year`);
  const leap = (p.year % 4 === 0 && p.year % 100 !== 0) || p.year % 400 === 0;
  const v = p.intensity_g_per_kwh;
  const n = p.encoding === 'monthly-typical-day' ? 288 : (leap ? 8784 : 8760);
  if (!Array.isArray(v) || v.length !== n || !v.every((x) => isNum(x) && x >= 0 && x <= 2000)) fail(`${w}: values (expected ${n})`);
  if (p.encoding === 'monthly-typical-day') {
    const c = p.compression ?? {};
    if (!isStr(c.method)) fail(`${w}: compression.method`);
    for (const k of ['mae_g_per_kwh', 'max_abs_error_g_per_kwh', 'annual_mean_error_pct', 'daily_job_error_pct']) {
      if (!isNum(c[k])) fail(`${w}: compression.${k}`);
    }
  } else if (p.encoding !== undefined) fail(`${w}: unknown encoding ${p.encoding}`);
  const odbl = /ODbL/.test(p.licence ?? '');
  if (/electricity ?maps/i.test(p.source ?? '') !== odbl) fail(`${w}: Electricity Maps data must be labelled ODbL (and only it)`);
  if (odbl && !p.id.startsWith('em')) fail(`${w}: ODbL profile must be a separate em* file`);
  if (!['lifecycle', 'direct', 'unknown'].includes(p.basis) || !isStr(p.source) || !isStr(p.licence) || !isStr(p.notes)) fail(`${w}: basis/source/licence/notes`);
}

// --- regions ---
const regionAlias = new Map();
const regions = checkCatalog('regions.json', 'regions', (e, w) => {
  if (!isStr(e.name) || !['world', 'country', 'subnational'].includes(e.kind)) fail(`${w}: name/kind`);
  if (e.kind === 'country' && !/^[A-Z]{2}$/.test(e.id)) fail(`${w}: country id must be ISO 3166-1 alpha-2`);
  if (e.kind === 'subnational' && !/^[A-Z]{2}-[A-Z0-9-]+$/.test(e.id)) fail(`${w}: sub-national id`);
  if (e.hourly_profile !== undefined && !profileIds.has(e.hourly_profile)) fail(`${w}: unknown hourly_profile`);
  if (!Array.isArray(e.values) || e.values.length === 0) fail(`${w}: no values`);
  let last = -Infinity;
  for (const v of e.values ?? []) {
    if (!Number.isInteger(v.year) || v.year <= last) fail(`${w}: values not sorted by year / duplicate year`);
    last = v.year;
    if (!isNum(v.intensity_g_per_kwh) || v.intensity_g_per_kwh < 0 || v.intensity_g_per_kwh > 2000) fail(`${w}: intensity ${v.year}`);
    if (!['lifecycle', 'direct', 'unknown'].includes(v.basis)) fail(`${w}: basis ${v.year}`);
    if (!isStr(v.source) || !isStr(v.licence)) fail(`${w}: value ${v.year} source/licence`);
    if (v.estimate === true && !isStr(v.uncertainty)) fail(`${w}: value ${v.year} estimate without uncertainty`);
    if (/electricity ?maps|electricitymap|ODbL/i.test(`${v.source} ${v.licence}`)) fail(`${w}: ODbL / Electricity Maps data must stay out`);
    if ((v.renewable_share !== undefined) !== (v.low_carbon_share !== undefined)) fail(`${w}: value ${v.year} needs both shares or neither`);
    if (v.renewable_share > v.low_carbon_share) fail(`${w}: value ${v.year} renewable_share > low_carbon_share`);
  }
  for (const a of [e.id, ...(e.aliases ?? [])]) {
    const k = a.toLowerCase();
    if (regionAlias.has(k) && regionAlias.get(k) !== e.id) fail(`${w}: alias ${a} also names ${regionAlias.get(k)}`);
    regionAlias.set(k, e.id);
  }
});

const regionIds = new Set(regions.map((r) => r.id));

// --- regions-*.json: extra values merged into regions.json regions by id (C++ loader) ---
// Electricity Maps / ODbL data only in files named regions-em<year>*.json, labelled ODbL in the header and on every
// value (the ODbL separation rule; regions.json itself must stay free of it, see above).
let extraValues = 0;
for (const f of manifest.files.filter(isRegionsExtra)) {
  const c = files[f];
  if (c.catalog !== 'regions-extra' || c.version !== DATA_VERSION || !isStr(c.description) || !isStr(c.licence) ||
    !Array.isArray(c.entries)) { fail(`${f}: bad header`); continue; }
  const fileOdbl = /ODbL/.test(c.licence);
  const ids = new Set();
  for (const e of c.entries) {
    const w = `${f}:${e.id}`;
    if (!regionIds.has(e.id)) fail(`${w}: id does not exist in regions.json`);
    if (ids.has(e.id)) fail(`${w}: duplicate id`);
    ids.add(e.id);
    const pairs = new Set();
    for (const v of e.values ?? []) {
      extraValues++;
      const key = `${v.year}/${v.basis}`;
      if (pairs.has(key)) fail(`${w}: (year, basis) ${key} twice`);
      pairs.add(key);
      if (!isStr(v.source) || !isStr(v.licence)) fail(`${w}: value ${key} source/licence`);
      if ((v.renewable_share !== undefined) !== (v.low_carbon_share !== undefined)) fail(`${w}: value ${key} needs both shares or neither`);
      if (v.renewable_share > v.low_carbon_share) fail(`${w}: value ${key} renewable_share > low_carbon_share`);
      const em = /electricity ?maps|electricitymap/i.test(`${v.source} ${v.licence}`);
      const odbl = /ODbL/.test(v.licence ?? '');
      if (em && !odbl) fail(`${w}: value ${key}: Electricity Maps data must be labelled ODbL`);
      if (odbl && !fileOdbl) fail(`${w}: value ${key}: ODbL value in a file whose licence is not ODbL`);
      if (fileOdbl && !odbl) fail(`${w}: value ${key}: every value of an ODbL file must be labelled ODbL`);
    }
  }
  if (fileOdbl && !/^regions-em[0-9]{4}/.test(f)) fail(`${f}: ODbL data must be in a separate file named regions-em<year>*.json`);
  if (!fileOdbl && /^regions-em/.test(f)) fail(`${f}: regions-em* files hold Electricity Maps data and must be labelled ODbL`);
}
if (!manifest.files.includes('regions-em2024.json')) fail('manifest: regions-em2024.json missing');

// --- cloud regions ---
const clouds = checkCatalog('cloud-regions.json', 'cloud-regions', (e, w) => {
  if (!['gcp', 'aws', 'azure'].includes(e.provider) || !e.id.startsWith(`${e.provider}:`) || e.id !== e.id.toLowerCase()) fail(`${w}: provider/id`);
  if (!isStr(e.name) || !regionIds.has(e.region)) fail(`${w}: name/region (must exist in regions.json)`);
  if (!isNum(e.pue) || e.pue < 1 || e.pue > 3) fail(`${w}: pue`);
  if (e.cfe_share !== undefined && (!isNum(e.cfe_share) || e.cfe_share < 0 || e.cfe_share > 1)) fail(`${w}: cfe_share`);
  if (e.intensity_g_per_kwh !== undefined && (!isNum(e.intensity_g_per_kwh) || e.intensity_g_per_kwh < 0 || e.intensity_g_per_kwh > 2000)) fail(`${w}: intensity`);
  if ((e.cfe_share !== undefined || e.intensity_g_per_kwh !== undefined) && !Number.isInteger(e.year)) fail(`${w}: year`);
});
if (clouds.length < 60) fail('cloud-regions: fewer than 60 entries');

// --- datacenters, equivalences ---
const dcs = checkCatalog('datacenters.json', 'datacenters', (e, w) => {
  if (!isStr(e.name) || !isNum(e.pue) || e.pue < 1 || e.pue > 5) fail(`${w}: name/pue`);
});
const eqs = checkCatalog('equivalences.json', 'equivalences', (e, w) => {
  if (!isStr(e.label) || !isStr(e.unit) || !isNum(e.kg_per_unit) || e.kg_per_unit <= 0) fail(`${w}: label/unit/kg_per_unit`);
});

// --- reference cases (shared/cases/README.md) ---
const R = Object.fromEntries(regions.map((r) => [r.id, r]));
const H = Object.fromEntries(hw.map((h) => [h.id, h]));
const D = Object.fromEntries(dcs.map((d) => [d.id, d]));
const E = Object.fromEntries(eqs.map((q) => [q.id, q]));
const valueOf = (id, year) => R[id]?.values.find((v) => v.year === year)?.intensity_g_per_kwh;
const expect = (cond, msg) => { if (!cond) fail(`case: ${msg}`); };
expect(valueOf('CA-QC', 2019) === 20, 'grid-range: CA-QC 2019 = 20');
expect(valueOf('US-IA', 2019) === 736.6, 'grid-range: US-IA 2019 = 736.6');
expect(H['google-tpu-v2']?.measured_avg_power_w === 221 && H['google-tpu-v2']?.tdp_w === 280, 'TPU v2 221/280 W');
expect(H['google-tpu-v3']?.measured_avg_power_w === 283 && H['google-tpu-v3']?.tdp_w === 450, 'TPU v3 283/450 W');
expect(H['nvidia-p100-pcie']?.measured_avg_power_w === 271, 'P100 271 W');
expect(H['nvidia-v100-sxm2']?.measured_avg_power_w === 325 && H['nvidia-v100-sxm2']?.tdp_w === 300, 'V100 325/300 W');
expect(H['generic-gpu']?.tdp_w === 200, 'generic-gpu 200 W');
expect(H['smartphone']?.tdp_w === 3, 'smartphone 3 W');
expect(D.typical?.pue === 1.56 && D.hyperscale?.pue === 1.1, 'PUE typical 1.56, hyperscale 1.1');
expect(Math.abs(96400 / E.car_miles?.kg_per_unit / 242231 - 1) < 0.01, 'meena-miles within 1 %');
expect(Math.abs(E.car_years?.kg_per_unit - 11000 * 0.45359237) < 0.01, 'car_years = 11,000 lbs');
// BLOOM embodied: (150 + 2500/8) kg x GPU-hours / (6 y) / 0.85 = 11.2 t
const a = H['nvidia-a100-sxm4-80gb'];
const bloom = ((a.embodied_kg + a.host_embodied_kg / a.devices_per_host) * 1082990) / (a.lifetime_years * 8760) / 0.85 / 1000;
expect(Math.abs(bloom - 11.2) < 0.1, `bloom-holistic embodied 11.2 t (got ${bloom.toFixed(2)})`);
for (const [alias, id] of [['v100', 'nvidia-v100-sxm2'], ['a100', 'nvidia-a100-sxm4-40gb'], ['h100', 'nvidia-h100-sxm'],
  ['t4', 'nvidia-t4'], ['tpu-v3', 'google-tpu-v3'], ['tpu v3', 'google-tpu-v3']]) {
  expect(aliasOwner.get(alias) === id, `alias ${alias} -> ${id}`);
}

if (errors.length) {
  console.error(`data check FAILED (${errors.length}):\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
console.log(`data check OK: hardware ${hw.length}, regions ${regions.length} (${regions.reduce((s, r) => s + r.values.length, 0)} values), ` +
  `regions-*.json extra values ${extraValues}, ` +
  `cloud regions ${clouds.length}, profiles ${profileIds.size}, datacenters ${dcs.length}, equivalences ${eqs.length}`);
