// Hand-written SVG for the Optimize page: the Pareto scatter (evaluated points grey, the
// front highlighted, suggestions hollow) and a small line chart of the hypervolume trace.
// Layout only: every value drawn is a figure from the core; an axis goes logarithmic when
// its values span more than two decades (a display option, the numbers stay the core's).
import { s } from './dom.js';
import { formatNumber } from './format.js';

const PAD = { left: 72, right: 14, top: 10, bottom: 42 };
const SUPERSCRIPT = { '-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹' };

function extent(values) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** A linear or log axis over values: {scale(v) -> 0..1, ticks, log}. */
function axis(values) {
  let [lo, hi] = extent(values);
  const log = lo > 0 && hi / lo > 100;
  if (log) {
    const a = Math.floor(Math.log10(lo));
    const b = Math.ceil(Math.log10(hi));
    const ticks = [];
    const step = Math.max(1, Math.ceil((b - a) / 6));
    for (let e = a; e <= b; e += step) ticks.push(10 ** e);
    return { log, ticks, label: (t) => `10${String(Math.round(Math.log10(t))).replace(/./g, (c) => SUPERSCRIPT[c])}`, scale: (v) => (Math.log10(v) - a) / Math.max(1e-12, b - a) };
  }
  if (hi === lo) { lo -= Math.abs(lo) * 0.1 || 1; hi += Math.abs(hi) * 0.1 || 1; }
  const raw = (hi - lo) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  const n = raw / power;
  const step = (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * power;
  const first = Math.floor(lo / step) * step;
  const last = Math.ceil(hi / step) * step;
  const ticks = [];
  for (let t = first; t <= last + step / 2; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  return { log, ticks, label: formatNumber, scale: (v) => (v - first) / Math.max(1e-300, last - first) };
}

/**
 * points: [{x, y, kind: 'evaluated'|'front'|'suggestion', key, label}] (label: hover text).
 * options: {xLabel, yLabel, title, width, height, selected, onFocus(point), onSelect(point)}.
 * Front and suggestion markers are reachable from the keyboard: Tab enters the plot at one
 * point, the arrow keys move between points, Enter or Space selects.
 */
export function scatterPlot(points, { xLabel, yLabel, title, width = 640, height = 360, selected = null, onFocus, onSelect } = {}) {
  const w = Math.max(280, Math.round(width));
  const hgt = Math.round(height);
  const xa = axis(points.map((p) => p.x));
  const ya = axis(points.map((p) => p.y));
  const left = PAD.left;
  const right = w - PAD.right;
  const top = PAD.top;
  const bottom = hgt - PAD.bottom;
  const X = (v) => left + (right - left) * xa.scale(v);
  const Y = (v) => bottom - (bottom - top) * ya.scale(v);
  const svg = s('svg', { class: 'chart pareto', viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'group', 'aria-label': title ?? 'Pareto front' });
  const grid = s('g', { class: 'grid' });
  for (const t of xa.ticks) {
    const gx = X(t);
    grid.append(s('line', { x1: gx, x2: gx, y1: top, y2: bottom }),
      s('text', { x: gx, y: bottom + 14, 'text-anchor': 'middle', class: 'tick', text: xa.label(t) }));
  }
  for (const t of ya.ticks) {
    const gy = Y(t);
    grid.append(s('line', { x1: left, x2: right, y1: gy, y2: gy }),
      s('text', { x: left - 4, y: gy + 4, 'text-anchor': 'end', class: 'tick', text: ya.label(t) }));
  }
  grid.append(
    s('text', { x: (left + right) / 2, y: hgt - 6, 'text-anchor': 'middle', class: 'axis-label', text: `${xLabel}${xa.log ? ' (log)' : ''}` }),
    s('text', { x: 12, y: (top + bottom) / 2, 'text-anchor': 'middle', class: 'axis-label', transform: `rotate(-90 12 ${(top + bottom) / 2})`, text: `${yLabel}${ya.log ? ' (log)' : ''}` }));
  svg.append(grid);

  // Grey points as one path (thousands of evaluations stay cheap to draw).
  let d = '';
  for (const p of points) {
    if (p.kind !== 'evaluated' || !Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    d += `M${X(p.x).toFixed(1)} ${Y(p.y).toFixed(1)}h0`;
  }
  if (d) svg.append(s('path', { class: 'evaluated', d }));
  const front = points.filter((p) => p.kind === 'front' && Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
  if (front.length > 1) {
    svg.append(s('polyline', { class: 'front-line', points: front.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(' ') }));
  }
  // One tab stop for the whole plot (a front can hold a thousand points): the selected point,
  // else the first; arrow keys, Home and End move along the points in x order.
  const focusable = points.filter((p) => p.kind !== 'evaluated' && Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((a, b) => a.x - b.x || a.y - b.y);
  const stop = Math.max(0, focusable.findIndex((p) => p.key === selected));
  const markers = focusable.map((p, i) => {
    const marker = s('circle', {
      cx: X(p.x), cy: Y(p.y), r: p.kind === 'suggestion' ? 6 : 5,
      class: `marker ${p.kind}${selected === p.key ? ' selected' : ''}`,
      tabindex: i === stop ? '0' : '-1', role: 'button', 'aria-label': p.label, dataset: { key: String(p.key) },
    }, s('title', { text: p.label }));
    marker.addEventListener('mouseenter', () => onFocus?.(p, marker));
    marker.addEventListener('focus', () => {
      for (const m of markers) m.setAttribute('tabindex', m === marker ? '0' : '-1');
      onFocus?.(p, marker);
    });
    marker.addEventListener('click', () => onSelect?.(p));
    marker.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1 }[event.key];
      const to = step !== undefined ? i + step : event.key === 'Home' ? 0 : event.key === 'End' ? markers.length - 1 : null;
      if (to !== null) {
        event.preventDefault();
        markers[Math.min(markers.length - 1, Math.max(0, to))].focus();
      } else if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onSelect?.(p);
      }
    });
    return marker;
  });
  svg.append(...markers);
  return svg;
}

/** The hypervolume trace [{evaluations, hypervolume}] as a small line chart. */
export function traceChart(trace, { width = 320, height = 120, title = 'Hypervolume by evaluations' } = {}) {
  const w = Math.max(200, Math.round(width));
  const pts = trace.filter((t) => Number.isFinite(t.evaluations) && Number.isFinite(t.hypervolume));
  const [x0, x1] = extent([0, ...pts.map((t) => t.evaluations)]);
  let [y0, y1] = extent(pts.map((t) => t.hypervolume));
  if (y1 === y0) y0 = 0;
  const left = 56;
  const bottom = height - 22;
  const X = (v) => left + (w - left - 10) * ((v - x0) / Math.max(1e-300, x1 - x0));
  const Y = (v) => bottom - (bottom - 8) * ((v - y0) / Math.max(1e-300, y1 - y0));
  return s('svg', { class: 'chart trace', viewBox: `0 0 ${w} ${height}`, width: w, height, role: 'img', 'aria-label': title },
    s('title', { text: title }),
    s('g', { class: 'grid' },
      s('line', { x1: left, x2: w - 10, y1: bottom, y2: bottom }),
      s('line', { x1: left, x2: left, y1: 8, y2: bottom }),
      s('text', { x: left - 4, y: 14, 'text-anchor': 'end', class: 'tick', text: formatNumber(y1) }),
      s('text', { x: left - 4, y: bottom, 'text-anchor': 'end', class: 'tick', text: formatNumber(y0) }),
      s('text', { x: w - 10, y: height - 6, 'text-anchor': 'end', class: 'tick', text: `${formatNumber(x1)} evaluations` })),
    s('polyline', { class: 'trace-line', points: pts.map((t) => `${X(t.evaluations).toFixed(1)},${Y(t.hypervolume).toFixed(1)}`).join(' ') }));
}
