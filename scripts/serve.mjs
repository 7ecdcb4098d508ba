// The bench's static server (scripts/bench.mjs, scripts/lighthouse.mjs).
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MIME } from '../tests/e2e/harness.mjs';

// Static server with a request log. It answers as a real web host does: text, JS and
// wasm gzip-compressed when the browser accepts it (level 9, as a host that stores
// precompressed files), with an ETag and `cache-control: no-cache` (revalidate before
// reuse). Without compression the slow-line figures would mean nothing.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.csv']);
export async function serve(dir) {
  const root = resolve(dir);
  const state = { requests: [] };
  const cache = new Map(); // file -> { body, gz, etag, mtime }
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://127.0.0.1');
      let file = normalize(join(root, decodeURIComponent(pathname)));
      if (file !== root && !file.startsWith(root + sep)) return res.writeHead(403).end();
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return res.writeHead(404).end('not found');
      let entry = cache.get(file);
      if (!entry || entry.mtime !== info.mtimeMs) {
        const body = await readFile(file);
        const gz = COMPRESSIBLE.has(extname(file)) ? gzipSync(body, { level: 9 }) : null;
        entry = { body, gz, etag: `"${createHash('sha1').update(body).digest('hex')}"`, mtime: info.mtimeMs };
        cache.set(file, entry);
      }
      const name = file.slice(root.length + 1);
      const headers = {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        etag: entry.etag,
        vary: 'accept-encoding',
      };
      if (req.headers['if-none-match'] === entry.etag) {
        state.requests.push({ name, bytes: 0, raw: entry.body.length, t: Date.now(), status: 304 });
        return res.writeHead(304, headers).end();
      }
      const gzip = entry.gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gzip ? entry.gz : entry.body;
      if (gzip) headers['content-encoding'] = 'gzip';
      headers['content-length'] = body.length;
      state.requests.push({ name, bytes: body.length, raw: entry.body.length, t: Date.now(), status: 200 });
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    state,
    close: () => new Promise((ok) => (server.closeAllConnections?.(), server.close(() => ok()))),
  };
}

