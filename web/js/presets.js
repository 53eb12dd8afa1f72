// The preset scenarios (examples/presets, copied to presets/ by script/assemble-site).
export class PresetStore {
  constructor(base = new URL('presets/', document.baseURI)) {
    this.base = base;
    this.index = [];
    this.cache = new Map();
  }

  async init() {
    const response = await fetch(new URL('index.json', this.base));
    if (!response.ok) throw new Error(`presets/index.json: HTTP ${response.status}`);
    this.index = await response.json();
    return this;
  }

  info(id) {
    return this.index.find((p) => p.id === id) ?? null;
  }

  get defaultId() {
    return this.index[0]?.id ?? null;
  }

  async load(id) {
    const info = this.info(id);
    if (!info) throw new Error(`no preset "${id}"`);
    if (!this.cache.has(id)) {
      const response = await fetch(new URL(info.file, this.base));
      if (!response.ok) throw new Error(`presets/${info.file}: HTTP ${response.status}`);
      this.cache.set(id, await response.json());
    }
    return structuredClone(this.cache.get(id));
  }
}
