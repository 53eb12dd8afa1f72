// Renders an estimate result (docs/schema.md "Result"). Every figure is the core's number:
// the text is formatted, the exact value is in data-value (String(number)) and the field it
// came from in data-path, e.g. data-path="phases.training.co2e_kg.embodied".
import { h } from './dom.js';
import { CO2E, formatKg, formatKwh, formatNumber, formatShare, formatValue } from './format.js';
import { legend, mountChart, stackedBars } from './charts.js';

export const PHASE_LABELS = {
  data: 'Data', experimentation: 'Experimentation', training: 'Training',
  inference: 'Inference', retraining: 'Retraining', federated: 'Federated learning',
};

/** A <data> element holding one figure: formatted text, exact value, its JSON path. */
export function figure(value, path, format = formatKg, cls = 'fig') {
  return h('data', {
    class: cls, value: String(value), dataset: { value: String(value), path }, text: format(value),
  });
}

function percentiles(result, path) {
  let node = result.uncertainty;
  for (const key of path) node = node?.[key];
  return node && typeof node.p5 === 'number' ? node : null;
}

function headline(result, { details = true } = {}) {
  const co2e = result.total.co2e_kg;
  const band = percentiles(result, ['total', 'co2e_kg', 'total_location']);
  const items = [
    ['Market-based total', figure(co2e.total_market, 'total.co2e_kg.total_market')],
    ['Operational, location-based', figure(co2e.operational_location, 'total.co2e_kg.operational_location')],
    ['Operational, market-based', figure(co2e.operational_market, 'total.co2e_kg.operational_market')],
    ['Embodied (manufacturing)', figure(co2e.embodied, 'total.co2e_kg.embodied')],
    ['Energy at the meter', figure(result.total.energy_kwh.facility, 'total.energy_kwh.facility', formatKwh)],
    ['Device-hours', figure(result.total.device_hours, 'total.device_hours', formatNumber)],
  ];
  return h('div', { class: 'headline' },
    h('p', { class: 'total' },
      h('span', { class: 'total-label', text: `Total ${CO2E}, location-based` }),
      figure(co2e.total_location, 'total.co2e_kg.total_location', formatKg, 'fig big')),
    band && h('p', { class: 'band' },
      '90 % interval ', figure(band.p5, 'uncertainty.total.co2e_kg.total_location.p5'), ' – ',
      figure(band.p95, 'uncertainty.total.co2e_kg.total_location.p95'), ' (median ',
      figure(band.p50, 'uncertainty.total.co2e_kg.total_location.p50'), `; ${result.uncertainty.samples} Monte-Carlo samples, seed ${result.uncertainty.seed})`),
    details && h('dl', { class: 'figures' }, items.map(([label, el]) => h('div', null, h('dt', { text: label }), h('dd', null, el)))));
}

function basisChart(result) {
  const co2e = result.total.co2e_kg;
  const box = h('div', { class: 'chart-box' });
  const rows = [
    { label: 'Location-based (grid average)', segments: [
      { value: co2e.operational_location, cls: 'seg-op', name: 'operational' },
      { value: co2e.embodied, cls: 'seg-emb', name: 'embodied' }] },
    { label: 'Market-based (after carbon-free energy)', segments: [
      { value: co2e.operational_market, cls: 'seg-op-market', name: 'operational' },
      { value: co2e.embodied, cls: 'seg-emb', name: 'embodied' }] },
  ];
  mountChart(box, (width) => stackedBars(rows, {
    width, title: 'Operational and embodied CO2e, location- and market-based',
    desc: `Location-based: operational ${formatKg(co2e.operational_location)}, embodied ${formatKg(co2e.embodied)}. Market-based: operational ${formatKg(co2e.operational_market)}, embodied ${formatKg(co2e.embodied)}.`,
  }));
  return h('figure', { class: 'chart-figure' },
    h('figcaption', { text: 'Operational vs embodied, location- vs market-based' }), box,
    legend([{ cls: 'seg-op', name: 'operational (location)' }, { cls: 'seg-op-market', name: 'operational (market)' }, { cls: 'seg-emb', name: 'embodied' }]));
}

function phaseChart(result) {
  const box = h('div', { class: 'chart-box' });
  const rows = result.phases.map((phase) => {
    const band = percentiles(result, ['phases', phase.phase, 'co2e_kg', 'total_location']);
    const spread = band && band.p95 > band.p5;
    return {
      label: PHASE_LABELS[phase.phase] ?? phase.phase,
      note: `${formatKg(phase.co2e_kg.total_location)} · ${formatShare(phase.share_of_total_location)}`,
      segments: [
        { value: phase.co2e_kg.operational_location, cls: 'seg-op', name: 'operational (location)' },
        { value: phase.co2e_kg.embodied, cls: 'seg-emb', name: 'embodied' }],
      whisker: spread ? { low: band.p5, mid: band.p50, high: band.p95 } : null,
    };
  });
  const anyBand = rows.some((row) => row.whisker);
  mountChart(box, (width) => stackedBars(rows, {
    width, title: 'CO2e per lifecycle phase (location-based)',
    desc: rows.map((row) => `${row.label}: ${row.note}`).join('; '),
  }));
  return h('figure', { class: 'chart-figure' },
    h('figcaption', { text: 'Per phase (location-based)' }), box,
    legend([{ cls: 'seg-op', name: 'operational' }, { cls: 'seg-emb', name: 'embodied' },
      ...(anyBand ? [{ line: true, name: 'p5–p95 (dot: median)' }] : [])]));
}

function phaseTable(result) {
  const cols = [
    ['energy_kwh.facility', formatKwh],
    ['co2e_kg.operational_location'], ['co2e_kg.operational_market'],
    ['co2e_kg.embodied'],
    ['co2e_kg.total_location'], ['co2e_kg.total_market'],
  ];
  const get = (obj, path) => path.split('.').reduce((node, key) => node?.[key], obj);
  const row = (label, obj, prefix, isTotal) => h('tr', isTotal ? { class: 'sum' } : null,
    h('th', { scope: 'row', text: label }),
    cols.map(([path, format]) => h('td', null, figure(get(obj, path), `${prefix}.${path}`, format ?? formatKg))));
  const th = (text, attrs) => h('th', { text, ...attrs });
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'phase-table-caption' },
    h('table', { class: 'numbers' },
      h('caption', { id: 'phase-table-caption', text: `Per phase: energy at the meter and ${CO2E}` }),
      h('thead', null,
        h('tr', null, th('Phase', { scope: 'col', rowspan: 2 }), th('Energy', { scope: 'col', rowspan: 2 }),
          th('Operational', { scope: 'colgroup', colspan: 2, class: 'group' }), th('Embodied', { scope: 'col', rowspan: 2 }),
          th('Total', { scope: 'colgroup', colspan: 2, class: 'group' })),
        h('tr', null, ['location', 'market', 'location', 'market'].map((text) => th(text, { scope: 'col' })))),
      h('tbody', null, result.phases.map((p) => row(PHASE_LABELS[p.phase] ?? p.phase, p, `phases.${p.phase}`))),
      h('tfoot', null, row('Total', result.total, 'total', true))));
}

function schedule(result) {
  if (!Array.isArray(result.schedule) || result.schedule.length === 0) return null;
  return h('section', { class: 'block', 'aria-labelledby': 'schedule-title' },
    h('h3', { id: 'schedule-title', text: 'When to run (hourly grid profile)' }),
    h('ul', null, result.schedule.map((item) => h('li', null,
      `${PHASE_LABELS[item.phase] ?? item.phase}: starting at ${item.start_utc}, its operational ${CO2E} is `,
      figure(item.operational_location_kg_at_start, `schedule.${item.phase}.operational_location_kg_at_start`),
      ` (grid ${formatNumber(item.intensity_g_per_kwh_at_start)} g/kWh). The lowest-carbon start within ${item.window_hours} h is `,
      h('strong', { text: item.best_start_utc }), ': ',
      figure(item.operational_location_kg_at_best, `schedule.${item.phase}.operational_location_kg_at_best`),
      ` (grid ${formatNumber(item.intensity_g_per_kwh_at_best)} g/kWh; profile ${item.profile}).`))));
}

function equivalences(result) {
  const list = Array.isArray(result.equivalences) ? result.equivalences : [];
  if (list.length === 0) return null;
  return h('section', { class: 'block', 'aria-labelledby': 'eq-title' },
    h('h3', { id: 'eq-title', text: `That is about as much ${CO2E} as` }),
    h('ul', { class: 'equivalences' }, list.map((eq) => h('li', null,
      figure(eq.value, `equivalences.${eq.id}`, formatNumber, 'fig'), ' ', eq.label))),
    h('details', null, h('summary', { text: 'Sources of these factors' }),
      h('ul', { class: 'sources' }, list.map((eq) => h('li', null, h('strong', { text: eq.label }), `: ${eq.kg_per_unit} kg per ${eq.unit}. ${eq.source}`)))));
}

function defaultsUsed(result) {
  const list = result.defaults_used ?? [];
  return h('details', { class: 'block defaults' },
    h('summary', { text: `Defaults used (${list.length}), each with its source` }),
    list.length === 0 ? h('p', { text: 'None: every value was given.' })
      : h('dl', null, list.map((d) => h('div', null,
        h('dt', null, h('code', { text: d.path }), ' = ', h('strong', { text: formatValue(d.value) })),
        h('dd', { text: d.source })))));
}

function warnings(result) {
  const list = result.warnings ?? [];
  if (list.length === 0) return null;
  return h('section', { class: 'block warnings', 'aria-labelledby': 'warn-title' },
    h('h3', { id: 'warn-title', text: `Warnings (${list.length})` }),
    h('ul', null, list.map((w) => h('li', { text: typeof w === 'string' ? w : w.message ?? JSON.stringify(w) }))));
}

/** Replaces the container's content with the result. */
export function renderResult(container, result) {
  container.replaceChildren(...[
    headline(result),
    basisChart(result),
    phaseChart(result),
    phaseTable(result),
    schedule(result),
    equivalences(result),
    warnings(result),
    defaultsUsed(result),
    h('p', { class: 'meta' }, `Embodied attribution: ${result.embodied_attribution}. Equivalences on the ${String(result.equivalences_basis).replace('_', ' ')} figure. Catalog entries: ${(result.catalog_entries_used ?? []).join(', ') || 'none'}. Data version ${result.data_version}.`),
  ].filter(Boolean));
  for (const el of container.querySelectorAll('.chart-box')) el._chartDraw?.();
}

/**
 * The embeddable summary (web/greenfront-calculator.js). compact: the total, the 90 % band
 * if any and the per-phase chart; otherwise also operational/embodied and location/market
 * (figures and chart), equivalences, warnings and the defaults used.
 */
export function renderSummary(container, result, { compact = false } = {}) {
  container.replaceChildren(...(compact
    ? [headline(result, { details: false }), phaseChart(result)]
    : [headline(result), basisChart(result), phaseChart(result), equivalences(result),
      warnings(result), defaultsUsed(result)]).filter(Boolean));
  for (const el of container.querySelectorAll('.chart-box')) el._chartDraw?.();
}
