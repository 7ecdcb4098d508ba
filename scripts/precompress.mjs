#!/usr/bin/env node
// Writes a Brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every
// compressible file of a built site, for hosts that serve precompressed files
// instead of compressing on each request:
//   - nginx: `gzip_static on;` and, with the ngx_brotli module, `brotli_static on;`
//   - Caddy: `file_server { precompressed br gzip }`
//   - Apache: mod_rewrite rules that map `Accept-Encoding: br` to the `.br` file
//   - any CDN in front of those (the host must send `Content-Encoding` and `Vary`).
// Hosts that compress on the fly (GitHub Pages, Netlify, Cloudflare Pages) ignore
// these files; they do no harm there (the service worker never precaches them).
//
//   node scripts/precompress.mjs DIST
//
// Prints each file's raw, gzip and Brotli size. Files whose copy would not be
// smaller than the original (tiny files) get none.
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.csv', '.md']);

/** gzip -9 and Brotli quality 11 (the largest window) of `buf`. */
export function compressions(buf) {
  return {
    gzip: gzipSync(buf, { level: 9 }),
    br: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }),
  };
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

function main(dist) {
  if (!dist || !existsSync(dist)) {
    console.error('usage: node scripts/precompress.mjs DIST (a built site folder)');
    process.exit(2);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
  let done = 0;
  for (const path of [...files(dist)]) {
    const ext = extname(path);
    if (ext === '.br' || ext === '.gz') continue;
    // Copies of an earlier run whose original is gone or changed are rewritten below.
    if (!COMPRESSIBLE.has(ext)) continue;
    const buf = readFileSync(path);
    const { gzip, br } = compressions(buf);
    for (const [suffix, body] of [['.gz', gzip], ['.br', br]]) {
      if (body.length < buf.length) writeFileSync(path + suffix, body);
      else if (existsSync(path + suffix)) unlinkSync(path + suffix);
    }
    console.log(`${relative(dist, path).padEnd(48)} ${kb(buf.length)} raw ${kb(gzip.length)} gzip ${kb(br.length)} br`);
    done++;
  }
  console.log(`precompress: ${done} files in ${dist} have .gz and .br copies beside them`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main(process.argv[2]);
}
