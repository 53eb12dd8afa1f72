// Minimal JSON Schema (draft 2020-12 subset) validator for the catalogs in data/schema/.
// Plain Node >= 18, no npm packages.
//
// Supported keywords (anything else in a schema is an error, so a schema cannot silently rely
// on an unsupported rule):
//   validation: type (string or array of: object, array, string, number, integer, boolean, null),
//               enum, const, properties, required, additionalProperties (false or a schema),
//               dependentRequired, items (single schema), minItems, maxItems, uniqueItems,
//               minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, pattern
//               (JavaScript RegExp with the "u" flag, unanchored as in the spec), anyOf, oneOf
//   references: $ref to "#/$defs/<name>" only (local definitions)
//   annotations (ignored): $schema, $id, $defs, $comment, title, description, examples
//
//   import { validate } from './json_schema.mjs';
//   validate(schema, doc, 'data/regions.json')  -> array of error strings, empty if valid;
//   each error: "<file>: <JSON path>: <rule>: value <value>", e.g.
//   "data/regions.json: $.entries[3].values[0].intensity_g_per_kwh: maximum 1500: value 1600"
//
//   node tools/json_schema.mjs --self-test   validates hand-written good and bad documents
//                                             (one bad document per keyword); exit 1 on a surprise

import { fileURLToPath } from 'node:url';

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', '$comment', 'title', 'description', 'examples']);
const KEYWORDS = new Set(['type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'dependentRequired',
  'items', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'pattern', 'anyOf', 'oneOf', '$ref']);

const typeOf = (v) => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
};
const typeMatches = (v, t) => {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
};
const show = (v) => {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};
const keyPath = (base, k) => (/^[A-Za-z_$][\w$]*$/.test(k) ? `${base}.${k}` : `${base}[${JSON.stringify(k)}]`);
const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b); // fine for the plain JSON used here

const regexCache = new Map();
const regex = (p) => {
  if (!regexCache.has(p)) regexCache.set(p, new RegExp(p, 'u'));
  return regexCache.get(p);
};

/**
 * Validates `doc` against `schema`. Returns an array of error strings (empty = valid).
 * `file` prefixes every message. Throws on a malformed schema (unknown keyword, bad $ref).
 */
export function validate(schema, doc, file = '<doc>') {
  const errors = [];
  const root = schema;

  function resolve(ref) {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    if (!m || !root.$defs || !(m[1] in root.$defs)) throw new Error(`schema: unsupported or unknown $ref "${ref}"`);
    return root.$defs[m[1]];
  }

  // Returns the errors of `v` at `p` against schema `s` (not appended: anyOf/oneOf need them apart).
  function check(s, v, p) {
    const out = [];
    const err = (path, rule, value) => out.push(`${file}: ${path}: ${rule}: value ${show(value)}`);
    if (s === true) return out;
    if (s === false) { err(p, 'false schema', v); return out; }
    if (typeof s !== 'object' || s === null) throw new Error(`schema at ${p}: not an object`);
    for (const k of Object.keys(s)) {
      if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`schema at ${p}: unsupported keyword "${k}"`);
    }
    if (s.$ref !== undefined) out.push(...check(resolve(s.$ref), v, p));
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => typeMatches(v, t))) {
        err(p, `type ${types.join('|')}`, v);
        return out; // the other rules would only repeat the type error
      }
    }
    if (s.enum !== undefined && !s.enum.some((x) => equal(x, v))) err(p, `enum [${s.enum.map(show).join(', ')}]`, v);
    if (s.const !== undefined && !equal(s.const, v)) err(p, `const ${show(s.const)}`, v);
    if (typeof v === 'number') {
      if (s.minimum !== undefined && !(v >= s.minimum)) err(p, `minimum ${s.minimum}`, v);
      if (s.maximum !== undefined && !(v <= s.maximum)) err(p, `maximum ${s.maximum}`, v);
      if (s.exclusiveMinimum !== undefined && !(v > s.exclusiveMinimum)) err(p, `exclusiveMinimum ${s.exclusiveMinimum}`, v);
      if (s.exclusiveMaximum !== undefined && !(v < s.exclusiveMaximum)) err(p, `exclusiveMaximum ${s.exclusiveMaximum}`, v);
    }
    if (typeof v === 'string') {
      if (s.minLength !== undefined && [...v].length < s.minLength) err(p, `minLength ${s.minLength}`, v);
      if (s.pattern !== undefined && !regex(s.pattern).test(v)) err(p, `pattern ${s.pattern}`, v);
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) err(p, `minItems ${s.minItems}`, `array of ${v.length}`);
      if (s.maxItems !== undefined && v.length > s.maxItems) err(p, `maxItems ${s.maxItems}`, `array of ${v.length}`);
      if (s.uniqueItems === true) {
        const seen = new Map();
        v.forEach((x, i) => {
          const k = JSON.stringify(x);
          if (seen.has(k)) err(`${p}[${i}]`, `uniqueItems (same as [${seen.get(k)}])`, x);
          else seen.set(k, i);
        });
      }
      if (s.items !== undefined) v.forEach((x, i) => out.push(...check(s.items, x, `${p}[${i}]`)));
    }
    if (typeOf(v) === 'object') {
      for (const r of s.required ?? []) if (!(r in v)) err(p, `required "${r}"`, '(absent)');
      for (const [k, deps] of Object.entries(s.dependentRequired ?? {})) {
        if (!(k in v)) continue;
        for (const d of deps) if (!(d in v)) err(p, `dependentRequired "${k}" needs "${d}"`, '(absent)');
      }
      const props = s.properties ?? {};
      for (const [k, x] of Object.entries(v)) {
        if (k in props) out.push(...check(props[k], x, keyPath(p, k)));
        else if (s.additionalProperties === false) err(keyPath(p, k), 'additionalProperties false', x);
        else if (s.additionalProperties !== undefined) out.push(...check(s.additionalProperties, x, keyPath(p, k)));
      }
    }
    if (s.anyOf !== undefined) {
      const results = s.anyOf.map((sub) => check(sub, v, p));
      if (!results.some((r) => r.length === 0)) {
        err(p, `anyOf (no branch matched; first branch: ${results[0][0]?.split(': ').slice(2).join(': ')})`, v);
      }
    }
    if (s.oneOf !== undefined) {
      const n = s.oneOf.filter((sub) => check(sub, v, p).length === 0).length;
      if (n !== 1) err(p, `oneOf (${n} branches matched, need exactly 1)`, v);
    }
    return out;
  }

  errors.push(...check(schema, doc, '$'));
  return errors;
}

// ---------------------------------------------------------------------------------------
// Self-test: one schema using every supported keyword, a good document, and one bad document
// per keyword whose single expected error must name that keyword.

export function selfTest() {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'self-test',
    title: 'self-test',
    type: 'object',
    required: ['id', 'n', 'list'],
    additionalProperties: false,
    dependentRequired: { estimate: ['uncertainty'] },
    properties: {
      id: { type: 'string', pattern: '^[a-z]+$', minLength: 2 },
      kind: { enum: ['a', 'b'] },
      version: { const: 1 },
      n: { type: 'integer', minimum: 1, maximum: 10 },
      share: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      list: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: { $ref: '#/$defs/item' } },
      either: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      one: { oneOf: [{ type: 'integer' }, { type: 'number', minimum: 5 }] },
      estimate: { type: 'boolean' },
      uncertainty: { type: 'string' },
      extra: { type: 'object', additionalProperties: { type: 'null' } },
    },
    $defs: { item: { type: ['number', 'string'] } },
  };
  const good = { id: 'ab', kind: 'a', version: 1, n: 3, share: 0.5, list: [1, 'x'], either: 'e', one: 2, estimate: true,
    uncertainty: 'u', extra: { z: null } };
  const bad = [
    ['type', { n: 'three' }, '$.n: type integer'],
    ['type (integer vs fraction)', { n: 2.5 }, '$.n: type integer'],
    ['type (array of types, via $ref)', { list: [true] }, '$.list[0]: type number|string'],
    ['enum', { kind: 'c' }, '$.kind: enum'],
    ['const', { version: 2 }, '$.version: const 1'],
    ['required', { id: undefined }, '$: required "id"'],
    ['additionalProperties false', { other: 1 }, '$.other: additionalProperties false'],
    ['additionalProperties schema', { extra: { z: 1 } }, '$.extra.z: type null'],
    ['dependentRequired', { uncertainty: undefined }, '$: dependentRequired "estimate" needs "uncertainty"'],
    ['minimum', { n: 0 }, '$.n: minimum 1'],
    ['maximum', { n: 11 }, '$.n: maximum 10'],
    ['exclusiveMinimum', { share: 0 }, '$.share: exclusiveMinimum 0'],
    ['exclusiveMaximum', { share: 1 }, '$.share: exclusiveMaximum 1'],
    ['minLength', { id: 'a' }, '$.id: minLength 2'],
    ['pattern', { id: 'AB' }, '$.id: pattern ^[a-z]+$'],
    ['minItems', { list: [] }, '$.list: minItems 1'],
    ['maxItems', { list: [1, 2, 3, 4] }, '$.list: maxItems 3'],
    ['uniqueItems', { list: [1, 1] }, '$.list[1]: uniqueItems'],
    ['anyOf', { either: 1.5 }, '$.either: anyOf'],
    ['oneOf (none)', { one: 'x' }, '$.one: oneOf (0 branches'],
    ['oneOf (two)', { one: 7 }, '$.one: oneOf (2 branches'],
  ];
  const surprises = [];
  const g = validate(schema, good, 'good');
  if (g.length) surprises.push(`good document rejected:\n    ${g.join('\n    ')}`);
  for (const [name, patch, expected] of bad) {
    const doc = structuredClone(good);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete doc[k];
      else doc[k] = v;
    }
    const e = validate(schema, doc, 'bad');
    if (e.length !== 1 || !e[0].startsWith(`bad: ${expected}`)) {
      surprises.push(`${name}: expected one error "bad: ${expected}...", got ${e.length ? `\n    ${e.join('\n    ')}` : 'none'}`);
    }
  }
  // The error names the value.
  const v = validate(schema, { ...good, n: 42 }, 'f.json');
  if (v[0] !== 'f.json: $.n: maximum 10: value 42') surprises.push(`message format: ${v[0]}`);
  // Malformed schemas must throw, not pass silently.
  for (const [name, s] of [['unknown keyword', { type: 'object', maxProperties: 1 }], ['unknown $ref', { $ref: '#/$defs/none' }],
    ['remote $ref', { $ref: 'other.json#/x' }]]) {
    let threw = false;
    try { validate(s, {}, 'x'); } catch { threw = true; }
    if (!threw) surprises.push(`${name}: schema accepted`);
  }
  return { cases: bad.length + 5, surprises };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!process.argv.includes('--self-test')) {
    console.error('usage: node tools/json_schema.mjs --self-test');
    process.exit(2);
  }
  const { cases, surprises } = selfTest();
  if (surprises.length) {
    console.error(`json_schema self-test FAILED (${surprises.length}):\n  ${surprises.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`json_schema self-test OK (${cases} cases)`);
}
