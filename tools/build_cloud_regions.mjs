// Builds data/cloud-regions.json: cloud provider regions -> grid zone (an id of data/regions.json),
// PUE, and where the provider publishes them, carbon-free-energy share and location-based grid
// intensity. Run after build_regions.mjs and build_presets.mjs: node tools/build_cloud_regions.mjs
//
// GCP: Google's own yearly table (latest year). AWS and Azure: region lists of Cloud Carbon
// Footprint's grid-emissions-factors files; their factors are CCF's (eGRID NERC / EEA /
// carbonfootprint.com), not provider-published, so they are kept in `ccf_grid_factor_g_per_kwh`
// for reference and `intensity_g_per_kwh` is omitted (the calculator uses the zone's value).

import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, catalogJson, compact, readCsv, round, sourceTable, writeData } from './common.mjs';

const regions = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'regions.json'), 'utf8')).entries;
const regionIds = new Set(regions.map((r) => r.id));
const presets = Object.fromEntries(JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'datacenters.json'), 'utf8')).entries.map((d) => [d.id, d]));

const GCP_YEAR = 2024;
const GCP = readCsv(`google-region-carbon-info/yearly/${GCP_YEAR}.csv`);
const GA_DC = readCsv('green-algorithms-tool-v3.0/cloudProviders_datacenters.csv', { skipRows: 1 });
const CCF_AWS = readCsv('cloud-carbon-footprint/data/grid-emissions-factors-aws.csv');
const CCF_AZURE = readCsv('cloud-carbon-footprint/data/grid-emissions-factors-azure.csv');

// Region -> grid zone. Sub-national ids where the data centre's US state / Canadian province is
// known from the provider's location name; otherwise the country.
const GCP_ZONE = {
  'africa-south1': 'ZA', 'asia-east1': 'TW', 'asia-east2': 'HK', 'asia-northeast1': 'JP', 'asia-northeast2': 'JP',
  'asia-northeast3': 'KR', 'asia-south1': 'IN', 'asia-south2': 'IN', 'asia-southeast1': 'SG', 'asia-southeast2': 'ID',
  'australia-southeast1': 'AU', 'australia-southeast2': 'AU', 'europe-central2': 'PL', 'europe-north1': 'FI',
  'europe-north2': 'SE', 'europe-southwest1': 'ES', 'europe-west1': 'BE', 'europe-west2': 'GB', 'europe-west3': 'DE',
  'europe-west4': 'NL', 'europe-west6': 'CH', 'europe-west8': 'IT', 'europe-west9': 'FR', 'europe-west10': 'DE',
  'europe-west12': 'IT', 'me-central1': 'QA', 'me-central2': 'SA', 'me-west1': 'IL', 'northamerica-northeast1': 'CA-QC',
  'northamerica-northeast2': 'CA-ON', 'northamerica-south1': 'MX', 'southamerica-east1': 'BR', 'southamerica-west1': 'CL',
  'us-central1': 'US-IA', 'us-central2': 'US-OK', 'us-east1': 'US-SC', 'us-east2': 'US-GA', 'us-east4': 'US-VA',
  'us-east5': 'US-OH', 'us-south1': 'US-TX', 'us-west1': 'US-OR', 'us-west2': 'US-CA', 'us-west3': 'US-UT', 'us-west4': 'US-NV',
};
// AWS region -> [display location, zone] (locations: AWS "Regions and Availability Zones" page).
const AWS_ZONE = {
  'us-east-1': ['N. Virginia', 'US-VA'], 'us-east-2': ['Ohio', 'US-OH'], 'us-west-1': ['N. California', 'US-CA'],
  'us-west-2': ['Oregon', 'US-OR'], 'us-gov-east-1': ['GovCloud US-East, Ohio', 'US-OH'], 'us-gov-west-1': ['GovCloud US-West, Oregon', 'US-OR'],
  'af-south-1': ['Cape Town', 'ZA'], 'ap-east-1': ['Hong Kong', 'HK'], 'ap-south-1': ['Mumbai', 'IN'], 'ap-northeast-3': ['Osaka', 'JP'],
  'ap-northeast-2': ['Seoul', 'KR'], 'ap-southeast-1': ['Singapore', 'SG'], 'ap-southeast-2': ['Sydney', 'AU'],
  'ap-northeast-1': ['Tokyo', 'JP'], 'ca-central-1': ['Canada Central, Montréal', 'CA-QC'], 'cn-north-1': ['Beijing', 'CN'],
  'cn-northwest-1': ['Ningxia', 'CN'], 'eu-central-1': ['Frankfurt', 'DE'], 'eu-west-1': ['Ireland', 'IE'], 'eu-west-2': ['London', 'GB'],
  'eu-south-1': ['Milan', 'IT'], 'eu-west-3': ['Paris', 'FR'], 'eu-north-1': ['Stockholm', 'SE'], 'me-south-1': ['Bahrain', 'BH'],
  'sa-east-1': ['São Paulo', 'BR'],
};
const AZURE_ZONE = {
  'Central US': 'US-IA', 'East US': 'US-VA', 'East US 2': 'US-VA', 'East US 3': 'US-GA', 'North Central US': 'US-IL',
  'South Central US': 'US-TX', 'West Central US': 'US-WY', 'West US': 'US-CA', 'West US 2': 'US-WA', 'West US 3': 'US-AZ',
  'East Asia': 'HK', 'Southeast Asia': 'SG', 'North Europe': 'IE', 'West Europe': 'NL', 'Central India': 'IN', 'South India': 'IN',
  'West India': 'IN', 'UK South': 'GB', 'UK West': 'GB', 'France Central': 'FR', 'Finland Central': 'FI',
  'Germany West Central': 'DE', 'Belgium Central': 'BE', 'Sweden Central': 'SE',
};

const presetNote = (p) => `data/datacenters.json preset "${p}" (${presets[p].pue}; Cloud Carbon Footprint methodology)`;
const SRC = {
  gcp: `GoogleCloudPlatform/region-carbon-info @49f3f26 data/yearly/${GCP_YEAR}.csv (Google CFE and location-based grid carbon intensity, ${GCP_YEAR}; https://cloud.google.com/sustainability/region-carbon)`,
  gaPue: 'Green Algorithms tool v3.0 cloudProviders_datacenters.csv (GreenAlgorithms/green-algorithms-tool @30df2fe data/v3.0), citing https://www.google.com/about/datacenters/efficiency/ (29/09/2020)',
  ccf: (p) => `cloud-carbon-footprint/ccf-coefficients @b0032d9 data/grid-emissions-factors-${p}.csv (region list and location; CCF grid factor)`,
  preset: (p) => `PUE: ${presetNote(p)}`,
};
const LIC = {
  gcp: 'Apache-2.0 (GoogleCloudPlatform/region-carbon-info)',
  ga: 'CC BY 4.0 (Green Algorithms tool data)',
  ccf: 'Apache-2.0 (Cloud Carbon Footprint)',
};

function need(zone, id) {
  if (!regionIds.has(zone)) throw new Error(`${id}: zone ${zone} is not in regions.json`);
  return zone;
}

const entries = [];
const gcpPue = Object.fromEntries(GA_DC.filter((r) => r.provider === 'gcp' && r.PUE !== '').map((r) => [r.Name, Number(r.PUE)]));
for (const r of GCP) {
  const name = r['Google Cloud Region'];
  const zone = GCP_ZONE[name];
  if (!zone) throw new Error(`GCP region ${name} has no zone mapping`);
  const cfe = Number(r['Google CFE']);
  const ci = Number(r['Grid carbon intensity (gCO2eq / kWh)']);
  if (!(cfe >= 0 && cfe <= 1) || !(ci >= 0)) throw new Error(`GCP ${name}: bad values`);
  const pue = gcpPue[name] ?? presets.gcp.pue;
  entries.push(compact({
    id: `gcp:${name}`, provider: 'gcp', name: `${r.Location} (${name})`, region: need(zone, name),
    pue, cfe_share: cfe, intensity_g_per_kwh: ci, year: GCP_YEAR,
    source: `${SRC.gcp}; ${gcpPue[name] ? `PUE: ${SRC.gaPue} (2020 per-site value)` : SRC.preset('gcp')}`,
    licence: `${LIC.gcp}; ${gcpPue[name] ? LIC.ga : LIC.ccf}`,
  }));
}
for (const [prov, table, key] of [['aws', CCF_AWS, 'Region'], ['azure', CCF_AZURE, 'Region']]) {
  for (const r of table) {
    const region = r[key];
    const loc = prov === 'aws' ? AWS_ZONE[region]?.[0] : r.Location;
    const zone = prov === 'aws' ? AWS_ZONE[region]?.[1] : AZURE_ZONE[region];
    if (!zone) throw new Error(`${prov} region ${region} has no zone mapping`);
    const slug = prov === 'aws' ? region : region.toLowerCase().replace(/\s+/g, '');
    // CCF's azure file has two malformed factors ("000077", "000402" for 0.000077/0.000402).
    let t = r['CO2e (metric ton/kWh)'];
    if (/^0{3}\d+$/.test(t)) t = `0.${t}`;
    const f = Number(t);
    if (!(f > 0 && f < 0.002)) throw new Error(`${prov} ${region}: bad CCF factor ${t}`);
    entries.push(compact({
      id: `${prov}:${slug}`, provider: prov, name: `${loc} (${region})`, region: need(zone, region),
      pue: presets[prov].pue,
      ccf_grid_factor_g_per_kwh: round(f * 1e6, 1),
      source: `${SRC.ccf(prov)}; ${SRC.preset(prov)}`,
      licence: LIC.ccf,
      notes: `Grid zone ${zone} from the region's location (${loc}). ccf_grid_factor_g_per_kwh: CCF's factor ` +
        `(${r.Source}${r['NERC Region'] ? `, NERC region ${r['NERC Region']}` : ''}), ~2019-2021, not published by the provider; ` +
        `informational only. No provider-published per-region intensity or CFE share is available in the sources.`,
    }));
  }
}
const ids = new Set();
for (const e of entries) { if (ids.has(e.id)) throw new Error(`duplicate ${e.id}`); ids.add(e.id); }
// Entries refer to their citation (one of four) by key in the file's "sources" table.
const { sources, ref } = sourceTable((e) => (e.provider !== 'gcp' ? `ccf-${e.provider}`
  : e.source.includes(SRC.gaPue) ? 'gcp-pue-2020' : 'gcp-pue-preset'));
const shared = entries.map(ref);

writeData('cloud-regions.json', catalogJson('cloud-regions',
  'Cloud provider regions mapped to grid zones of regions.json, with PUE, and (GCP) Google CFE share and location-based ' +
  'grid intensity. ids are provider:region-name in lower case (Azure: programmatic name without spaces). Mapping: each ' +
  'region is assigned the US state / Canadian province (sub-national id) or the country where the provider locates it. ' +
  'PUE: per-site published value where one exists (GCP, Google 2020), otherwise the provider preset of datacenters.json. ' +
  'Generated by tools/build_cloud_regions.mjs.', shared, { sources }));
console.log(`cloud-regions: ${entries.length} entries`);
