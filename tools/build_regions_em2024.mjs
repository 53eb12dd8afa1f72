// Builds data/regions-em2024.json: Electricity Maps 2024 yearly averages (direct AND life-cycle
// intensity, carbon-free and renewable shares) added to regions that already exist in data/regions.json.
//
// ODbL 1.0 (share-alike): this file is the only catalog holding Electricity Maps yearly values and is
// offered under ODbL 1.0 as a separate database (data/licenses/ODbL-1.0-NOTICE.md). regions.json itself
// stays free of Electricity Maps data; the C++ loader merges every data/regions-*.json entry's values
// into the region with the same id.
//
// Input (../shared/data-sources):
//   green-algorithms-data-v3.1/carbon-intensity/electricitymap/CI-electricitymap-yearly_2024.csv
//     Electricity Maps 2024 yearly averages per zone, aggregated by N. Volkmann in
//     Cambridge-Sustainable-Computing-Lab/Green-Algorithms-data @4a0c3fc v3.1; ODbL 1.0.
//   data/regions.json (run build_regions.mjs first): the ids a zone may map to.
//
// Mapping: a zone id equal to a regions.json id (ISO 3166-1 alpha-2 countries, CA-XX provinces,
// US-AK / US-HI) maps to it; six US balancing-area zones map to the existing US-BA-* ids (table below).
// Every other zone (sub-zones such as DK-DK1, other US BAs, GLOBAL, territories without a region) is skipped.
//
// Run: node tools/build_regions_em2024.mjs

import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, catalogJson, compact, readCsv, round, sourceTable, writeData } from './common.mjs';

const SOURCE_FILE = 'green-algorithms-data-v3.1/carbon-intensity/electricitymap/CI-electricitymap-yearly_2024.csv';
const YEAR = 2024;
const COL = {
  date: 'Datetime (UTC)',
  zone: 'Zone id',
  name: 'Zone name',
  direct: 'Carbon intensity gCO₂eq/kWh (direct)',
  lifecycle: 'Carbon intensity gCO₂eq/kWh (Life cycle)',
  cfe: 'Carbon-free energy percentage (CFE%)',
  re: 'Renewable energy percentage (RE%)',
  citation: 'Citation',
};
const LICENCE = 'ODbL-1.0 (Electricity Maps via Green-Algorithms-data v3.1; share-alike)';
const FILE_LICENCE =
  'ODbL-1.0 (Open Database License 1.0, https://opendatacommons.org/licenses/odbl/1-0/), share-alike: this file is ' +
  'offered under ODbL 1.0 as a separate database; any database derived from it and distributed must also be offered ' +
  'under ODbL 1.0. Contains Electricity Maps data (https://www.electricitymaps.com), ODbL 1.0, via ' +
  'Cambridge-Sustainable-Computing-Lab/Green-Algorithms-data v3.1. See data/licenses/ODbL-1.0-NOTICE.md.';

/** Electricity Maps US balancing-area zone -> existing regions.json id. */
const US_BA = {
  'US-NW-BPAT': 'US-BA-BPAT',
  'US-CAL-CISO': 'US-BA-CISO',
  'US-TEX-ERCO': 'US-BA-ERCO',
  'US-MIDW-MISO': 'US-BA-MISO',
  'US-NY-NYIS': 'US-BA-NYIS',
  'US-MIDA-PJM': 'US-BA-PJM',
};
/** Zones whose area differs from the region they map to (kept: the bulk of the region's load). */
const SCOPE_NOTES = {
  GB: 'Electricity Maps zone GB is Great Britain (zone name "Great Britain"): Northern Ireland (GB-NIR) and Orkney ' +
    '(GB-ORK) are separate zones and not included; the region GB is the United Kingdom.',
  IN: 'Electricity Maps zone IN is "Mainland India" (the aggregate of its regional zones).',
  FR: 'Electricity Maps zone FR is mainland France; Corsica (FR-COR) is a separate zone and not included.',
  ES: 'Electricity Maps zone ES is mainland Spain; the Balearic (ES-IB-*) and Canary (ES-CN-*) Islands, Ceuta and ' +
    'Melilla are separate zones and not included.',
};

function source(zone) {
  return `Electricity Maps ${YEAR} yearly average, zone ${zone}, consumption-based (Electricity Maps (2025), Version ` +
    'January 27, 2025, https://www.electricitymaps.com); via Green-Algorithms-data @4a0c3fc ' +
    'v3.1/carbon-intensity/electricitymap/CI-electricitymap-yearly_2024.csv (RE% -> renewable_share, CFE% -> low_carbon_share)';
}

function number(r, col, { optional = false } = {}) {
  const s = r[col];
  if (s === '' && optional) return undefined;
  const v = Number(s);
  if (s === '' || !Number.isFinite(v) || v < 0) throw new Error(`${SOURCE_FILE}: zone ${r[COL.zone]}: bad ${col} "${s}"`);
  return v;
}

function build() {
  const regionsFile = path.join(DATA_DIR, 'regions.json');
  if (!fs.existsSync(regionsFile)) throw new Error(`${regionsFile} missing: run node tools/build_regions.mjs first`);
  const regionIds = new Set(JSON.parse(fs.readFileSync(regionsFile, 'utf8')).entries.map((e) => e.id));

  const rows = readCsv(SOURCE_FILE);
  for (const c of Object.values(COL)) if (!(c in rows[0])) throw new Error(`${SOURCE_FILE}: column "${c}" missing`);
  const seen = new Set();
  // The direct and life-cycle values of a zone share one citation in the "sources" table, keyed by zone.
  const { sources, ref } = sourceTable((v) => `em2024-${v.source.match(/, zone ([^,]+), /)[1].toLowerCase()}`);
  const entries = [];
  const skipped = [];
  for (const r of rows) {
    const zone = r[COL.zone];
    if (seen.has(zone)) throw new Error(`${SOURCE_FILE}: zone ${zone} twice`);
    seen.add(zone);
    const id = US_BA[zone] ?? (regionIds.has(zone) && !zone.startsWith('US-BA-') ? zone : undefined);
    if (id === undefined) { skipped.push(zone); continue; }
    if (!regionIds.has(id)) throw new Error(`${zone} -> ${id}: no such region in regions.json`);
    if (!r[COL.date].startsWith(`${YEAR}-`)) throw new Error(`${SOURCE_FILE}: zone ${zone} is dated ${r[COL.date]}, not ${YEAR}`);
    if (!r[COL.citation].includes(`${YEAR} Yearly Carbon Intensity Data`)) throw new Error(`${zone}: citation is not the ${YEAR} yearly data`);
    const direct = number(r, COL.direct);
    const lifecycle = number(r, COL.lifecycle);
    const cfe = number(r, COL.cfe, { optional: true });
    const re = number(r, COL.re, { optional: true });
    if ((cfe === undefined) !== (re === undefined)) throw new Error(`${zone}: CFE% and RE% must both be present or both absent`);
    if (cfe !== undefined && (cfe > 100 || re > cfe)) throw new Error(`${zone}: RE% ${re} / CFE% ${cfe} out of order`);
    const shares = cfe === undefined ? {} : { renewable_share: round(re / 100, 4), low_carbon_share: round(cfe / 100, 4) };
    const value = (intensity, basis) =>
      ref({ year: YEAR, intensity_g_per_kwh: intensity, basis, ...shares, source: source(zone), licence: LICENCE });
    const notes = [
      zone !== id ? `Electricity Maps zone ${zone} ("${r[COL.name]}").` : undefined,
      SCOPE_NOTES[id],
      direct > lifecycle
        ? `As published, the direct value (${direct}) exceeds the life-cycle value (${lifecycle}); Electricity Maps ` +
          'takes direct and life-cycle emission factors from different sources, so this can happen for oil- or ' +
          'unknown-fuel-heavy zones. Not corrected here.'
        : undefined,
    ].filter(Boolean).join(' ');
    entries.push(compact({ id, notes: notes || undefined, values: [value(direct, 'direct'), value(lifecycle, 'lifecycle')] }));
  }
  for (const [zone, id] of Object.entries(US_BA)) {
    if (!entries.some((e) => e.id === id)) throw new Error(`balancing-area zone ${zone} (${id}) not found in ${SOURCE_FILE}`);
  }
  entries.sort((a, b) => a.id.localeCompare(b.id));
  const sorted = Object.fromEntries(entries.map((e) => {
    const key = e.values[0].source_ref;
    return [key, sources[key]];
  }));

  writeData('regions-em2024.json', catalogJson('regions-extra',
    'Electricity Maps 2024 yearly averages added to existing regions.json regions (merged by id by the C++ loader). ' +
    'Each entry has two 2024 values: basis "direct" (combustion CO2e) and basis "lifecycle" (incl. upstream), both ' +
    'consumption-based (imports included), gCO2e/kWh. renewable_share = Electricity Maps RE% / 100 and ' +
    'low_carbon_share = CFE% (carbon-free: renewables + nuclear) / 100, fractions of consumed electricity. ' +
    'Zones mapped: ISO 3166-1 alpha-2 countries, Canadian provinces, US-AK/US-HI and six US balancing authorities ' +
    '(US-BA-*); other zones are not included. ODbL 1.0 share-alike, kept separate from regions.json. Generated by ' +
    'tools/build_regions_em2024.mjs; do not edit by hand.', entries, { licence: FILE_LICENCE, sources: sorted }));
  console.log(`regions-em2024: ${entries.length} zones mapped (${entries.length * 2} values), ${skipped.length} skipped ` +
    `of ${rows.length}`);
}

build();
