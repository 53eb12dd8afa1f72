// What the scenario form shows: the fields of docs/schema.md, with labels, units and the
// schema's documented defaults as placeholders (replaced by the core's own defaults_used
// values once a result arrives). kind: uncertain (number, range or distribution), number,
// text, select, hardware | region | cloud | datacenter (catalog pickers), list, factors.

const U = 'uncertain';

export const COMPUTE_FIELDS = {
  hardware: { label: 'Hardware', kind: 'hardware', ph: 'generic-gpu' },
  device_count: { label: 'Devices', kind: U, ph: '1' },
  hours: { label: 'Hours', kind: U, unit: 'h', hint: 'Wall-clock hours the devices run.' },
  region: { label: 'Grid region', kind: 'region', ph: 'WORLD' },
  cloud_region: { label: 'Cloud region', kind: 'cloud', hint: 'Sets the region, PUE, grid intensity and carbon-free share of a provider region, each unless given.' },
  datacenter: { label: 'Data centre', kind: 'datacenter' },
  pue: { label: 'PUE', kind: U, unit: 'ratio', ph: 'from the data centre', hint: 'Power usage effectiveness, 1 to 5.' },
  utilization: { label: 'Utilization', kind: U, unit: '0–1', ph: '0.5', hint: 'Power = idle + (TDP − idle) × utilization.' },
  cfe_share: { label: 'Carbon-free energy share', kind: U, unit: '0–1', ph: '0', hint: 'Bought or matched: market-based intensity = location × (1 − share).' },
  intensity_g_per_kwh: { label: 'Grid intensity', kind: U, unit: 'gCO₂e/kWh', ph: "the region's", hint: 'Overrides the region.' },
  energy_kwh: { label: 'Measured IT energy', kind: U, unit: 'kWh', hint: 'Replaces the power model.' },
  average_power_w: { label: 'Average power per device', kind: U, unit: 'W', ph: 'from utilization' },
  power_source: { label: 'Power model', kind: 'select', options: [['tdp', 'TDP and utilization'], ['measured', 'catalog measured power']], ph: 'TDP and utilization' },
  static_energy_kwh: { label: 'Idle / infrastructure energy', kind: U, unit: 'kWh', ph: '0' },
  reserved_hours: { label: 'Reserved hours', kind: U, unit: 'h', ph: '= hours', hint: 'Hardware held but idle draws idle power.' },
  grid_year: { label: 'Grid year', kind: 'number', ph: 'latest' },
  grid_basis: { label: 'Grid basis', kind: 'select', options: [['lifecycle', 'life-cycle'], ['direct', 'direct (combustion)']], ph: 'life-cycle' },
  start_utc: { label: 'Start (UTC)', kind: 'text', ph: 'YYYY-MM-DDTHH:MMZ', hint: 'With an hourly profile for the region: charged hour by hour.' },
  schedule_window_hours: { label: 'Scheduling window', kind: 'number', unit: 'h', ph: '0', hint: 'Looks for the lowest-carbon start in [start, start + window].' },
  energy_reduction_factors: { label: 'Energy reduction factors', kind: 'factors', ph: 'quantization: 2, pruning: 1.3', hint: 'Energy is divided by their product.' },
  'hardware.lifetime_years': { label: 'Hardware lifetime', kind: U, unit: 'years', ph: 'catalog' },
  'hardware.embodied_kg': { label: 'Embodied per device', kind: U, unit: 'kgCO₂e', ph: 'catalog' },
  'hardware.host_embodied_kg': { label: 'Embodied per host server', kind: U, unit: 'kgCO₂e', ph: '2000' },
  'hardware.devices_per_host': { label: 'Devices per host', kind: 'number', ph: '8' },
  'hardware.tdp_w': { label: 'TDP', kind: U, unit: 'W', ph: 'catalog' },
  'hardware.idle_w': { label: 'Idle power', kind: U, unit: 'W', ph: '10 % of TDP' },
};

const COMPUTE_ORDER = Object.keys(COMPUTE_FIELDS);

function compute(main) {
  return { main, more: COMPUTE_ORDER.filter((key) => !main.includes(key)) };
}

/** The lifecycle phases: fields shown first, then "more" in a collapsed section. */
export const PHASES = [
  {
    id: 'data', label: 'Data', help: 'Storage, plus ingestion and pre-processing compute.',
    own: {
      storage_tb: { label: 'Storage', kind: U, unit: 'TB', ph: '0' },
      storage_days: { label: 'Stored for', kind: U, unit: 'days', ph: '0' },
      storage_medium: { label: 'Medium', kind: 'select', options: [['ssd', 'SSD (1.2 Wh/TB·h)'], ['hdd', 'HDD (0.65 Wh/TB·h)']], ph: 'SSD' },
      replication_factor: { label: 'Replicas', kind: U, unit: '×', ph: '1' },
    },
    ...compute(['hardware', 'device_count', 'hours']),
    starter: { storage_tb: 10, storage_days: 365 },
  },
  {
    id: 'experimentation', label: 'Experimentation', help: 'Hyper-parameter search: H trials, each a fraction of the training run or its own compute.',
    own: {
      search: { label: 'Search', kind: 'select', options: [['random', 'random'], ['grid', 'grid'], ['bayesian', 'Bayesian'], ['manual', 'manual']], ph: 'random' },
      trials: { label: 'Trials', kind: U, unit: 'H' },
      grid_values: { label: 'Grid values', kind: 'list', ph: '3, 4, 5', hint: 'Values per hyper-parameter (grid search: H = their product).' },
      trial_fraction_of_training: { label: 'Each trial, as a fraction of training', kind: U, unit: '×' },
    },
    ...compute(['hardware', 'device_count', 'hours']),
    starter: { trials: 10, trial_fraction_of_training: 0.1 },
  },
  {
    id: 'training', label: 'Training', help: 'Devices × hours, a measured energy, or the per-sample form E·D·I·θ.',
    own: {},
    ownMore: {
      epochs: { label: 'Epochs', kind: U, unit: 'E' },
      samples: { label: 'Samples', kind: U, unit: 'D' },
      energy_per_sample_kwh: { label: 'Energy per sample', kind: U, unit: 'kWh' },
      overhead_factor: { label: 'Training overhead θ', kind: U, unit: '×', ph: '5' },
    },
    ...compute(['hardware', 'device_count', 'hours', 'utilization', 'region']),
    starter: { device_count: 8, hours: 24 },
  },
  {
    id: 'inference', label: 'Inference', help: 'Serving: energy per inference × number of inferences, on a reserved fleet.',
    own: {
      queries_per_second: { label: 'Queries per second', kind: U, unit: '1/s' },
      inferences: { label: 'Inferences', kind: U, unit: 'count', hint: 'Instead of a rate.' },
      energy_per_inference_wh: { label: 'Energy per inference', kind: U, unit: 'Wh' },
      deployment_days: { label: 'Deployment', kind: U, unit: 'days', ph: '365' },
    },
    ...compute(['hardware', 'device_count', 'region']),
    starter: { queries_per_second: 10, energy_per_inference_wh: 0.01 },
  },
  {
    id: 'retraining', label: 'Retraining', help: 'Runs over the deployment, each a fraction of training or its own compute.',
    own: {
      every_days: { label: 'Every', kind: U, unit: 'days' },
      runs: { label: 'Runs', kind: U, unit: 'count', hint: 'Instead of a cadence.' },
      fraction_of_training: { label: 'Each run, as a fraction of training', kind: U, unit: '×' },
      deployment_days: { label: 'Deployment', kind: U, unit: 'days', ph: "inference's, else 365" },
    },
    ...compute([]),
    starter: { every_days: 30, fraction_of_training: 0.2 },
  },
  {
    id: 'federated', label: 'Federated learning', help: 'Per client: compute time × device power + communication time × router power (no data centre).',
    own: {
      clients: { label: 'Clients', kind: U, unit: 'count' },
      rounds: { label: 'Rounds', kind: U, unit: 'count', ph: '1' },
      compute_hours_per_round: { label: 'Compute per round', kind: U, unit: 'h per client' },
      communication_hours_per_round: { label: 'Communication per round', kind: U, unit: 'h per client', ph: '0' },
      device: { label: 'Client device', kind: 'hardware', ph: 'smartphone' },
      region: { label: 'Grid region', kind: 'region', ph: 'WORLD' },
    },
    ownMore: {
      device_power_w: { label: 'Device power', kind: U, unit: 'W', ph: '3' },
      router_power_w: { label: 'Router power', kind: U, unit: 'W', ph: '7.5' },
      grid_year: COMPUTE_FIELDS.grid_year,
      intensity_g_per_kwh: COMPUTE_FIELDS.intensity_g_per_kwh,
      cfe_share: COMPUTE_FIELDS.cfe_share,
    },
    main: [], more: [],
    starter: { clients: 1000, rounds: 10, compute_hours_per_round: 0.1 },
  },
];

export const PHASE_IDS = PHASES.map((p) => p.id);

/** The shared block (`defaults`): shown in "Where it runs", the rest under Advanced. */
export const DEFAULTS_MAIN = ['hardware', 'region', 'cloud_region', 'datacenter'];
export const DEFAULTS_ADVANCED = ['pue', 'cfe_share', 'utilization', 'intensity_g_per_kwh', 'grid_year',
  'grid_basis', 'power_source', 'start_utc', 'schedule_window_hours', 'energy_reduction_factors'];

export const TOP_ADVANCED = {
  'embodied.attribution': { label: 'Embodied attribution', kind: 'select', ph: 'runtime',
    options: [['runtime', 'runtime share of the lifetime'], ['utilization_adjusted', 'divided by lifetime utilization'], ['none', 'none (operational only)']],
    hint: 'How manufacturing emissions are charged to this job.' },
  'embodied.lifetime_utilization': { label: 'Lifetime utilization', kind: U, unit: '0.01–1', ph: '0.5', hint: 'For the utilization-adjusted attribution (seed 001: 30–60 %).' },
  'uncertainty.samples': { label: 'Monte-Carlo samples', kind: 'number', unit: '100–200000', ph: '2000' },
  'uncertainty.seed': { label: 'Random seed', kind: 'number', ph: '1' },
};
