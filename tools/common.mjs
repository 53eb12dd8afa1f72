// Shared helpers for the catalog generators in tools/ (Node >= 18, no npm dependencies).
//
// The raw public tables live outside the repository, in ../shared/data-sources relative to
// the repository root (override with GREENFRONT_DATA_SOURCES=/path). Every generator reads
// them, looks values up by row name (throwing if a row is missing, so a changed upstream
// table fails loudly instead of silently shifting numbers) and writes data/*.json.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DATA_VERSION = '2026.11.0';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATA_DIR = path.join(REPO_ROOT, 'data');
export const SOURCES_DIR = process.env.GREENFRONT_DATA_SOURCES
  ? path.resolve(process.env.GREENFRONT_DATA_SOURCES)
  : path.resolve(REPO_ROOT, '..', 'shared', 'data-sources');

/** Path of a source file, relative to data-sources/. Throws if it is absent. */
export function sourcePath(rel) {
  const p = path.join(SOURCES_DIR, rel);
  if (!fs.existsSync(p)) throw new Error(`source file missing: ${p} (set GREENFRONT_DATA_SOURCES?)`);
  return p;
}

/** Reads a source text file (strips a UTF-8 BOM). */
export function readSourceText(rel) {
  return fs.readFileSync(sourcePath(rel), 'utf8').replace(/^\uFEFF/, '');
}

export function readSourceJson(rel) {
  return JSON.parse(readSourceText(rel));
}

/** RFC 4180 CSV parser: returns an array of rows (arrays of strings). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Reads a CSV source as objects keyed by header. `skipRows` drops leading rows before the
 * header (Green Algorithms files have a units row above the column names).
 */
export function readCsv(rel, { skipRows = 0 } = {}) {
  const rows = parseCsv(readSourceText(rel)).slice(skipRows);
  const header = rows[0].map((h) => h.trim());
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, (r[i] ?? '').trim()])));
}

/** Finds the single row whose column `keyCol` equals `key` (trimmed); throws otherwise. */
export function row(table, keyCol, key, label = '') {
  const hits = table.filter((r) => (r[keyCol] ?? '').trim() === key);
  if (hits.length === 0) throw new Error(`${label}: no row with ${keyCol} = "${key}"`);
  return hits[0];
}

/** Numeric value of column `col` in the row `keyCol == key`; throws if not a finite number. */
export function num(table, keyCol, key, col, label = '') {
  const v = Number(row(table, keyCol, key, label)[col]);
  if (!Number.isFinite(v)) throw new Error(`${label}: "${key}".${col} is not a number`);
  return v;
}

export function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Serializes a catalog compactly: header keys one per line, then one entry per line.
 * Stable key order as given by the objects.
 */
export function catalogJson(name, description, entries, extra = {}) {
  const head = { catalog: name, version: DATA_VERSION, description, ...extra };
  const headLines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  return `{\n${headLines.join('\n')}\n  "entries": [\n${body}\n  ]\n}\n`;
}

export function writeData(rel, text) {
  const p = path.join(DATA_DIR, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  JSON.parse(text); // never write invalid JSON
  fs.writeFileSync(p, text);
  console.log(`wrote data/${rel} (${text.length} bytes)`);
}

/** Drops keys whose value is undefined (optional fields stay absent, not null). */
export function compact(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

export const LBS_TO_KG = 0.45359237;
export const MILE_KM = 1.609344;
