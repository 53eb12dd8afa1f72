// Regenerates every catalog in data/ from ../shared/data-sources, writes data/manifest.json
// and validates the result. Run from anywhere: node tools/build_all.mjs

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DATA_DIR, DATA_VERSION, REPO_ROOT, writeData } from './common.mjs';

for (const script of ['build_profiles.mjs', 'build_regions.mjs', 'build_hardware.mjs', 'build_presets.mjs']) {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'tools', script)], { stdio: 'inherit' });
}

const profiles = fs.readdirSync(path.join(DATA_DIR, 'profiles')).filter((f) => f.endsWith('.json')).sort();
const manifest = {
  data_version: DATA_VERSION,
  files: ['hardware.json', 'regions.json', 'datacenters.json', 'equivalences.json', ...profiles.map((f) => `profiles/${f}`)],
};
writeData('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);

execFileSync(process.execPath, [path.join(REPO_ROOT, 'tools', 'check_data.mjs')], { stdio: 'inherit' });
