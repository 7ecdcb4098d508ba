#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml): writes the list of files of this build
// into the service worker (sw.js), so it can precache the whole app on the first
// visit and run offline afterwards.
//
// Trunk runs it with TRUNK_STAGING_DIR set to the build's staging folder (the
// future dist/, with index.html already written). It replaces the line
//   const BUILD = null; // @sw-manifest
// of sw.js with
//   const BUILD = {"version":"<hash>","files":[{"url":"index.html","integrity":"sha384-…"},…]};
// Paths are relative to sw.js (the root of dist/), so the build works under any
// sub-path. The version is a hash of the list, so sw.js changes, and browsers
// install the new build, whenever any file changes.
//
// Under `trunk serve` (index.html then holds Trunk's live-reload script) it writes
// {"dev":true} instead: the service worker caches nothing during development.
//
// By hand: node scripts/sw-manifest.mjs [dist-dir]   (rewrites dist/sw.js again)
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

const SW = 'sw.js';
const MARKER = /^const BUILD = .*; \/\/ @sw-manifest$/m;
// Files never precached: the service worker itself, hidden files, and data/
// (the weather data, 0.8 MB, and the Circle data, 40 KB, are each fetched only
// when chosen, so they never add to the first visit; sw.js keeps a copy of a
// file once it has been fetched).
const ON_DEMAND = 'data/';
const skip = (rel) =>
  rel === SW || rel.startsWith(ON_DEMAND) || rel.split('/').some((part) => part.startsWith('.'));

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('sw-manifest: no folder (run by Trunk, or: node scripts/sw-manifest.mjs dist)');
  process.exit(2);
}

async function listFiles(root) {
  const out = [];
  async function walk(d) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (skip(rel)) continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(rel);
    }
  }
  await walk(root);
  return out.sort();
}

const swPath = join(dir, SW);
const sw = await readFile(swPath, 'utf8').catch(() => {
  console.error(`sw-manifest: ${swPath} not found (index.html must copy static/sw.js to the root of dist/)`);
  process.exit(1);
});
if (!MARKER.test(sw)) {
  console.error(`sw-manifest: ${swPath} has no line matching ${MARKER}`);
  process.exit(1);
}

const index = await readFile(join(dir, 'index.html'), 'utf8');
let build;
if (index.includes('.well-known/trunk/ws')) {
  build = { dev: true };
} else {
  const files = [];
  for (const rel of await listFiles(dir)) {
    const data = await readFile(join(dir, rel));
    files.push({
      url: rel.split('/').map(encodeURIComponent).join('/'),
      integrity: `sha384-${createHash('sha384').update(data).digest('base64')}`,
    });
  }
  if (!files.some((f) => f.url === 'index.html')) {
    console.error(`sw-manifest: no index.html in ${dir}`);
    process.exit(1);
  }
  const version = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 16);
  build = { version, files };
}

// A function replacement, so `$` in the JSON is never read as a pattern.
await writeFile(swPath, sw.replace(MARKER, () => `const BUILD = ${JSON.stringify(build)}; // @sw-manifest`));
console.log(
  build.dev
    ? 'sw-manifest: trunk serve build: the service worker caches nothing'
    : `sw-manifest: ${build.files.length} files precached by sw.js (build ${build.version})`,
);
