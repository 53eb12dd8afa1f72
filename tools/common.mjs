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
  // A source table (see sourceTable) is written one source per line, like the entries.
  const headLines = Object.entries(head).map(([k, v]) => (k === 'sources'
    ? `  "sources": {\n${Object.entries(v).map(([key, s]) => `    ${JSON.stringify(key)}: ${JSON.stringify(s)}`).join(',\n')}\n  },`
    : `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`));
  const body = entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  return `{\n${headLines.join('\n')}\n  "entries": [\n${body}\n  ]\n}\n`;
}

/**
 * Shares repeated citations: a file's values refer by key to one top-level table
 * `"sources": {"<key>": {"source": "...", "licence": "..."}}` instead of each carrying its own copy
 * (the C++ loader resolves `source_ref`; a dangling key is a load error).
 * `ref(item)` returns a copy of `item` whose `source` and `licence` are replaced, at the position of
 * `source`, by `source_ref: keyOf(item)`; `sources` is the table, keys in order of first use. Throws if
 * one key would name two different citations.
 */
export function sourceTable(keyOf) {
  const sources = {};
  const ref = (item) => {
    const key = keyOf(item);
    if (typeof key !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(key)) throw new Error(`bad source key ${key} for ${item.source}`);
    if (typeof item.source !== 'string' || typeof item.licence !== 'string') throw new Error(`source_ref ${key}: no source/licence`);
    const known = sources[key];
    if (known && (known.source !== item.source || known.licence !== item.licence)) {
      throw new Error(`source key ${key} names two citations:\n  ${known.source}\n  ${item.source}`);
    }
    sources[key] = known ?? { source: item.source, licence: item.licence };
    return Object.fromEntries(Object.entries(item).flatMap(([k, v]) => (
      k === 'source' ? [['source_ref', key]] : k === 'licence' ? [] : [[k, v]])));
  };
  return { sources, ref };
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
