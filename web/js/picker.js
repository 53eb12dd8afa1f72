// Searchable catalog pickers: an <input> tied to a <datalist> of the core's catalogs
// (catalog('hardware'), 'regions', 'cloud-regions'), showing id and name; the line under
// the input names the entry the id resolves to. Unknown ids are the core's to report.
import { h } from './dom.js';

const LISTS = {
  hardware: { id: 'dl-hardware', kinds: ['hardware'] },
  region: { id: 'dl-region', kinds: ['regions'] },
  cloud: { id: 'dl-cloud', kinds: ['cloud-regions'] },
  where: { id: 'dl-where', kinds: ['regions', 'cloud-regions'] },
};

export class Catalogs {
  /** entries: {hardware, regions, 'cloud-regions', datacenters} arrays from catalog(). */
  constructor(entries) {
    this.entries = entries;
    this.byId = {};
    for (const [kind, list] of Object.entries(entries)) {
      this.byId[kind] = new Map(list.map((entry) => [entry.id, entry]));
    }
  }

  describe(kind, id) {
    const kinds = LISTS[kind]?.kinds ?? [kind];
    for (const k of kinds) {
      const entry = this.byId[k]?.get(id);
      if (entry) return entry.name ?? entry.id;
    }
    return null;
  }

  /** Adds the datalists to the document once. */
  install(parent = document.body) {
    for (const list of Object.values(LISTS)) {
      if (document.getElementById(list.id)) continue;
      const dl = h('datalist', { id: list.id });
      for (const kind of list.kinds) {
        for (const entry of this.entries[kind] ?? []) {
          dl.append(h('option', { value: entry.id, label: label(kind, entry) }));
        }
      }
      parent.append(dl);
    }
  }
}

function label(kind, entry) {
  if (kind === 'hardware') return `${entry.name}${entry.tdp_w ? ` · ${entry.tdp_w} W` : ''}`;
  if (kind === 'cloud-regions') return `${entry.name} · ${entry.provider ?? ''} · grid ${entry.region ?? ''}`;
  return entry.name ?? entry.id;
}

/**
 * Wires an input as a picker of `kind` (hardware | region | cloud | where): sets its
 * datalist and keeps `note` (an element) naming the chosen entry.
 */
export function attachPicker(input, note, kind, catalogs, emptyNote = ' (default)') {
  input.setAttribute('list', LISTS[kind].id);
  input.setAttribute('autocomplete', 'off');
  input.setAttribute('spellcheck', 'false');
  const update = () => {
    const id = input.value.trim() || input.placeholder;
    const name = id ? catalogs.describe(kind, id) : null;
    note.textContent = name ? `${name}${input.value.trim() ? '' : emptyNote}` : '';
  };
  input.addEventListener('input', update);
  return update;
}
