// A tiny Markdown-to-DOM renderer for the core's carbon impact statement (docs/schema.md,
// "Report"): headings (#..######), paragraphs, block quotes ("> "), lists ("- "), pipe
// tables with alignment rows, and inline **bold**, *italic*, `code`, [text](url) links and
// bare http(s) URLs, with backslash escapes ("\|"). Every piece of text becomes a text node
// (textContent), never markup; links keep only http:, https: and mailto: targets.
import { h } from './dom.js';

const SAFE_URL = /^(https?:|mailto:)/i;

function link(text, url) {
  if (!SAFE_URL.test(url)) return document.createTextNode(text);
  return h('a', { href: url, rel: 'noopener noreferrer', target: '_blank', text });
}

/** Inline Markdown as an array of DOM nodes. */
export function inline(text) {
  const out = [];
  let plain = '';
  const flush = () => { if (plain) out.push(document.createTextNode(plain)); plain = ''; };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const rest = text.slice(i);
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()|#>\-!.]/.test(text[i + 1])) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i) {
        flush();
        out.push(h('code', { text: text.slice(i + 1, end) }));
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('**')) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push(h('strong', null, inline(text.slice(i + 2, end))));
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && text[i + 1] && text[i + 1] !== ' ') {
      const end = closingStar(text, i + 1);
      if (end > i + 1) {
        flush();
        out.push(h('em', null, inline(text.slice(i + 1, end))));
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest);
      if (m) {
        flush();
        out.push(SAFE_URL.test(m[2]) ? link(m[1], m[2]) : document.createTextNode(m[0]));
        i += m[0].length;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && /^https?:\/\//i.test(rest) && !/[\w/]$/.test(plain)) {
      const m = /^https?:\/\/[^\s<>()"]+/i.exec(rest);
      const url = m[0].replace(/[.,;:!?]+$/, '');
      flush();
      out.push(link(url, url));
      i += url.length;
      continue;
    }
    plain += c;
    i += 1;
  }
  flush();
  return out;
}

/** The index of the '*' that closes an italic run opened before `from` (skips code and **). */
function closingStar(text, from) {
  for (let j = from; j < text.length; j += 1) {
    if (text[j] === '\\') { j += 1; continue; }
    if (text[j] === '`') {
      const end = text.indexOf('`', j + 1);
      if (end > j) { j = end; continue; }
    }
    if (text[j] === '*') {
      if (text[j + 1] === '*') { j += 1; continue; }
      if (text[j - 1] !== ' ') return j;
    }
  }
  return -1;
}

/** The cells of a table row "| a | b \| c |" (escaped pipes stay in their cell). */
function cells(line) {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const out = [];
  let cell = '';
  for (let i = 0; i < body.length; i += 1) {
    if (body[i] === '\\' && body[i + 1] === '|') { cell += '\\|'; i += 1; continue; }
    if (body[i] === '|') { out.push(cell.trim()); cell = ''; continue; }
    cell += body[i];
  }
  out.push(cell.trim());
  return out;
}

const ALIGN_ROW = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function table(lines) {
  const head = cells(lines[0]);
  const align = cells(lines[1]).map((c) => (c.endsWith(':') ? (c.startsWith(':') ? 'center' : 'right') : 'left'));
  const cell = (tag, text, k, attrs = {}) => h(tag, { ...attrs, class: `align-${align[k] ?? 'left'}` }, inline(text));
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Per-phase figures of the statement' },
    h('table', { class: 'numbers md-table' },
      h('thead', null, h('tr', null, head.map((t, k) => cell('th', t, k, { scope: 'col' })))),
      h('tbody', null, lines.slice(2).map((line) => h('tr', null, cells(line).map((t, k) => cell('td', t, k)))))));
}

/** Renders Markdown text into a DocumentFragment of safe DOM nodes. */
export function renderMarkdown(markdown) {
  const fragment = document.createDocumentFragment();
  const lines = String(markdown).replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  const isBlank = (line) => line.trim() === '';
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) { i += 1; continue; }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // The page already has its h1/h2: statement headings start at h3.
      const level = Math.min(6, heading[1].length + 1);
      fragment.append(h(`h${level}`, null, inline(heading[2].trim())));
      i += 1;
      continue;
    }
    if (line.trim().startsWith('|') && i + 1 < lines.length && ALIGN_ROW.test(lines[i + 1])) {
      const rows = [];
      while (i < lines.length && lines[i].trim().startsWith('|')) rows.push(lines[i++]);
      fragment.append(table(rows));
      continue;
    }
    if (/^\s*[-*+]\s+/.test(line)) {
      const list = h('ul');
      while (i < lines.length && /^\s*[-*+]\s+/.test(lines[i])) {
        let item = lines[i++].replace(/^\s*[-*+]\s+/, '');
        while (i < lines.length && /^\s{2,}\S/.test(lines[i])) item += ` ${lines[i++].trim()}`;
        list.append(h('li', null, inline(item)));
      }
      fragment.append(list);
      continue;
    }
    if (/^\s*>/.test(line)) {
      const quoted = [];
      while (i < lines.length && /^\s*>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s*>\s?/, ''));
      fragment.append(h('blockquote', null, renderMarkdown(quoted.join('\n'))));
      continue;
    }
    const para = [];
    while (i < lines.length && !isBlank(lines[i]) && !/^(#{1,6}\s|\s*[-*+]\s|\s*>|\s*\|)/.test(lines[i])) para.push(lines[i++].trim());
    if (para.length === 0) para.push(lines[i++].trim());
    fragment.append(h('p', null, inline(para.join(' '))));
  }
  return fragment;
}
