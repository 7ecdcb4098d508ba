// Shared harness for the end-to-end journeys (tests/e2e/*.test.mjs).
//
//   const app = await launchApp(t);   // static server for dist/ + headless Chromium
//   const page = await app.open('/'); // guarded page: see below
//   ...
//   await app.screenshot(page, 'name'); // -> target/e2e-screenshots/name.png
//   const violations = await runAxe(page); // axe-core accessibility check
//
// Every page opened through the harness fails its test (in an after hook, once
// the test body ends) on any console error, any uncaught page error, or any
// request to an address that is not loopback (such requests are also aborted).
// The browser, its profile dir and the server are cleaned up automatically.
//
// The server: tests/e2e/run.mjs starts one for all journeys and passes its URL in
// E2E_BASE_URL; without it (e.g. `node --test tests/e2e/`) each file starts its own.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = process.env.E2E_DIST || join(ROOT, 'dist');
export const SCREENSHOT_DIR = join(ROOT, 'target', 'e2e-screenshots');
/** Where the page saves the reader's progress (sim::quiz::PROGRESS_STORAGE_KEY). */
export const PROGRESS_KEY = 'retrain-playground.quiz-progress';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/** Answers `req` with `file` (a folder means its index.html), or 404. */
async function sendFile(req, res, file) {
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/** Answers with the file at URL path `path` under `root`; 403 if it escapes `root`. */
async function sendUnder(req, res, root, path) {
  const file = normalize(join(root, decodeURIComponent(path)));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  await sendFile(req, res, file);
}

/**
 * An HTTP server on 127.0.0.1 at a free port that answers with
 * `handle(req, res, pathname)` (500 with the error if it throws).
 */
async function listenLocal(handle) {
  const server = createServer(async (req, res) => {
    try {
      await handle(req, res, new URL(req.url, 'http://127.0.0.1').pathname);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  return server;
}

export function isLoopbackHost(hostname) {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Serves `dir` on 127.0.0.1 at a free port. Resolves to { url, close() }. */
export async function serveStatic(dir = DIST) {
  let html;
  try {
    html = await readFile(join(dir, 'index.html'), 'utf8');
  } catch {
    throw new Error(`${dir}/index.html not found: build first (make build, or trunk build --release)`);
  }
  if (html.includes('.well-known/trunk/ws')) {
    // `trunk serve` leaves its live-reload script (a websocket to a templated
    // address that only Trunk's own server fills in) in dist/index.html.
    throw new Error(`${dir} was built by \`trunk serve\`: rebuild it with make build (trunk build --release)`);
  }
  const root = resolve(dir);
  const server = await listenLocal((req, res, pathname) => sendUnder(req, res, root, pathname));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/**
 * Starts (or reuses) the server and a fresh headless Chromium for test `t`.
 * Everything is closed in `t.after`, which also fails the test on recorded problems.
 * `device`: further browser-context options of a device (deviceScaleFactor,
 * isMobile, hasTouch), e.g. a phone's.
 */
export async function launchApp(t, { viewport = { width: 1280, height: 800 }, guide = false, ...device } = {}) {
  let server = null;
  let baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) {
    server = await serveStatic();
    baseUrl = server.url;
  }

  const profileDir = await mkdtemp(join(tmpdir(), 'retrain-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    ...device,
  });
  context.setDefaultTimeout(15_000);
  // A first visit opens the guide. Journeys about the playground start as a
  // returning reader who chose free play (saved progress says so), unless
  // they ask for a fresh profile's guide ({ guide: true }).
  if (!guide) {
    await context.addInitScript((key) => {
      try {
        if (window.localStorage.getItem(key) === null) {
          window.localStorage.setItem(key, JSON.stringify({
            version: 1, answered: 0, correct: 0, best_test_score: null, tests_taken: 0,
            guide: { chapter: 1, done: 0, playground: true },
          }));
        }
      } catch {
        /* no storage here (about:blank): nothing to set */
      }
    }, PROGRESS_KEY);
  }

  const problems = [];
  const seen = new WeakSet();
  const onConsole = (msg) => {
    if (seen.has(msg)) return;
    seen.add(msg);
    if (msg.type() === 'error') {
      const loc = msg.location();
      problems.push(`console error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  };
  const guardPage = (page) => {
    page.on('console', onConsole);
    page.on('pageerror', (err) => problems.push(`uncaught page error: ${err.stack || err}`));
    page.on('crash', () => problems.push('page crashed'));
    page.on('worker', (worker) => worker.on('console', onConsole));
  };
  context.pages().forEach(guardPage);
  context.on('page', guardPage);

  // Nothing may leave the machine: abort and record every non-loopback request.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* unparsable: treat as external */
    }
    if (isLoopbackHost(host)) return route.continue();
    problems.push(`request to a non-loopback address: ${url}`);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(
    (url) => !isLoopbackHost(url.hostname),
    (ws) => {
      problems.push(`websocket to a non-loopback address: ${ws.url()}`);
      return ws.close();
    },
  );

  t.after(async () => {
    await context.close().catch(() => {});
    await rm(profileDir, { recursive: true, force: true }).catch(() => {});
    if (server) await server.close();
    if (problems.length) {
      throw new Error(`${problems.length} problem(s) in the browser:\n  - ${problems.join('\n  - ')}`);
    }
  });

  return {
    baseUrl,
    context,
    problems,
    /** Opens `path` (relative to the app root) in a guarded page and waits for load. */
    async open(path = '/') {
      const existing = context.pages().find((p) => p.url() === 'about:blank');
      const page = existing ?? (await context.newPage());
      await page.goto(new URL(path, baseUrl).href, { waitUntil: 'load' });
      return page;
    },
    /** Full-page screenshot to target/e2e-screenshots/<name>.png; returns the path. */
    async screenshot(page, name) {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    /** Fails now (instead of at the end) if anything was recorded so far. */
    assertClean() {
      if (problems.length) {
        throw new Error(`${problems.length} problem(s) in the browser:\n  - ${problems.join('\n  - ')}`);
      }
    },
  };
}

/** Polls `locator`'s text until it matches `regex`; returns the match. */
export async function waitForText(locator, regex, { timeout = 15_000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  for (;;) {
    last = await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) });
    const m = last?.match(regex);
    if (m) return m;
    if (Date.now() > deadline) {
      throw new Error(`text ${JSON.stringify(last)} did not match ${regex} within ${timeout} ms`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeCode = null;

/**
 * Runs axe-core in `page` (WCAG 2.x A/AA rules by default) and returns its
 * violations as short strings (empty when the page passes).
 */
export async function runAxe(page, { tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } = {}) {
  // Evaluated through the DevTools protocol, not as a <script> tag: the page's
  // Content-Security-Policy (script-src 'self' + a hash) blocks inline scripts.
  axeCode ??= await readFile(AXE_SOURCE, 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeCode);
  const violations = await page.evaluate(
    async (runOnly) => (await window.axe.run(document, { runOnly })).violations,
    { type: 'tag', values: tags },
  );
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Starts Chromium (as `launchApp`, with its options such as `viewport`), opens
 * `path` and waits for the app's heading, then, unless `settle: false`, for the
 * engine's first answers. Resolves to `{ app, page }`.
 */
export async function openPlayground(t, path = '/', { settle: waitForEngine = true, ...launch } = {}) {
  const app = await launchApp(t, launch);
  const page = await app.open(path);
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  if (waitForEngine) await settle(page);
  return { app, page };
}

/**
 * Waits until the engine (in its Web Worker) has answered every command the page
 * sent, so what the page shows is the result of the last action.
 */
export async function settle(page) {
  await page.locator('.app[data-pending="0"]').waitFor();
}

/**
 * Lets `memoryUse` read the page's wasm memory: remembers it when Trunk's
 * loader announces the started app. Call before opening the page.
 */
export async function trackPageWasm(context) {
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory;
    });
  });
}

/**
 * Everything a run can grow, in bytes: the page's JS heap after a forced
 * garbage collection (`cdp`: a CDP session of `page`), the page's wasm memory
 * (see `trackPageWasm`) and the engine worker's wasm memory (wasm memory never
 * shrinks, so growth there is permanent). A value that cannot be read is 0.
 */
export async function memoryUse(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const pageWasm = await page.evaluate(() => (window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0));
  let workerWasm = 0;
  for (const w of page.workers()) {
    // wasm-bindgen's no-modules glue: once initialised, wasm_bindgen() resolves to the exports.
    const bytes = await w
      .evaluate(async () => (typeof wasm_bindgen === 'function' ? (await wasm_bindgen()).memory.buffer.byteLength : 0))
      .catch(() => 0);
    workerWasm = Math.max(workerWasm, bytes);
  }
  return { js_heap: usedSize, page_wasm: pageWasm, worker_wasm: workerWasm, total: usedSize + pageWasm + workerWasm };
}

/**
 * Serves `dir` under the URL prefix `prefix` (e.g. '/classroom/retrain/') on
 * 127.0.0.1 at a free port, like a static host serving the app from a sub-path
 * (GitHub Pages project sites). Every other path answers 404; the prefix without
 * its trailing slash redirects to it (as static hosts do). Resolves to
 * { url (of the prefix), origin, requests (paths asked for, in order), close() }.
 */
export async function serveUnderPrefix(prefix, dir = DIST) {
  if (!prefix.startsWith('/') || !prefix.endsWith('/')) {
    throw new Error(`serveUnderPrefix: prefix ${JSON.stringify(prefix)} must start and end with '/'`);
  }
  const root = resolve(dir);
  await stat(join(root, 'index.html')).catch(() => {
    throw new Error(`${dir}/index.html not found: build first (make build, or trunk build --release)`);
  });
  const requests = [];
  const server = await listenLocal(async (req, res, pathname) => {
    requests.push(pathname);
    if (pathname === prefix.slice(0, -1)) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found (outside the prefix)');
      return;
    }
    await sendUnder(req, res, root, pathname.slice(prefix.length));
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  let closed = false;
  return {
    url: `${origin}${prefix}`,
    origin,
    requests,
    close: () =>
      closed
        ? Promise.resolve()
        : new Promise((ok) => {
            closed = true;
            server.closeAllConnections?.();
            server.close(() => ok());
          }),
  };
}

/**
 * Waits until a service worker controls `page` (it claims the page once its
 * install, i.e. the precache, is done); reloads once if it has not after
 * `timeout` ms. Resolves to the controlling worker's script URL and scope.
 */
export async function waitForServiceWorker(page, { timeout = 10_000 } = {}) {
  const controlled = () =>
    page
      .waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout })
      .then(() => true, () => false);
  // Bounded: a service worker whose install fails never becomes ready.
  await page.evaluate(
    (ms) =>
      Promise.race([
        navigator.serviceWorker.ready.then(() => undefined),
        new Promise((_, reject) => setTimeout(() => reject(new Error('the service worker never became ready')), ms)),
      ]),
    timeout,
  );
  if (!(await controlled())) {
    await page.reload({ waitUntil: 'load' });
    if (!(await controlled())) throw new Error(`no service worker controls ${page.url()} after a reload`);
  }
  return page.evaluate(async () => ({
    script: navigator.serviceWorker.controller.scriptURL,
    scope: (await navigator.serviceWorker.ready).scope,
  }));
}

/**
 * A real-data file that cannot be fetched (each of `answers`: a route handler and
 * the words the notice must say) is said in words, as an alert, and leaves the run
 * on screen as it was: the same cycle and address. `unchanged(page)` checks what
 * else a journey keeps (its data set's panel, the table).
 */
export async function failedFetchesKeepTheRun(app, page, { file, button, dataName, answers, unchanged }) {
  const before = { cycle: await page.getByTestId('cycle').textContent(), url: page.url() };
  for (const [answer, says] of answers) {
    await app.context.route(`**${file}`, answer);
    await page.getByRole('button', { name: button }).click();
    await waitForText(page.getByTestId('notice'), says);
    const notice = page.getByTestId('notice');
    assert.equal(await notice.getAttribute('role'), 'alert');
    assert.match(await notice.textContent(), new RegExp(`The ${dataName} could not be fetched: .*The run on screen is unchanged\\.`));
    await settle(page);
    assert.equal(await page.getByTestId('cycle').textContent(), before.cycle);
    assert.equal(page.url(), before.url, 'the address still names the run on screen');
    await unchanged(page);
    await app.context.unroute(`**${file}`);
  }
  return before;
}
