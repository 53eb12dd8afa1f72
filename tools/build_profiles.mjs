// Builds data/profiles/eia930-2022-<ba>.json: hourly grid carbon intensity for six US
// balancing authorities in 2022, from the EIA-930 derived files shipped by HPE's dc-rl
// (data-sources/hourly-carbon-intensity/eia930-2022/<BA>_2022_hourly.csv, column avg_CI).
//
// Empty hours are filled by linear interpolation between the nearest non-empty hours; the
// count (and the longest gap) goes into the profile's notes. Run: node tools/build_profiles.mjs

import { parseCsv, readSourceText, round, writeData } from './common.mjs';

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

function build() {
  for (const { ba, name } of BALANCING_AREAS) {
    const { filled, mean, missing, implausible, longest } = loadBalancingArea(ba);
    let gapNote = missing.length === 0
      ? 'No empty hours in the source.'
      : `${missing.length} empty hour(s) in the source (first ${missing[0]}, last ${missing[missing.length - 1]}).`;
    if (implausible.length) {
      gapNote += ` ${implausible.length} further hour(s) discarded as implausible (reported net generation below 10 % ` +
        `of the median hourly total, an EIA-930 reporting glitch): ${implausible.join(', ')}.`;
    }
    const filledCount = missing.length + implausible.length;
    if (filledCount) gapNote += ` ${filledCount} hour(s) filled by linear interpolation between the neighbouring valid hours (longest gap ${longest} h).`;
    const profile = {
      id: profileId(ba),
      zone: `US-BA-${ba}`,
      year: 2022,
      start_utc: '2022-01-01T00:00Z',
      basis: 'lifecycle',
      intensity_g_per_kwh: filled,
      source:
        `US EIA Form EIA-930 hourly net generation by fuel for balancing authority ${ba} (${name}), 2022 ` +
        '(https://www.eia.gov/electricity/gridmonitor/, bulk file https://api.eia.gov/bulk/EBA.zip), as processed in ' +
        `HewlettPackard/dc-rl @a92b475 data/CarbonIntensity/${ba}_NG_&_avgCI.csv, column avg_CI; ` +
        `copied as data-sources/${SOURCE_DIR}/${ba}_2022_hourly.csv`,
      licence: 'US public domain (EIA data); dc-rl repository MIT (Copyright Hewlett Packard Enterprise)',
      notes:
        `Hourly UTC values, 8760 hours from start_utc, gCO2e/kWh rounded to 0.1. avg_CI is production-based ` +
        `(imports ignored) and life-cycle: generation-weighted IPCC AR5 (2014) median factors (wind 11, solar 41, ` +
        `hydro 24, oil 650, gas 490, coal 820, nuclear 12, other 230 gCO2e/kWh). ${gapNote} ` +
        `Annual mean ${round(mean, 1)} gCO2e/kWh. One year only: treat the daily/seasonal shape as representative ` +
        `and the level as 2022-specific.`,
    };
    // One line per key; the 8760 numbers on a single line.
    const text = '{\n' + Object.entries(profile).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n}\n';
    writeData(`profiles/${profile.id}.json`, text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) build();
