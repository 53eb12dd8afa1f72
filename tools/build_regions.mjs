// Builds data/regions.json: grid carbon intensity per region and year.
//
// Inputs (all from ../shared/data-sources, licence-checked; no ODbL / Electricity Maps data):
//   codecarbon/private_infra/global_energy_mix.json        OWID (Ember + Energy Institute), CC BY 4.0;
//                                                          intensity + renewable/low-carbon generation shares
//   codecarbon/private_infra/2020/eu-carbon-intensity-electricity.csv   OWID grapher 2000-2020, CC BY 4.0
//   codecarbon/private_infra/2016/usa_emissions.json      US EPA eGRID 2016, lbs CO2/MWh, public domain
//   eco2ai/carbon_index.csv                                Canadian provinces, Apache-2.0
//   mlco2-impact/impact.csv                                Quebec 20 / Iowa 736.6 (seed 003 §3.4), MIT
//   green-algorithms-tool-v3.0/CI_aggregated.csv           WORLD 475 (IEA), CC BY 4.0
//   carbontracker/carbon-intensities.csv, eco2ai           ISO3 -> ISO2 codes only (MIT, Apache-2.0)
//   data/profiles/*.json (run build_profiles.mjs first)    EIA-930 2022 balancing areas, public domain
//
// Run: node tools/build_profiles.mjs && node tools/build_regions.mjs

import fs from 'node:fs';
import path from 'node:path';
import {
  DATA_DIR, LBS_TO_KG, catalogJson, compact, readCsv, readSourceJson, round, row, sourceTable, writeData,
} from './common.mjs';
import { BALANCING_AREAS, EM_ZONES, emProfileId, loadBalancingArea, profileId } from './build_profiles.mjs';

// ---------------------------------------------------------------------------------------
// Source descriptions (one per dataset). regions.json holds each once, in its "sources" table; values
// refer to it by key (source_ref, see sourceKey).

const OWID = {
  source:
    'Our World in Data energy-data, carbon_intensity_elec and electricity generation by source in TWh (renewable_share, ' +
    'low_carbon_share) (Ember Yearly Electricity Data; Energy Institute Statistical ' +
    'Review), https://github.com/owid/energy-data; via codecarbon @b05965e data/private_infra/global_energy_mix.json',
  licence: 'CC BY 4.0 (OWID, Ember; Energy Institute data with attribution)',
};
const OWID_EU = {
  source:
    'Our World in Data grapher carbon-intensity-electricity (Ember/EEA), 2020 snapshot, gCO2/kWh; via codecarbon ' +
    '@b05965e data/private_infra/2020/eu-carbon-intensity-electricity.csv',
  licence: 'CC BY 4.0 (OWID, Ember)',
};
const EGRID = {
  source:
    'US EPA eGRID 2016 state CO2 output emission rate (https://www.epa.gov/egrid), lbs/MWh x 0.45359237; via codecarbon ' +
    '@b05965e data/private_infra/2016/usa_emissions.json',
  licence: 'US public domain (EPA)',
};
const ECO2AI = {
  source:
    'Eco2AI @366debb eco2ai/data/carbon_index.csv (https://github.com/sb-ai-lab/Eco2AI), kg/MWh; year not stated ' +
    'upstream (file of 2022-09, tagged 2021)',
  licence: 'Apache-2.0 (Eco2AI)',
};
const IEA_WORLD = {
  source:
    'IEA Global Energy & CO2 Status Report 2019 (https://www.iea.org/reports/global-energy-co2-status-report-2019/emissions), ' +
    'world 2018; via green-algorithms-tool @30df2fe data/v3.0/CI_aggregated.csv row WORLD',
  licence: 'CC BY 4.0 (Green Algorithms); IEA figure cited',
};

/** Key of a value's citation in the "sources" table of regions.json. */
function sourceKey(v) {
  const named = new Map([[OWID.source, 'owid'], [OWID_EU.source, 'owid-eu-2020'], [EGRID.source, 'egrid-2016'],
    [ECO2AI.source, 'eco2ai'], [IEA_WORLD.source, 'iea-2018']]);
  if (named.has(v.source)) return named.get(v.source);
  if (v.source.startsWith('Generation-weighted mean computed by')) return 'world-mean';
  const seed003 = v.source.match(/^mlco2\/impact .* row azure (\w+) /);
  if (seed003) return `mlco2-impact-${seed003[1]}`;
  const profile = v.source.match(/^Annual mean of hourly profile (\S+) /);
  if (profile) return profile[1];
  throw new Error(`no source key for ${v.source}`);
}

// ---------------------------------------------------------------------------------------
// Countries from OWID (via codecarbon global_energy_mix.json).

function iso3ToIso2() {
  const map = {};
  for (const r of readCsv('carbontracker/carbon-intensities.csv')) map[r.Code] = r['alpha-2'];
  for (const r of readCsv('eco2ai/carbon_index.csv')) {
    if (r.region === 'Whole country' && !map[r.alpha_3_code] && r.alpha_2_code) map[r.alpha_3_code] = r.alpha_2_code;
  }
  // In neither table:
  Object.assign(map, { SHN: 'SH', TLS: 'TL' });
  return map;
}

const EXTRA_ALIASES = {
  US: ['United States of America'],
  GB: ['UK', 'Great Britain'],
  RU: ['Russian Federation'],
  KR: ['Republic of Korea'],
  CZ: ['Czech Republic'],
  CD: ['DR Congo'],
  CI: ["Cote d'Ivoire"],
};

// Generation shares from the same OWID record. Renewables = hydro + solar + wind + bioenergy + other
// renewables excluding bioenergy (OWID keys below). Not summed: other_renewable_TWh (already includes
// biofuel_TWh, and disagrees with biofuel + other_renewable_exc_biofuel for 21 countries), renewables_TWh,
// low_carbon_TWh, fossil_TWh (totals; used only as cross-checks). Denominator total_TWh = fossil + low-carbon.
const RENEWABLE_KEYS = ['hydroelectricity_TWh', 'solar_TWh', 'wind_TWh', 'biofuel_TWh', 'other_renewable_exc_biofuel_TWh'];
const TWH_TOLERANCE = 0.05; // TWh; source values are rounded to 0.01

function shares(iso3, c) {
  const keys = [...RENEWABLE_KEYS, 'nuclear_TWh', 'total_TWh', 'renewables_TWh', 'low_carbon_TWh', 'fossil_TWh'];
  if (!keys.every((k) => Number.isFinite(c[k]) && c[k] >= 0)) return {}; // only where the data has them
  if (!(c.total_TWh > 0)) return {};
  const renewable = RENEWABLE_KEYS.reduce((s, k) => s + c[k], 0);
  const lowCarbon = renewable + c.nuclear_TWh;
  const near = (a, b) => Math.abs(a - b) <= TWH_TOLERANCE;
  if (!near(renewable, c.renewables_TWh) || !near(lowCarbon, c.low_carbon_TWh) || !near(c.fossil_TWh + c.low_carbon_TWh, c.total_TWh)) {
    throw new Error(`${iso3}: OWID generation totals no longer add up (renewables ${renewable} vs ${c.renewables_TWh}, ` +
      `low-carbon ${lowCarbon} vs ${c.low_carbon_TWh}, total ${c.total_TWh})`);
  }
  const share = (x) => round(Math.min(1, x / c.total_TWh), 4);
  return { renewable_share: share(renewable), low_carbon_share: share(lowCarbon) };
}

function countries() {
  const mix = readSourceJson('codecarbon/private_infra/global_energy_mix.json');
  const iso2 = iso3ToIso2();
  const out = new Map();
  for (const [iso3, c] of Object.entries(mix)) {
    const id = iso2[iso3];
    if (!id || !/^[A-Z]{2}$/.test(id)) throw new Error(`no ISO 3166-1 alpha-2 code for ${iso3}`);
    if (out.has(id)) throw new Error(`duplicate alpha-2 ${id}`);
    if (!Number.isFinite(c.carbon_intensity) || !Number.isInteger(c.year)) throw new Error(`${iso3}: bad record`);
    out.set(id, {
      id,
      name: c.country_name,
      kind: 'country',
      aliases: [iso3, c.country_name, ...(EXTRA_ALIASES[id] ?? [])],
      values: [{ year: c.year, intensity_g_per_kwh: round(c.carbon_intensity, 3), basis: 'lifecycle', ...shares(iso3, c), ...OWID }],
      _twh: c.total_TWh,
      _iso3: iso3,
    });
  }
  // European history 2000-2020 (OWID grapher snapshot of 2020).
  const byIso3 = new Map([...out.values()].map((r) => [r._iso3, r]));
  for (const r of readCsv('codecarbon/private_infra/2020/eu-carbon-intensity-electricity.csv')) {
    if (r.Code === '') continue; // aggregates "EU-27", "EU27+1": no region entry for them yet
    const region = byIso3.get(r.Code);
    if (!region) throw new Error(`EU history: ${r.Code} not among OWID countries`);
    const year = Number(r.Year);
    const v = Number(r['Carbon intensity of electricity (gCO2/kWh)']);
    if (!Number.isInteger(year) || !Number.isFinite(v)) throw new Error(`EU history: bad row ${JSON.stringify(r)}`);
    if (region.values.some((x) => x.year === year)) continue; // the newer OWID table wins
    region.values.push({ year, intensity_g_per_kwh: v, basis: 'unknown', ...OWID_EU });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Sub-national: US states (eGRID 2016), Canadian provinces (Eco2AI), seed 003 §3.4 values.

const US_STATE_CODES = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL',
  indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD',
  massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT',
  nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY',
  'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA',
  'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT',
  vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
};
const titleCase = (s) => s.replace(/\b\w/g, (c) => c.toUpperCase()).replace(/\bOf\b/g, 'of');

function usStates(countryMap) {
  const e = readSourceJson('codecarbon/private_infra/2016/usa_emissions.json');
  if (e._unit?.emissions !== 'lbs/MWh') throw new Error('eGRID: unit is no longer lbs/MWh');
  const out = [];
  for (const [key, rec] of Object.entries(e)) {
    if (key === '_unit') continue;
    const g = round(rec.emissions * LBS_TO_KG, 2);
    const value = { year: 2016, intensity_g_per_kwh: g, basis: 'direct', ...EGRID };
    if (key === 'usa') { countryMap.get('US').values.push(value); continue; }
    const code = US_STATE_CODES[key];
    if (!code || rec.regionCode !== code) throw new Error(`eGRID: unknown state ${key} / ${rec.regionCode}`);
    const name = titleCase(key);
    out.push({ id: `US-${code}`, name, kind: 'subnational', aliases: [name, `${name}, US`], values: [value] });
  }
  if (out.length !== 51) throw new Error(`eGRID: expected 50 states + DC, got ${out.length}`);
  return out;
}

const CA_PROVINCES = {
  Alberta: 'AB', 'British Columbia': 'BC', Manitoba: 'MB', 'New Brunswick': 'NB', 'Newfoundland and Labrador': 'NL',
  'Nova Scotia': 'NS', 'Northwest Territories': 'NT', Nunavut: 'NU', Ontario: 'ON', 'Prince Edward Island': 'PE',
  Quebec: 'QC', Saskatchewan: 'SK', Yukon: 'YT',
};

function canadianProvinces() {
  const rows = readCsv('eco2ai/carbon_index.csv').filter((r) => r.country === 'Canada' && r.region !== 'Whole country');
  const out = rows.map((r) => {
    const code = CA_PROVINCES[r.region];
    if (!code) throw new Error(`Eco2AI: unknown province ${r.region}`);
    const v = Number(r['Emission intensity, kg/MWh']);
    if (!Number.isFinite(v)) throw new Error(`Eco2AI: bad value for ${r.region}`);
    return {
      id: `CA-${code}`, name: r.region, kind: 'subnational',
      aliases: [r.region, `${r.region}, Canada`, ...(code === 'QC' ? ['Québec'] : [])],
      values: [{ year: 2021, intensity_g_per_kwh: v, basis: 'unknown', ...ECO2AI }],
    };
  });
  if (out.length !== 13) throw new Error(`Eco2AI: expected 13 provinces/territories, got ${out.length}`);
  return out;
}

/** Seed 003 §3.4 (Gitzel et al. 2023, after Lacoste et al. 2019): 2019 range in North America. */
function seed003Values(byId) {
  const impact = readCsv('mlco2-impact/impact.csv');
  const qc = row(impact.filter((r) => r.provider === 'azure'), 'region', 'canadaeast', 'mlco2 impact');
  const ia = row(impact.filter((r) => r.provider === 'azure'), 'region', 'centralus', 'mlco2 impact');
  if (Number(qc.impact) !== 20 || Number(ia.impact) !== 736.6) throw new Error('mlco2 impact.csv: Quebec/Iowa rows changed');
  const common = 'seed 003 §3.4 (Gitzel et al. 2023, after Lacoste et al. 2019, https://mlco2.github.io/impact/)';
  byId.get('CA-QC').values.push({
    year: 2019, intensity_g_per_kwh: 20, basis: 'unknown',
    source: `mlco2/impact @d0d3ee5 data/impact.csv row azure canadaeast (source "Hydro-Québec"); ${common}`,
    licence: 'MIT (mlco2/impact); Hydro-Québec figure cited',
  });
  byId.get('US-IA').values.push({
    year: 2019, intensity_g_per_kwh: 736.6, basis: 'direct',
    source:
      `mlco2/impact @d0d3ee5 data/impact.csv row azure centralus (source "eGRID (seem to be in the SRMW grid)"); ${common}; ` +
      'an eGRID SRMW subregion rate, not an Iowa state average',
    licence: 'MIT (mlco2/impact); eGRID US public domain',
  });
}

// ---------------------------------------------------------------------------------------
// Balancing areas with hourly profiles (EIA-930 2022).

const BA_ALIASES = {
  BPAT: ['BPAT', 'BPA', 'Bonneville Power Administration'],
  CISO: ['CISO', 'CAISO', 'California ISO'],
  ERCO: ['ERCO', 'ERCOT'],
  MISO: ['MISO', 'Midcontinent ISO'],
  NYIS: ['NYIS', 'NYISO', 'New York ISO'],
  PJM: ['PJM', 'PJM Interconnection'],
};
/** State -> profile links judged defensible (the BA covers most of the state's load). */
const STATE_PROFILE = { 'US-CA': 'CISO', 'US-TX': 'ERCO', 'US-NY': 'NYIS' };
/**
 * Region -> Electricity Maps 2023 hourly zone (ODbL file, linked by id only: no Electricity Maps
 * number enters regions.json). Zones equal to the region. US zones are not linked: EIA profiles are
 * preferred there. JP-TK, IN-WE, AU-NSW have profiles but no region entry (no non-ODbL annual value).
 */
const EM_PROFILE = { DE: 'DE', FR: 'FR', GB: 'GB', SG: 'SG', 'CA-ON': 'CA-ON' };

function balancingAreas() {
  return BALANCING_AREAS.map(({ ba, name }) => {
    const id = profileId(ba);
    const file = path.join(DATA_DIR, 'profiles', `${id}.json`);
    if (!fs.existsSync(file)) throw new Error(`${file} missing: run node tools/build_profiles.mjs first`);
    const { filled } = loadBalancingArea(ba); // full 8760-hour series (the profile file is compressed)
    const mean = filled.reduce((s, v) => s + v, 0) / filled.length;
    return {
      id: `US-BA-${ba}`, name: `${name} balancing authority`, kind: 'subnational',
      aliases: BA_ALIASES[ba], hourly_profile: id,
      values: [{
        year: 2022, intensity_g_per_kwh: round(mean, 1), basis: 'lifecycle',
        source: `Annual mean of hourly profile ${id} (US EIA-930 2022 via HewlettPackard/dc-rl @a92b475)`,
        licence: 'US public domain (EIA); dc-rl MIT',
      }],
    };
  });
}

// ---------------------------------------------------------------------------------------

function world(countryMap) {
  const ga = readCsv('green-algorithms-tool-v3.0/CI_aggregated.csv', { skipRows: 1 });
  const iea = Number(row(ga, 'location', 'WORLD', 'GA CI_aggregated').carbonIntensity);
  let twh = 0;
  let weighted = 0;
  const twhByYear = {};
  for (const c of countryMap.values()) {
    const v = c.values.find((x) => x.source === OWID.source);
    twh += c._twh;
    weighted += c._twh * v.intensity_g_per_kwh;
    twhByYear[v.year] = (twhByYear[v.year] ?? 0) + c._twh;
  }
  const share = Object.entries(twhByYear).sort().map(([y, t]) => `${y}: ${round((100 * t) / twh, 1)} %`).join(', ');
  return {
    id: 'WORLD', name: 'World', kind: 'world', aliases: ['World', 'Global', 'Any'],
    values: [
      { year: 2018, intensity_g_per_kwh: iea, basis: 'direct', ...IEA_WORLD },
      {
        year: 2023, intensity_g_per_kwh: round(weighted / twh, 1), basis: 'lifecycle',
        estimate: true,
        uncertainty:
          `±5 %, method: generation-weighted mean of the ${countryMap.size} country values of this catalog ` +
          `(${round(twh, 0)} TWh; share of generation by data year: ${share}); mixes 2022 and 2023 data`,
        source: `Generation-weighted mean computed by tools/build_regions.mjs from: ${OWID.source}`,
        licence: OWID.licence,
      },
    ],
  };
}

function build() {
  const countryMap = countries();
  const subs = [...usStates(countryMap), ...canadianProvinces(), ...balancingAreas()];
  const byId = new Map([...countryMap.values(), ...subs].map((r) => [r.id, r]));
  seed003Values(byId);
  for (const [state, ba] of Object.entries(STATE_PROFILE)) byId.get(state).hourly_profile = profileId(ba);
  for (const [id, zone] of Object.entries(EM_PROFILE)) {
    if (!EM_ZONES.some((z) => z.zone === zone)) throw new Error(`no Electricity Maps profile for ${zone}`);
    if (byId.get(id).hourly_profile) throw new Error(`${id}: already linked to ${byId.get(id).hourly_profile}`);
    byId.get(id).hourly_profile = emProfileId(zone);
  }

  const regions = [world(countryMap), ...[...countryMap.values()].sort((a, b) => a.id.localeCompare(b.id)),
    ...subs.sort((a, b) => a.id.localeCompare(b.id))];

  // Aliases: unique (case-insensitive) across all ids and aliases; countries keep a contested
  // name (e.g. "Georgia"), the sub-national entry keeps its qualified form ("Georgia, US").
  const taken = new Map(regions.map((r) => [r.id.toLowerCase(), r.id]));
  for (const r of regions) {
    const kept = [];
    for (const a of r.aliases) {
      const k = a.toLowerCase();
      if (taken.has(k) && taken.get(k) !== r.id) continue;
      if (k === r.id.toLowerCase() || kept.some((x) => x.toLowerCase() === k)) continue;
      taken.set(k, r.id);
      kept.push(a);
    }
    r.aliases = kept;
  }

  const entries = regions.map((r) => {
    r.values.sort((a, b) => a.year - b.year);
    for (let i = 1; i < r.values.length; i++) {
      if (r.values[i].year === r.values[i - 1].year) throw new Error(`${r.id}: two values for ${r.values[i].year}`);
    }
    return compact({
      id: r.id, name: r.name, kind: r.kind, aliases: r.aliases, hourly_profile: r.hourly_profile,
      notes: r.id in STATE_PROFILE
        ? `hourly_profile ${r.hourly_profile} is the ${STATE_PROFILE[r.id]} balancing authority (EIA-930 2022), which serves most ` +
          'but not all of the state (other utilities/BAs serve the rest); its level (life-cycle, 2022) differs from the ' +
          'annual values below (eGRID direct CO2, 2016). Use it for time-of-day scheduling.'
        : r.id in EM_PROFILE
          ? `hourly_profile ${r.hourly_profile} is the Electricity Maps 2023 zone ${EM_PROFILE[r.id]} (life-cycle, consumption-based; ` +
            'a separate file under ODbL 1.0 share-alike). Its level may differ from the annual values below; use it for the ' +
            'time-of-day and seasonal shape.'
          : undefined,
      values: r.values,
    });
  });
  const { sources, ref } = sourceTable(sourceKey);
  const shared = entries.map((e) => ({ ...e, values: e.values.map(ref) }));
  writeData('regions.json', catalogJson('regions',
    'Grid carbon intensity (gCO2e/kWh of electricity) per region and year. ids: "WORLD", ISO 3166-1 alpha-2 ' +
    '(countries), ISO 3166-2 (sub-national), "US-BA-<EIA code>" (US balancing authorities). basis: "lifecycle" ' +
    '(includes upstream/supply-chain emissions), "direct" (combustion CO2 only), "unknown". Country values from OWID ' +
    'also give renewable_share and low_carbon_share (0-1, share of generation). Generated by ' +
    'tools/build_regions.mjs; do not edit by hand.', shared, { sources }));
  const nValues = entries.reduce((s, e) => s + e.values.length, 0);
  console.log(`regions: ${entries.length} entries, ${nValues} yearly values`);
}

build();
