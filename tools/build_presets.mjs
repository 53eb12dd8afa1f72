// Builds data/datacenters.json (PUE presets) and data/equivalences.json (CO2e comparison
// factors). Values found in ../shared/data-sources are read from there; figures that only
// exist in papers or on agency pages are written here with their citation.
// Run: node tools/build_presets.mjs

import {
  LBS_TO_KG, MILE_KM, catalogJson, compact, num, readCsv, round, writeData,
} from './common.mjs';

// ---------------------------------------------------------------------------------------
// Datacenters (PUE presets).

const GA_PUE = readCsv('green-algorithms-tool-v3.0/defaults_PUE.csv', { skipRows: 1 });
const CCF = readCsv('cloud-carbon-footprint/transcribed-from-methodology-doc/ccf-methodology-constants.csv')
  .filter((r) => r.parameter === 'pue');
const ccfPue = (p) => num(CCF, 'provider', p, 'value', 'CCF constants');
const CCF_SRC =
  'Cloud Carbon Footprint methodology, "Power Usage Effectiveness" (cloud-carbon-footprint/cloud-carbon-footprint @651dfe2 ' +
  'microsite/docs/HowItWorks/Methodology.md; transcribed in data-sources ccf-methodology-constants.csv)';
const PATTERSON_T4 =
  'Patterson et al. 2021, "Carbon Emissions and Large Neural Network Training", arXiv:2104.10350, Table 4 (datacenter PUE of the run)';
const LLMC_DB = readCsv('llmcarbon/database.csv');

const datacenters = [
  {
    id: 'typical', name: 'Typical data centre (industry average)',
    pue: num(GA_PUE, 'provider', 'Unknown', 'PUE', 'GA PUE'),
    source:
      'Uptime Institute Global Data Center Survey 2024, average annual PUE 1.56 ' +
      '(https://datacenter.uptimeinstitute.com/rs/711-RIA-145/images/2024.GlobalDataCenterSurvey.Report.pdf); via ' +
      'green-algorithms-tool @30df2fe data/v3.0/defaults_PUE.csv row "Unknown"',
    licence: 'CC BY 4.0 (Green Algorithms data); Uptime Institute figure cited',
  },
  {
    id: 'hyperscale', name: 'Hyperscale data centre',
    pue: 1.1,
    source:
      'Wu et al. 2022, "Sustainable AI" (seed 001) §III-A: "use a data center Power Usage Effectiveness (PUE) of 1.1"; ' +
      '§III-B: Facebook data centres PUE about 1.10',
    licence: 'published figure, cited (fact)',
  },
  {
    id: 'gcp', name: 'Google Cloud (fleet average)', pue: ccfPue('gcp'),
    source: `${CCF_SRC}: GCP 1.1 (Google-published fleet PUE)`, licence: 'Apache-2.0 (Cloud Carbon Footprint)',
    notes: 'Green Algorithms defaults_PUE.csv gives 1.12 (nutanix.dev 2023).',
  },
  {
    id: 'aws', name: 'Amazon Web Services (estimate)', pue: ccfPue('aws'),
    source: `${CCF_SRC}: AWS 1.135 (conservative estimate from public AWS information)`, licence: 'Apache-2.0 (Cloud Carbon Footprint)',
    estimate: true, uncertainty: '±5 %: AWS did not publish a fleet PUE when CCF chose this value; GA defaults_PUE.csv gives 1.2',
  },
  {
    id: 'azure', name: 'Microsoft Azure (fleet average)', pue: ccfPue('azure'),
    source: `${CCF_SRC}: Azure 1.185 (Microsoft: trailing-12-month fleet average; newest designs 1.125)`,
    licence: 'Apache-2.0 (Cloud Carbon Footprint)',
    notes: 'CCF Appendix I lists 1.125; GA defaults_PUE.csv gives 1.12.',
  },
  {
    id: 'uptime-2018', name: 'Industry average 2018 (Strubell et al. 2019)', pue: 1.58,
    source:
      'Strubell, Ganesh, McCallum 2019, "Energy and Policy Considerations for Deep Learning in NLP" (ACL), §2: PUE 1.58, ' +
      'the 2018 global average (Ascierto 2018, Uptime Institute Global Data Center Survey)',
    licence: 'published figure, cited (fact)',
    notes: 'For reproducing Strubell et al. 2019 (e.g. BERT base, 1,438 lbs CO2e).',
  },
  {
    id: 'on-premise-small', name: 'Small on-premise server room or closet', pue: 2.0,
    source:
      'greenfront estimate: small server rooms/closets lack efficient cooling (Ganeshalingam, Shehabi, Desroches 2017, ' +
      '"Shining a Light on Small Data Centers in the U.S.", LBNL-2001025); 2.0 sits above the 2024 industry average of 1.56',
    licence: 'greenfront estimate (no third-party data)',
    estimate: true, uncertainty: '1.5-2.5 (judgement; no survey value in the licence-checked sources)',
  },
  {
    id: 'home', name: 'Personal computer / on-device (no facility overhead)', pue: 1.0,
    source:
      'PUE = total facility energy / IT energy (The Green Grid; seed 003 ref. [21]); a desktop, laptop or phone has no ' +
      'separate facility cooling or power distribution, so facility energy = IT energy',
    licence: 'definition (no third-party data)',
    notes: 'Also the PUE of federated/on-device phases (docs/schema.md).',
  },
];
for (const [id, name, key, pue, dc] of [
  ['patterson2021-evolved-transformer-nas', 'Google datacenter of the Evolved Transformer NAS (Patterson et al. 2021)', null, 1.10, 'Google'],
  ['patterson2021-t5', 'Google datacenter of the T5 training (Patterson et al. 2021)', 'T5', 1.12, 'Google'],
  ['patterson2021-meena', 'Google datacenter of the Meena training (Patterson et al. 2021)', null, 1.09, 'Google'],
  ['patterson2021-gshard', 'Google datacenter of the GShard training (Patterson et al. 2021)', 'Gshard', 1.09, 'Google'],
  ['patterson2021-switch', 'Google datacenter of the Switch Transformer training (Patterson et al. 2021)', 'Switch', 1.10, 'Google'],
  ['patterson2021-gpt3', 'Microsoft datacenter of the GPT-3 training (Patterson et al. 2021)', 'GPT3', 1.10, 'Microsoft'],
]) {
  if (key !== null && num(LLMC_DB, 'name', key, 'PUE', 'LLMCarbon database') !== pue) throw new Error(`${id}: LLMCarbon PUE differs`);
  datacenters.push({
    id, name, pue,
    source: `${PATTERSON_T4}` + (key ? `; same in LLMCarbon database.csv row "${key}" (SotaroKaneda/MLCarbon @dbd96b7)` : ''),
    licence: 'published figure, cited (fact)' + (key ? '; Apache-2.0 (LLMCarbon)' : ''),
    notes: `${dc} datacenter PUE reported for that training run.`,
  });
}

// ---------------------------------------------------------------------------------------
// Equivalences.

const GA_REF = readCsv('green-algorithms-tool-v3.0/referenceValues.csv', { skipRows: 1 });
const gaRef = (v) => num(GA_REF, 'variable', v, 'value', 'GA referenceValues');
const GA_SRC = (v) => `Green Algorithms tool v3.0 referenceValues.csv row ${v} (GreenAlgorithms/green-algorithms-tool @30df2fe data/v3.0)`;
const EPA_EQ =
  'US EPA Greenhouse Gas Equivalencies Calculator, "Calculations and References" ' +
  '(https://www.epa.gov/energy/greenhouse-gases-equivalencies-calculator-calculations-and-references), edition of ' +
  'c. 2021 whose factors match the seed papers (factors transcribed in third-party code; page revised yearly)';

const MEENA_T = 96.4;
const MEENA_MILES = 242231;
const carMile = 3.98e-4 * 1000; // kg per mile
if (Math.abs((MEENA_T * 1000) / carMile / MEENA_MILES - 1) > 0.001) throw new Error('car_miles does not reproduce Meena');

const equivalences = [
  {
    id: 'car_km', label: 'km driven by an average US passenger vehicle', unit: 'km',
    kg_per_unit: round(0.4 / MILE_KM, 4),
    source:
      'US EPA, "Greenhouse Gas Emissions from a Typical Passenger Vehicle", EPA-420-F-23-014 (June 2023): about 400 g ' +
      'CO2 per mile (22.2 mpg, 8,887 g CO2 per gallon), / 1.609344 km per mile ' +
      '(https://www.epa.gov/greenvehicles/greenhouse-gas-emissions-typical-passenger-vehicle)',
    licence: 'US public domain (EPA)',
    notes: `Tailpipe CO2 only. Green Algorithms uses ${gaRef('passengerCar_US_perkm')} g/km (${GA_SRC('passengerCar_US_perkm')}; older edition, 404 g/mile).`,
  },
  {
    id: 'car_miles', label: 'miles driven by an average passenger vehicle', unit: 'mile',
    kg_per_unit: carMile,
    source:
      `${EPA_EQ}: 3.98 x 10^-4 metric tons CO2E per mile. Check: seed 001 §I (after Patterson et al. 2021) equates ` +
      `Meena's ${MEENA_T} tCO2e with ${MEENA_MILES.toLocaleString('en-US')} miles = 3.98 x 10^-4 t/mile`,
    licence: 'US public domain (EPA)',
    notes: 'The EPA revises this factor with each edition (other editions: about 3.9-4.04 x 10^-4 t/mile); 3.98 x 10^-4 is the one that reproduces the seed paper.',
  },
  {
    id: 'car_years', label: 'years of an average car\'s emissions (incl. fuel)', unit: 'car-year',
    kg_per_unit: round(11000 * LBS_TO_KG, 2),
    source:
      'Gitzel et al. 2023 (seed 003) §3: "an average car emits 11\'000 lbs per year", after Strubell et al. 2019; ' +
      '11,000 lbs x 0.45359237 kg/lb',
    licence: 'published figure, cited (fact)',
  },
  {
    id: 'car_years_epa', label: 'passenger vehicles driven for one year (EPA)', unit: 'vehicle-year',
    kg_per_unit: 4600,
    source: `${EPA_EQ}: 4.60 metric tons CO2E per vehicle per year`,
    licence: 'US public domain (EPA)',
  },
  {
    id: 'flight_ny_sf', label: 'passenger flights New York - San Francisco', unit: 'flight',
    kg_per_unit: gaRef('flight_NY-SF') / 1000,
    source: `${GA_SRC('flight_NY-SF')}, computed with the carbonfootprint.com flight calculator (https://calculator.carbonfootprint.com/calculator.aspx?tab=3)`,
    licence: 'CC BY 4.0 (Green Algorithms data); carbonfootprint.com figure cited',
    estimate: true, uncertainty: '±30 % (one passenger, economy; one-way vs return and radiative forcing not stated by the source)',
  },
  {
    id: 'flight_economy_km', label: 'passenger-km flown in economy class', unit: 'passenger-km',
    kg_per_unit: gaRef('flight_economy_perkm') / 1000,
    source: `${GA_SRC('flight_economy_perkm')}, from UK Government GHG Conversion Factors 2020 (https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2020)`,
    licence: 'CC BY 4.0 (Green Algorithms data); UK Government data under the Open Government Licence',
    estimate: true, uncertainty: '0.139-0.244 kg per passenger-km depending on distance (same source)',
  },
  {
    id: 'train_km', label: 'passenger-km by train', unit: 'passenger-km',
    kg_per_unit: gaRef('train_perkm') / 1000,
    source: `${GA_SRC('train_perkm')}, from UK Government GHG Conversion Factors 2020`,
    licence: 'CC BY 4.0 (Green Algorithms data); UK Government data under the Open Government Licence',
    estimate: true, uncertainty: '0.005-0.037 kg per passenger-km for most rail (same source)',
  },
  {
    id: 'car_km_eu', label: 'km driven by an average European passenger car', unit: 'km',
    kg_per_unit: gaRef('passengerCar_EU_perkm') / 1000,
    source: `${GA_SRC('passengerCar_EU_perkm')} (sources: https://www.sciencedirect.com/science/article/pii/S1352231018307295 and UK GHG Conversion Factors 2019)`,
    licence: 'CC BY 4.0 (Green Algorithms data)',
  },
  {
    id: 'household_years', label: 'years of an average US home\'s energy use', unit: 'home-year',
    kg_per_unit: 8300,
    source: `${EPA_EQ}: home energy use, 8.30 metric tons CO2 per home per year (electricity, natural gas, LPG, fuel oil)`,
    licence: 'US public domain (EPA)',
    notes: 'Same calculator edition as car_miles (3.98e-4 t/mile) and car_years_epa (4.60 t); the value changes with each edition.',
  },
  {
    id: 'tree_years', label: 'tree-years of CO2 absorption', unit: 'tree-year',
    kg_per_unit: gaRef('treeYear') / 1000,
    source: `${GA_SRC('treeYear')} (11 kg CO2 per tree per year, from http://www.sciencedirect.com/science/article/pii/S0269749101002640)`,
    licence: 'CC BY 4.0 (Green Algorithms data)',
    estimate: true, uncertainty: '±50 % (species, age and climate dependent)',
  },
];

writeData('datacenters.json', catalogJson('datacenters',
  'Data-centre presets: power usage effectiveness (PUE, facility energy / IT energy, ratio >= 1). ' +
  'Generated by tools/build_presets.mjs.', datacenters.map(compact)));
writeData('equivalences.json', catalogJson('equivalences',
  'Equivalence factors for displaying results: kg_per_unit = kgCO2e emitted (or absorbed, tree_years) per unit; ' +
  'equivalent count = result kgCO2e / kg_per_unit. Generated by tools/build_presets.mjs.', equivalences.map(compact)));
console.log(`datacenters: ${datacenters.length} entries; equivalences: ${equivalences.length} entries`);
