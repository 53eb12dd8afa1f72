// Hand-written SVG charts: horizontal stacked bars with optional p5–p95 whiskers.
// Layout only: every value drawn is a figure from the core; the chart positions segments
// one after another and picks round axis ticks. Colours come from CSS classes (dark mode).
import { s } from './dom.js';
import { formatKg } from './format.js';

const ROW = { label: 18, bar: 18, gap: 14 };
const AXIS = 26;
const PAD = 8;

function niceStep(max, count) {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * power;
}

/**
 * rows: [{label, note?, segments: [{value, cls, name}], whisker?: {low, mid, high}}]
 * options: {title, desc, width, format(value) -> text}
 * Labels sit above their bar so the chart reads at any width (the SVG is drawn at the
 * container's pixel width, text is never scaled down).
 */
export function stackedBars(rows, { title, desc, width = 600, format = formatKg } = {}) {
  const w = Math.max(240, Math.round(width));
  const plotLeft = PAD;
  const plotRight = w - PAD - 4;
  const extent = Math.max(0, ...rows.map((row) => Math.max(
    row.segments.reduce((end, seg) => end + Math.max(0, seg.value || 0), 0),
    row.whisker ? row.whisker.high : 0)));
  const ticks = Math.max(2, Math.min(6, Math.floor((plotRight - plotLeft) / 90)));
  const step = extent > 0 ? niceStep(extent, ticks) : 1;
  const max = extent > 0 ? Math.ceil(extent / step - 1e-9) * step : 1;
  const x = (value) => plotLeft + (plotRight - plotLeft) * (value / max);
  // A row's note shares the label's line when both fit, else it gets a line of its own.
  const charWidth = 7;
  const layout = [];
  let y = PAD;
  for (const row of rows) {
    const twoLines = row.note && (row.label.length + row.note.length + 3) * charWidth > plotRight - plotLeft;
    layout.push({ top: y, twoLines });
    y += ROW.label + (twoLines ? ROW.label - 2 : 0) + ROW.bar + ROW.gap;
  }
  const height = y + AXIS;

  const titleId = `chart-t-${Math.random().toString(36).slice(2, 9)}`;
  const svg = s('svg', {
    class: 'chart', viewBox: `0 0 ${w} ${height}`, width: w, height, role: 'img',
    'aria-labelledby': `${titleId} ${titleId}-d`,
  }, s('title', { id: titleId, text: title ?? 'chart' }), s('desc', { id: `${titleId}-d`, text: desc ?? '' }));

  const grid = s('g', { class: 'grid' });
  for (let value = 0; value <= max + step / 2; value += step) {
    const gx = x(value);
    grid.append(
      s('line', { x1: gx, x2: gx, y1: PAD + ROW.label - 2, y2: height - AXIS + 4 }),
      s('text', { x: gx, y: height - 8, 'text-anchor': value === 0 ? 'start' : gx > w - 40 ? 'end' : 'middle', class: 'tick', text: format(value) }));
  }
  svg.append(grid);

  rows.forEach((row, i) => {
    const { top, twoLines } = layout[i];
    const barY = top + ROW.label + (twoLines ? ROW.label - 2 : 0);
    const g = s('g', { class: 'row' });
    const room = Math.floor((plotRight - plotLeft) / charWidth);
    const label = row.label.length > room ? `${row.label.slice(0, room - 1)}…` : row.label;
    g.append(s('text', { x: plotLeft, y: top + ROW.label - 5, class: 'row-label', text: label },
      label !== row.label ? s('title', { text: row.label }) : null));
    if (row.note) {
      g.append(twoLines
        ? s('text', { x: plotLeft, y: top + 2 * ROW.label - 7, class: 'row-note', text: row.note })
        : s('text', { x: plotRight, y: top + ROW.label - 5, 'text-anchor': 'end', class: 'row-note', text: row.note }));
    }
    let start = 0;
    for (const seg of row.segments) {
      const value = Math.max(0, seg.value || 0);
      if (value > 0) {
        const rect = s('rect', { x: x(start), y: barY, width: Math.max(0.5, x(start + value) - x(start)), height: ROW.bar, class: `seg ${seg.cls}` });
        rect.append(s('title', { text: `${seg.name}: ${format(seg.value)}` }));
        g.append(rect);
      }
      start += value;
    }
    if (row.whisker) {
      const { low, mid, high } = row.whisker;
      const cy = barY + ROW.bar / 2;
      const wg = s('g', { class: 'whisker' });
      wg.append(
        s('line', { x1: x(low), x2: x(high), y1: cy, y2: cy }),
        s('line', { x1: x(low), x2: x(low), y1: barY + 2, y2: barY + ROW.bar - 2 }),
        s('line', { x1: x(high), x2: x(high), y1: barY + 2, y2: barY + ROW.bar - 2 }));
      if (mid != null) wg.append(s('circle', { cx: x(mid), cy, r: 3 }));
      wg.append(s('title', { text: `p5–p95: ${format(low)} – ${format(high)}${mid != null ? `, p50 ${format(mid)}` : ''}` }));
      g.append(wg);
    }
    svg.append(g);
  });
  return svg;
}

/**
 * Mounts a chart that is redrawn at the container's width (on resize too).
 * draw(width) returns the SVG element.
 */
export function mountChart(container, draw) {
  const render = () => {
    const width = container.clientWidth || 600;
    if (container._chartWidth === width && container.firstChild) return;
    container._chartWidth = width;
    container.replaceChildren(draw(width));
  };
  container._chartWidth = null;
  render();
  if (!container._chartObserver && typeof ResizeObserver === 'function') {
    container._chartObserver = new ResizeObserver(() => container._chartDraw?.());
    container._chartObserver.observe(container);
  }
  container._chartDraw = render;
}

/** A legend for stackedBars: [{cls, name}] -> <ul class="legend">. */
export function legend(items) {
  const ul = document.createElement('ul');
  ul.className = 'legend';
  for (const item of items) {
    const li = document.createElement('li');
    const swatch = s('svg', { width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true' },
      item.line
        ? s('g', { class: 'whisker' }, s('line', { x1: 0, x2: 12, y1: 6, y2: 6 }), s('circle', { cx: 6, cy: 6, r: 3 }))
        : s('rect', { x: 0, y: 0, width: 12, height: 12, class: `seg ${item.cls}` }));
    li.append(swatch, ` ${item.name}`);
    ul.append(li);
  }
  return ul;
}
