// Regenerates every catalog in data/ from ../shared/data-sources, writes data/manifest.json
// and validates the result. Run from anywhere: node tools/build_all.mjs
//
//   node tools/build_all.mjs --check   regenerate into a temporary copy of the repository's
//                                      tools/ + data/ and byte-compare with the committed data/;
//                                      exit 1 listing the differing files (for CI).
//
// Sources: ../shared/data-sources relative to the repository root, or GREENFRONT_DATA_SOURCES.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATA_DIR, DATA_VERSION, REPO_ROOT, SOURCES_DIR, writeData } from './common.mjs';

const GENERATORS = ['build_profiles.mjs', 'build_regions.mjs', 'build_regions_em2024.mjs', 'build_hardware.mjs', 'build_presets.mjs', 'build_cloud_regions.mjs'];
// Hand-written files in data/ (not generated; copied into the temporary tree as they are): the README,
// licence texts and the JSON Schemas that check_data.mjs validates the catalogs against.
const HAND_WRITTEN = /^(README\.md|licenses\/.*|schema\/.*)$/;

function listFiles(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? listFiles(p, base) : [path.relative(base, p).split(path.sep).join('/')];
  }).sort();
}

function check() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'greenfront-data-'));
  try {
    fs.cpSync(path.join(REPO_ROOT, 'tools'), path.join(tmp, 'tools'), { recursive: true });
    for (const f of listFiles(DATA_DIR).filter((x) => HAND_WRITTEN.test(x))) {
      fs.mkdirSync(path.dirname(path.join(tmp, 'data', f)), { recursive: true });
      fs.copyFileSync(path.join(DATA_DIR, f), path.join(tmp, 'data', f));
    }
    execFileSync(process.execPath, [path.join(tmp, 'tools', 'build_all.mjs')], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, GREENFRONT_DATA_SOURCES: SOURCES_DIR },
    });
    const committed = listFiles(DATA_DIR);
    const generated = listFiles(path.join(tmp, 'data'));
    const differing = [...new Set([...committed, ...generated])].sort().filter((f) => {
      const a = path.join(DATA_DIR, f);
      const b = path.join(tmp, 'data', f);
      if (!fs.existsSync(a)) return true;
      if (!fs.existsSync(b)) return true;
      return !fs.readFileSync(a).equals(fs.readFileSync(b));
    }).map((f) => `data/${f}${!generated.includes(f) ? ' (not generated)' : !committed.includes(f) ? ' (missing from data/)' : ''}`);
    if (differing.length) {
      console.error(`data/ differs from the generator output (${differing.length} file(s)):\n  ${differing.join('\n  ')}\n` +
        'Run node tools/build_all.mjs and commit the result.');
      process.exit(1);
    }
    console.log(`data check: committed data/ equals the generator output (${committed.length} files, sources ${SOURCES_DIR})`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function build() {
  for (const script of GENERATORS) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'tools', script)], { stdio: 'inherit' });
  }
  const profiles = fs.readdirSync(path.join(DATA_DIR, 'profiles')).filter((f) => f.endsWith('.json')).sort();
  // regions-*.json: extra values for regions.json regions, in separate files by licence (e.g. ODbL regions-em2024.json).
  const regionsExtra = fs.readdirSync(DATA_DIR).filter((f) => /^regions-.+\.json$/.test(f)).sort();
  const manifest = {
    data_version: DATA_VERSION,
    files: ['hardware.json', 'regions.json', ...regionsExtra, 'datacenters.json', 'equivalences.json', 'cloud-regions.json',
      ...profiles.map((f) => `profiles/${f}`)],
  };
  writeData('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'tools', 'check_data.mjs')], { stdio: 'inherit' });
  // The library compiles in rows generated from these files (core/src/catalog_rows.h).
  console.log('data/ rebuilt; if it changed, run script/update-catalog to regenerate core/src/generated/builtin_catalog.cpp');
}

if (process.argv.includes('--check')) check();
else build();
