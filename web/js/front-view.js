// A Pareto front on the page: the scatter (js/pareto-chart.js) with a tooltip on hover or
// focus, a sortable table of the front points, and a detail panel for the selected point.
// Used by the Optimize page's study and trials modes. Numbers are the core's; each cell
// carries its full-precision value in data-value and its response path in data-path.
import { h } from './dom.js';
import { mountChart } from './charts.js';
import { formatNumber, formatValue } from './format.js';
import { scatterPlot } from './pareto-chart.js';
import { objectiveUnit } from './optimize-study.js';

function axisLabel(name) {
  const unit = objectiveUnit(name);
  return unit ? `${name} (${unit})` : name;
}

function describe(point, objectives) {
  const config = Object.entries(point.config ?? {}).map(([k, v]) => `${k} = ${formatValue(v)}`).join(', ');
  const values = objectives.map((o) => `${o} ${formatNumber(point.values?.[o])}`).join(', ');
  return `${values}${config ? ` — ${config}` : ''}`;
}

const ROW_LIMIT = 100;

export class FrontView {
  /** prefix: id prefix ("opt", "trials"); the view's elements are in `this.root`. */
  constructor(prefix) {
    this.prefix = prefix;
    this.selected = null;
    this.sort = null;
    this.plot = h('div', { class: 'pareto-plot', id: `${prefix}-plot` });
    this.tooltip = h('p', { class: 'pareto-tooltip', id: `${prefix}-tooltip`, role: 'status', 'aria-live': 'polite', text: 'Hover over or Tab to a front point to see its configuration; click or Enter selects it.' });
    this.note = h('p', { class: 'hint', id: `${prefix}-plot-note` });
    this.table = h('div', { class: 'table-scroll', id: `${prefix}-front` });
    this.detail = h('section', { class: 'point-detail block', id: `${prefix}-detail`, 'aria-label': 'Selected point', hidden: true });
    this.root = h('div', { class: 'front-view' }, this.plot, this.tooltip, this.note, this.detail, this.table);
  }

  /**
   * data: {objectives, evaluated: [{config, values}], front: [{index, config, values}],
   *        suggestions?: [{config, predicted}], path: 'front' (data-path prefix of rows),
   *        frontPath(i) -> data-path prefix of front row i}
   */
  render(data) {
    this.data = data;
    const [xo, yo] = data.objectives.length >= 2 ? data.objectives : [null, data.objectives[0]];
    const xOf = (p, i) => (xo ? p.values?.[xo] : (p.index ?? i));
    const points = [];
    for (const [i, p] of (data.evaluated ?? []).entries()) points.push({ x: xOf(p, i), y: p.values?.[yo], kind: 'evaluated' });
    for (const [i, p] of data.front.entries()) {
      points.push({ x: xOf(p, i), y: p.values?.[yo], kind: 'front', key: `f${i}`, label: `Front point ${i + 1}: ${describe(p, data.objectives)}`, row: i });
    }
    for (const [i, sug] of (data.suggestions ?? []).entries()) {
      const values = Object.fromEntries(Object.entries(sug.predicted ?? {}).map(([k, v]) => [k, v?.mean]));
      points.push({ x: xo ? values[xo] : i, y: values[yo], kind: 'suggestion', key: `s${i}`,
        label: `Suggestion ${i + 1} (predicted): ${describe({ config: sug.config, values }, data.objectives)}` });
    }
    this.points = points;
    this.note.textContent = [data.objectives.length > 2
      ? `The plot shows the first two of ${data.objectives.length} objectives; the table has them all.` : '', data.note ?? ''].join(' ').trim();
    mountChart(this.plot, (width) => scatterPlot(points, {
      xLabel: xo ? axisLabel(xo) : 'evaluation', yLabel: axisLabel(yo), width,
      height: Math.min(380, Math.max(240, Math.round(width * 0.55))),
      title: `Pareto front: ${data.objectives.join(' vs ')}`, selected: this.selected,
      onFocus: (p) => { this.tooltip.textContent = p.label; },
      onSelect: (p) => this.select(p.row ?? null, p.key),
    }));
    this.renderTable();
    this.renderDetail();
  }

  /** Redraws the chart now (e.g. after a selection). */
  redraw() {
    this.plot._chartWidth = null;
    this.plot._chartDraw?.();
  }

  select(row, key = row == null ? null : `f${row}`) {
    this.selected = key;
    this.selectedRow = row;
    this.redraw();
    this.renderTable();
    this.renderDetail();
    this.plot.querySelector(`[data-key="${key}"]`)?.focus();
  }

  renderDetail() {
    const row = this.selectedRow;
    const p = row == null ? null : this.data?.front[row];
    if (!p) { this.detail.hidden = true; return; }
    const items = [];
    for (const [k, v] of Object.entries(p.config ?? {})) items.push(h('div', null, h('dt', { text: k }), h('dd', { text: formatValue(v) })));
    for (const o of this.data.objectives) {
      const unit = objectiveUnit(o);
      items.push(h('div', null, h('dt', { text: o }), h('dd', { text: `${formatNumber(p.values?.[o])}${unit ? ` ${unit}` : ''}` })));
    }
    this.detail.replaceChildren(h('h3', { text: `Selected: front point ${row + 1}${p.index != null ? ` (evaluation ${p.index})` : ''}` }),
      h('dl', { class: 'figures' }, items));
    this.detail.hidden = false;
  }

  renderTable() {
    const { front, objectives } = this.data;
    const vars = [...new Set(front.flatMap((p) => Object.keys(p.config ?? {})))];
    const columns = [...vars.map((v) => ({ key: v, group: 'config', label: v })),
      ...objectives.map((o) => ({ key: o, group: 'values', label: objectiveUnit(o) ? `${o} (${objectiveUnit(o)})` : o }))];
    const order = front.map((_, i) => i);
    if (this.sort) {
      const { key, group, dir } = this.sort;
      order.sort((a, b) => {
        const x = front[a][group]?.[key];
        const y = front[b][group]?.[key];
        return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * dir;
      });
    }
    const head = h('tr', null, h('th', { scope: 'col', text: '#' }), columns.map((c) => {
      const active = this.sort && this.sort.key === c.key && this.sort.group === c.group;
      return h('th', { scope: 'col', 'aria-sort': active ? (this.sort.dir > 0 ? 'ascending' : 'descending') : 'none' },
        h('button', { type: 'button', class: 'link sort', text: c.label, onclick: () => {
          this.sort = { key: c.key, group: c.group, dir: active ? -this.sort.dir : 1 };
          this.renderTable();
        } }));
    }));
    // A long front (NSGA-II keeps thousands) shows its first rows until asked: building
    // thousands of rows on every snapshot would stall the page.
    const all = this.showAll || (this.selectedRow != null && order.indexOf(this.selectedRow) >= ROW_LIMIT);
    const shown = all ? order : order.slice(0, ROW_LIMIT);
    const body = shown.map((i) => {
      const p = front[i];
      const path = this.data.frontPath ? this.data.frontPath(i) : `front.${i}`;
      return h('tr', { class: i === this.selectedRow ? 'selected' : null, dataset: { row: String(i) }, 'aria-selected': i === this.selectedRow ? 'true' : null },
        h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', text: String(i + 1), 'aria-label': `Select front point ${i + 1}`, onclick: () => this.select(i) })),
        columns.map((c) => {
          const v = p[c.group]?.[c.key];
          return typeof v === 'number'
            ? h('td', { class: 'num', text: formatNumber(v), dataset: { path: `${path}.${c.group}.${c.key}`, value: String(v) } })
            : h('td', { text: v == null ? '–' : String(v) });
        }));
    });
    this.table.replaceChildren(...[h('table', { class: 'numbers front-table' },
      h('caption', { text: `${front.length} point${front.length === 1 ? '' : 's'} on the front` }),
      h('thead', null, head), h('tbody', null, body)),
    shown.length < order.length ? h('button', { type: 'button', id: `${this.prefix}-front-all`, class: 'link show-all',
      text: `Show all ${order.length} points`, onclick: () => { this.showAll = true; this.renderTable(); } }) : null].filter(Boolean));
  }
}
