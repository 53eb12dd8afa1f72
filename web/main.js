// A minimal page: one example estimate shown as a per-phase table. Every number comes from
// the wasm core; this file only formats them (no carbon arithmetic in JS).
import { estimate, GreenfrontError, load } from './wasm/greenfront.js';

const EXAMPLE = {
  schema_version: 1,
  name: '8 × NVIDIA A100 SXM4 40 GB for 100 hours in France',
  training: { hardware: 'nvidia-a100-sxm4-40gb', device_count: 8, hours: 100, region: 'FR' },
};

const number = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });
const format = (value) => (typeof value === 'number' ? number.format(value) : '–');

function row(label, energy = {}, co2e = {}) {
  const tr = document.createElement('tr');
  const cells = [label, format(energy.it), format(energy.facility),
    format(co2e.operational_location), format(co2e.operational_market), format(co2e.embodied),
    format(co2e.total_location), format(co2e.total_market)];
  cells.forEach((text, i) => {
    const cell = document.createElement(i === 0 ? 'th' : 'td');
    if (i === 0) cell.scope = 'row';
    cell.textContent = text;
    tr.append(cell);
  });
  return tr;
}

async function main() {
  const status = document.getElementById('status');
  document.getElementById('scenario-name').textContent = EXAMPLE.name;
  document.getElementById('scenario').textContent = JSON.stringify(EXAMPLE, null, 2);
  try {
    await load();
    const result = estimate(EXAMPLE);
    const table = document.getElementById('phases');
    table.tBodies[0].replaceChildren(
      ...result.phases.map((p) => row(p.phase, p.energy_kwh, p.co2e_kg)));
    table.tFoot.replaceChildren(row('total', result.total?.energy_kwh, result.total?.co2e_kg));
    table.hidden = false;
    status.textContent = `Computed by the greenfront core (data ${result.data_version ?? 'unknown'}).`;
  } catch (err) {
    status.textContent = err instanceof GreenfrontError
      ? `The example was rejected: ${err.message}`
      : `Could not run the calculator: ${err.message}`;
    status.classList.add('error');
    console.error(err);
  }
}

main();
