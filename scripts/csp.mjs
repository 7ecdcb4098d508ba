#!/usr/bin/env node
// Trunk post_build hook (see Trunk.toml; runs before sw-manifest.mjs, which then
// hashes the final index.html): adds a Content-Security-Policy to index.html.
//
// The policy: only this origin, no third parties; no inline script except the
// module loader Trunk writes and index.html's one-line presenter-view check
// (each allowed by its SHA-256, computed here because the loader names this
// build's hashed files); 'wasm-unsafe-eval' for WebAssembly (no
// eval otherwise); the engine's worker starts from a blob: URL (yew-agent), so
// worker-src allows blob:; styles only from this origin and the inlined stylesheet (by its hash).
//
// Under `trunk serve` (index.html then holds Trunk's live-reload script, which
// needs a websocket) it leaves index.html alone: the policy is for real builds.
//
// By hand: node scripts/csp.mjs [dist-dir]
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp: no folder (run by Trunk, or: node scripts/csp.mjs dist)');
  process.exit(2);
}
const file = join(dir, 'index.html');
let html = await readFile(file, 'utf8');
if (html.includes('.well-known/trunk/ws')) {
  console.log('csp: development build (live reload): no policy added');
  process.exit(0);
}
html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
const hashes = [];
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
for (const m of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(sha256(m[1]));
}
// The stylesheet is inlined (index.html, so the first paint needs no second
// request): allowed by its hash, as the loader script is.
const styleHashes = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  `style-src 'self' ${styleHashes.join(' ')}`.trim(),
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
html = html.replace(
  /(<meta charset="utf-8"\s*\/?>)/i,
  `$1\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
);
if (!html.includes('Content-Security-Policy')) {
  console.error('csp: could not find <meta charset> in index.html');
  process.exit(1);
}
await writeFile(file, html);
console.log(`csp: policy added (${hashes.length} inline script hash${hashes.length === 1 ? '' : 'es'}, ${styleHashes.length} inline style hash${styleHashes.length === 1 ? '' : 'es'})`);
