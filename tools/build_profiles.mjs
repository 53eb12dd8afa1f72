// Builds data/profiles/*.json: compact hourly grid carbon intensity profiles.
//
//  - eia930-2022-<ba>.json: six US balancing authorities, 2022, from the EIA-930 derived files
//    shipped by HPE's dc-rl (hourly-carbon-intensity/eia930-2022/<BA>_2022_hourly.csv, avg_CI).
//    Empty hours are filled by linear interpolation; the count goes into the notes.
//  - em2023-<zone>.json: Electricity Maps 2023 hourly zones (hourly-carbon-intensity/
//    electricitymaps-2023/*.csv, via HewlettPackard/green-dcc and satrai-lab/cozybench).
//    ODbL 1.0 share-alike: these files are offered under ODbL 1.0 and nothing from them may
//    flow into the other catalogs (regions.json only links to them by id).
//
// Encoding "monthly-typical-day": 288 values, index m*24+h = mean of month m's (0 = Jan) values
// at UTC hour h, rounded to 0.1. The generator expands the 288 values back to the 8760 hours of the
// year (non-leap month lengths) and measures the compression error against the full series.
// Run: node tools/build_profiles.mjs

import { parseCsv, readSourceText, round, writeData } from './common.mjs';

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export const BALANCING_AREAS = [
  { ba: 'BPAT', name: 'Bonneville Power Administration (Pacific Northwest)' },
  { ba: 'CISO', name: 'California ISO' },
  { ba: 'ERCO', name: 'ERCOT (Electric Reliability Council of Texas)' },
  { ba: 'MISO', name: 'Midcontinent ISO' },
  { ba: 'NYIS', name: 'New York ISO' },
  { ba: 'PJM', name: 'PJM Interconnection' },
];

const START_MS = Date.UTC(2022, 0, 1, 0, 0);
const HOURS = 8760;
const SOURCE_DIR = 'hourly-carbon-intensity/eia930-2022';
const FUELS = ['WND', 'SUN', 'WAT', 'OIL', 'NG', 'COL', 'NUC', 'OTH'];

/** Reads one BA file, checks the hourly UTC grid, returns the filled series and gap stats. */
export function loadBalancingArea(ba) {
  const rows = parseCsv(readSourceText(`${SOURCE_DIR}/${ba}_2022_hourly.csv`));
  const header = rows[0];
  const iTs = header.indexOf('timestamp');
  const iCi = header.indexOf('avg_CI');
  if (iTs < 0 || iCi < 0) throw new Error(`${ba}: missing timestamp/avg_CI column`);
  const data = rows.slice(1);
  if (data.length !== HOURS) throw new Error(`${ba}: expected ${HOURS} rows, got ${data.length}`);
  const fuelCols = FUELS.map((f) => header.indexOf(f));
  if (fuelCols.some((i) => i < 0)) throw new Error(`${ba}: missing a fuel column`);
  const totals = [];
  const values = data.map((r, h) => {
    const t = Date.parse(r[iTs].replace(' ', 'T').replace('+00:00', 'Z'));
    if (t !== START_MS + h * 3600e3) throw new Error(`${ba}: row ${h} timestamp ${r[iTs]} is off the hourly grid`);
    const s = (r[iCi] ?? '').trim();
    if (s === '') return null;
    const v = Number(s);
    if (!Number.isFinite(v) || v < 0) throw new Error(`${ba}: bad avg_CI at ${r[iTs]}: ${s}`);
    totals[h] = fuelCols.reduce((sum, i) => sum + Number(r[i]), 0);
    return v;
  });
  const missing = [];
  values.forEach((v, h) => { if (v === null) missing.push(h); });
  // Implausible hours: reported net generation below 10 % of the BA's median hourly total
  // (an EIA-930 reporting glitch: e.g. PJM 2022-10-01/02, ~300 MWh instead of ~94,000 MWh,
  // which gives a spurious ~45 gCO2e/kWh). Treated like empty hours.
  const sorted = totals.filter((x) => x !== undefined).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const implausible = [];
  values.forEach((v, h) => {
    if (v !== null && totals[h] < 0.1 * median) { implausible.push(h); values[h] = null; }
  });
  let longest = 0;
  for (let h = 0; h < HOURS;) {
    if (values[h] !== null) { h++; continue; }
    let e = h;
    while (e < HOURS && values[e] === null) e++;
    longest = Math.max(longest, e - h);
    const a = h - 1;
    const b = e;
    if (a < 0 || b >= HOURS) throw new Error(`${ba}: gap at the edge of the year, cannot interpolate`);
    for (let k = h; k < e; k++) values[k] = values[a] + ((values[b] - values[a]) * (k - a)) / (b - a);
    h = e;
  }
  const filled = values.map((v) => round(v, 1));
  const mean = values.reduce((s, v) => s + v, 0) / HOURS;
  const isoHour = (h) => new Date(START_MS + h * 3600e3).toISOString().slice(0, 13) + ':00Z';
  return { filled, mean, missing: missing.map(isoHour), implausible: implausible.map(isoHour), longest };
}

export function profileId(ba) {
  return `eia930-2022-${ba.toLowerCase()}`;
}

/** Month-major typical day: 288 values (rounded to 0.1) from a 8760-hour series. */
export function typicalDay(series) {
  if (series.length !== HOURS) throw new Error(`typicalDay: expected ${HOURS} values`);
  const out = [];
  let h0 = 0;
  for (let m = 0; m < 12; m++) {
    for (let h = 0; h < 24; h++) {
      let s = 0;
      for (let d = 0; d < MONTH_DAYS[m]; d++) s += series[h0 + d * 24 + h];
      out.push(round(s / MONTH_DAYS[m], 1));
    }
    h0 += MONTH_DAYS[m] * 24;
  }
  return out;
}

/** Expands 288 month-major values to 8760 hours (non-leap year, UTC). */
export function expandTypicalDay(v) {
  const out = [];
  for (let m = 0; m < 12; m++) for (let d = 0; d < MONTH_DAYS[m]; d++) for (let h = 0; h < 24; h++) out.push(v[m * 24 + h]);
  return out;
}

const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;

/** Compression errors of the typical-day encoding against the full series. */
export function compressionErrors(series, compact288) {
  const e = expandTypicalDay(compact288);
  let abs = 0;
  let max = 0;
  for (let i = 0; i < HOURS; i++) {
    const d = Math.abs(e[i] - series[i]);
    abs += d;
    max = Math.max(max, d);
  }
  let daily = 0;
  for (let d = 0; d < 365; d++) {
    const r = mean(series.slice(d * 24, d * 24 + 24));
    const c = mean(e.slice(d * 24, d * 24 + 24));
    if (!(r > 0)) throw new Error(`day ${d}: non-positive daily mean`);
    daily += Math.abs(c - r) / r;
  }
  return {
    method: 'monthly-typical-day: value[m*24+h] = arithmetic mean of month m\'s values at UTC hour h, rounded to 0.1 gCO2e/kWh; ' +
      'errors measured against the full 8760-hour series by expanding each month\'s typical day to every day of the month',
    mae_g_per_kwh: round(abs / HOURS, 2),
    max_abs_error_g_per_kwh: round(max, 1),
    annual_mean_error_pct: round((100 * (mean(e) - mean(series))) / mean(series), 3),
    daily_job_error_pct: round((100 * daily) / 365, 2),
    daily_job_error_definition: 'mean over the 365 days of |relative error| of the mean intensity of a 24 h job starting at 00:00 UTC that day',
  };
}

/** One line per key; arrays on a single line. */
function profileText(profile) {
  return '{\n' + Object.entries(profile).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n}\n';
}

// --- Electricity Maps 2023 ---------------------------------------------------------------
const EM_DIR = 'hourly-carbon-intensity/electricitymaps-2023';
export const EM_ZONES = [
  { file: 'DE-LU', zone: 'DE' }, { file: 'FR', zone: 'FR' }, { file: 'GB', zone: 'GB' }, { file: 'SG', zone: 'SG' },
  { file: 'CA-ON', zone: 'CA-ON' }, { file: 'JP-TK', zone: 'JP-TK' }, { file: 'IN-WE', zone: 'IN-WE' }, { file: 'AU-NSW', zone: 'AU-NSW' },
  { file: 'US-CAL-CISO', zone: 'US-CAL-CISO' }, { file: 'US-MIDA-PJM', zone: 'US-MIDA-PJM' }, { file: 'US-NY-NYIS', zone: 'US-NY-NYIS' },
  { file: 'US-TEX-ERCO', zone: 'US-TEX-ERCO' },
];
export const emProfileId = (zone) => `em2023-${zone.toLowerCase()}`;
const EM_START = Date.UTC(2023, 0, 1, 0, 0);
const EM_COL = 'Carbon Intensity gCO₂eq/kWh (LCA)';

function loadEm({ file, zone }) {
  const rows = parseCsv(readSourceText(`${EM_DIR}/${file}_2023_hourly.csv`));
  const header = rows[0];
  const iTs = header.indexOf('Datetime (UTC)');
  const iCi = header.indexOf(EM_COL);
  const iZone = header.indexOf('Zone Id');
  const iEst = header.indexOf('Data Estimated');
  const iName = header.indexOf('Zone Name');
  if ([iTs, iCi, iZone, iEst, iName].some((i) => i < 0)) throw new Error(`${file}: missing column`);
  const data = rows.slice(1);
  if (data.length !== HOURS) throw new Error(`${file}: expected ${HOURS} rows, got ${data.length}`);
  let estimated = 0;
  const values = data.map((r, h) => {
    const t = Date.parse(`${r[iTs].replace(' ', 'T')}Z`);
    if (t !== EM_START + h * 3600e3) throw new Error(`${file}: row ${h} timestamp ${r[iTs]} is off the hourly grid`);
    if (r[iZone] !== zone) throw new Error(`${file}: zone ${r[iZone]} != ${zone}`);
    const v = Number(r[iCi]);
    if (r[iCi].trim() === '' || !Number.isFinite(v) || v < 0) throw new Error(`${file}: bad value at ${r[iTs]}`);
    if (r[iEst] === 'true') estimated++;
    return v;
  });
  const sources = [...new Set(data.map((r) => r[header.indexOf('Data Source')]).filter(Boolean))].join(', ');
  return { values, estimated, name: data[0][iName], sources };
}

function build() {
  for (const { ba, name } of BALANCING_AREAS) {
    const { filled, mean: m, missing, implausible, longest } = loadBalancingArea(ba);
    let gapNote = missing.length === 0
      ? 'No empty hours in the source.'
      : `${missing.length} empty hour(s) in the source (first ${missing[0]}, last ${missing[missing.length - 1]}).`;
    if (implausible.length) {
      gapNote += ` ${implausible.length} further hour(s) discarded as implausible (reported net generation below 10 % ` +
        `of the median hourly total, an EIA-930 reporting glitch): ${implausible.join(', ')}.`;
    }
    const filledCount = missing.length + implausible.length;
    if (filledCount) gapNote += ` ${filledCount} hour(s) filled by linear interpolation between the neighbouring valid hours (longest gap ${longest} h).`;
    const compact288 = typicalDay(filled);
    const profile = {
      id: profileId(ba),
      zone: `US-BA-${ba}`,
      year: 2022,
      basis: 'lifecycle',
      encoding: 'monthly-typical-day',
      annual_mean_g_per_kwh: round(mean(filled), 1),
      intensity_g_per_kwh: compact288,
      compression: compressionErrors(filled, compact288),
      source:
        `US EIA Form EIA-930 hourly net generation by fuel for balancing authority ${ba} (${name}), 2022 ` +
        '(https://www.eia.gov/electricity/gridmonitor/, bulk file https://api.eia.gov/bulk/EBA.zip), as processed in ' +
        `HewlettPackard/dc-rl @a92b475 data/CarbonIntensity/${ba}_NG_&_avgCI.csv, column avg_CI; ` +
        `copied as data-sources/${SOURCE_DIR}/${ba}_2022_hourly.csv`,
      licence: 'US public domain (EIA data); dc-rl repository MIT (Copyright Hewlett Packard Enterprise)',
      notes:
        `Typical day per month (UTC hours) of the 2022 hourly series, gCO2e/kWh; annual_mean_g_per_kwh is the mean of the ` +
        `full 8760-hour series (rounded to 0.1 before averaging). avg_CI is production-based ` +
        `(imports ignored) and life-cycle: generation-weighted IPCC AR5 (2014) median factors (wind 11, solar 41, ` +
        `hydro 24, oil 650, gas 490, coal 820, nuclear 12, other 230 gCO2e/kWh). ${gapNote} ` +
        `Annual mean ${round(m, 1)} gCO2e/kWh (unrounded hours). One year only: treat the daily/seasonal shape as ` +
        `representative and the level as 2022-specific.`,
    };
    writeData(`profiles/${profile.id}.json`, profileText(profile));
  }
  for (const z of EM_ZONES) {
    const { values, estimated, name, sources } = loadEm(z);
    const compact288 = typicalDay(values);
    const repo = z.file === 'FR'
      ? 'satrai-lab/cozybench @3337146 (MIT repo)'
      : 'HewlettPackard/green-dcc @3f6ea95 data/carbon_intensity/ (MIT repo)';
    const profile = {
      id: emProfileId(z.zone),
      zone: z.zone,
      year: 2023,
      basis: 'lifecycle',
      encoding: 'monthly-typical-day',
      annual_mean_g_per_kwh: round(mean(values), 1),
      intensity_g_per_kwh: compact288,
      compression: compressionErrors(values, compact288),
      source:
        `Electricity Maps hourly carbon intensity 2023, zone ${z.zone} (${name}), column "${EM_COL}" ` +
        `(https://www.electricitymaps.com/data-portal), as shipped in ${repo}; copied as data-sources/${EM_DIR}/${z.file}_2023_hourly.csv. ` +
        `Upstream data sources named in the file: ${sources}.`,
      licence: z.file === 'FR'
        ? 'ODbL-1.0 (Electricity Maps data via satrai-lab/cozybench, MIT repo) — share-alike: this file is offered under ODbL 1.0'
        : 'ODbL-1.0 (Electricity Maps data via HewlettPackard/green-dcc, MIT repo) — share-alike: this file is offered under ODbL 1.0',
      notes:
        'Life-cycle (LCA) basis chosen for consistency with the EIA-930 profiles (also life-cycle); Electricity Maps values are ' +
        'consumption-based (imports included), unlike the production-based EIA avg_CI, so levels of the two families differ. ' +
        `${estimated} of 8760 hours flagged "Data Estimated" by Electricity Maps. ` +
        'ODbL 1.0 share-alike (https://opendatacommons.org/licenses/odbl/1-0/): redistribute this file and databases derived from it ' +
        'under ODbL 1.0 with attribution "Electricity Maps"; check the current Electricity Maps terms before commercial use. ' +
        'Not mixed into any other catalog file.',
    };
    writeData(`profiles/${profile.id}.json`, profileText(profile));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) build();
