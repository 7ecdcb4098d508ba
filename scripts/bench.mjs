#!/usr/bin/env node
// Browser half of `make bench`, and the report.
//
//   node scripts/bench.mjs browser DIST OUT.json   measure the release build DIST in headless Chromium
//   node scripts/bench.mjs load DIST OUT.json      only its loads, slow line and fps (e.g. to
//        measure an older build: benches/before-issue-14.json was measured so)
//   node scripts/bench.mjs budget DIST              the built files' sizes (gzip, Brotli) against
//        benches/budget.json; exits 1 and names each file over its budget
//   node scripts/bench.mjs report DIR [BENCHMARKS.md]
//        DIR holds criterion.txt (cargo bench output), native.jsonl (examples/export_window),
//        sklearn.jsonl (scripts/bench_sklearn.py), browser.json; prints ONE table and
//        writes it, dated, to BENCHMARKS.md.
//
// Browser method (same Chromium and args as tests/e2e/harness.mjs, fresh profile per run,
// served on 127.0.0.1 by a tiny server here that logs every request):
//   - bytes: every file the page requested; raw = file size (what crossed the wire: the
//     server does not compress), gzip = gzip -9 of the same file. "First load" = the HTML,
//     CSS, page JS and page wasm (and the small register-sw script); "everything" adds the
//     worker JS + wasm and sw.js (unique files; the service worker's precache re-fetches
//     some of them, counted once).
//   - load: navigation start -> load event; first interactive: -> the <h1> is visible AND
//     .app[data-pending="0"] with the run summary shown (MutationObserver, so no polling lag).
//   - fit-only time in the worker: the page's "Measure training time" button (see 2b).
//   - per-cycle time in the worker: the engine round trip of
//     one "Finish cycle" click (page -> worker: draw batch, score, TRAIN, score, decide ->
//     snapshot back; data-pending 1 -> 0), on links ?batch=..&window=.. that make the
//     training window 1k / 5k / 10k / 100k rows (30 % of each batch is held out).
//   - fps / long tasks: Speed = Full speed, Play, 10 s of requestAnimationFrame counting and a
//     PerformanceObserver('longtask') on the main thread, 10k-row window (?batch=14286).
//   - memory: Full-speed autoplay with the default settings for 1,000 cycles; at checkpoints
//     the run is paused, the page's JS heap garbage-collected (CDP HeapProfiler.collectGarbage)
//     and read (CDP Runtime.getHeapUsage), with the page's wasm memory (the exports Trunk
//     hands to TrunkApplicationStarted) and the worker's wasm memory (the exports
//     wasm_bindgen() resolves to inside the worker): tests/e2e/harness.mjs memoryUse, the
//     soak test's reading too.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compressions } from './precompress.mjs';
import { serve } from './serve.mjs';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, MIME, memoryUse, trackPageWasm } from '../tests/e2e/harness.mjs';


const ROOT_DIR = resolve(fileURLToPath(import.meta.url), '..', '..');
const log = (...a) => console.error('bench:', ...a);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

// The static server (gzip like a real host, with a request log): scripts/serve.mjs.

async function launch({ serviceWorkers = 'allow' } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'retrain-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    serviceWorkers,
  });
  context.setDefaultTimeout(120_000);
  // Page-side probe: first-interactive time.
  await context.addInitScript(() => {
    window.__bench = { interactive: null, fcp: null, chapter: null };
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') window.__bench.fcp = e.startTime;
    }).observe({ type: 'paint', buffered: true });
    // A first visit's first screen is chapter 1: when its text was first painted (the
    // first largest-contentful-paint candidate inside the chapter).
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (window.__bench.chapter === null && e.element?.closest?.('section.guide')) window.__bench.chapter = e.startTime;
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    const check = () => {
      if (window.__bench.interactive !== null) return;
      const h1 = document.querySelector('h1');
      const app = document.querySelector('.app[data-pending="0"]');
      const cycle = document.querySelector('[data-testid="cycle"]');
      if (h1 && app && cycle && h1.getBoundingClientRect().height > 0 && getComputedStyle(h1).visibility !== 'hidden') {
        window.__bench.interactive = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  });
  const errors = [];
  context.on('page', (p) => p.on('pageerror', (e) => errors.push(String(e))));
  return {
    context,
    errors,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function openReady(context, url) {
  const page = await context.newPage();
  // register-sw.js reads `registration.active`; with service workers blocked (Playwright's
  // serviceWorkers: 'block', used for all but the load runs) register() resolves to
  // undefined, so that one error is an artefact of the blocking and is not shown.
  page.on('pageerror', (e) => /reading 'active'/.test(String(e)) || log('page error:', String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.interactive !== null, null, { polling: 50 });
  return page;
}

const ready = (page) => page.waitForSelector('.app[data-pending="0"]', { state: 'attached' });
const cycleOf = (page) => page.$eval('[data-testid="cycle"]', (e) => Number(e.textContent.trim()));

// One "Finish cycle" click, timed in the page from the click to data-pending back at 0.
// Frames are counted from the click until 250 ms after the answer (so the redraw is in):
// the longest gap between two animation frames says whether the page dropped below 30 fps.
async function timedFinishCycleFrames(page) {
  await ready(page);
  return page.evaluate(
    () =>
      new Promise((res) => {
        const app = document.querySelector('.app');
        const btn = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Finish cycle');
        let sawBusy = false;
        let ms = null;
        let last = performance.now();
        let maxGap = 0;
        let frames = 0;
        let on = true;
        const tick = (now) => {
          if (!on) return;
          maxGap = Math.max(maxGap, now - last);
          last = now;
          frames++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame((now) => {
          last = now;
          requestAnimationFrame(tick);
        });
        const t0 = performance.now();
        // The click's own answer: the first time data-pending is back at 0. The page may
        // ask for more right after (the visual quiz of the new cycle), in the same batch
        // of mutations, so every value the attribute took is read (each record's old
        // value is the value before it), not only the last.
        const mo = new MutationObserver((recs) => {
          const values = recs.slice(1).map((r) => r.oldValue).concat([app.dataset.pending]);
          for (const v of values) {
            if (v !== '0') sawBusy = true;
            else if (sawBusy) {
              mo.disconnect();
              ms = performance.now() - t0;
              setTimeout(() => {
                on = false;
                res({ ms, max_gap_ms: maxGap, frames });
              }, 250);
              return;
            }
          }
        });
        mo.observe(app, { attributes: true, attributeFilter: ['data-pending'], attributeOldValue: true });
        btn.click();
      }),
  );
}
const timedFinishCycle = async (page) => (await timedFinishCycleFrames(page)).ms;

// Speed = Full speed, Play, 10 s of requestAnimationFrame counting and a
// PerformanceObserver('longtask') on the main thread, 10k-row window, the page's CPU
// slowed `cpuRate` times (1 = not slowed).
async function playFps(srv, cpuRate) {
  const b = await launch({ serviceWorkers: 'block' });
  const page = await openReady(b.context, `${srv.url}?batch=14286&window=newest`);
  if (cpuRate !== 1) {
    const cdp = await b.context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
  }
  await page.selectOption('#speed', 'full');
  const c0 = await cycleOf(page);
  await page.evaluate(() => {
    const s = (window.__play = { frames: 0, longtasks: [], gaps: [], last: 0, t0: 0, t1: 0, on: true });
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) if (s.on) s.longtasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
    const tick = (now) => {
      if (!s.on) return;
      if (s.last) s.gaps.push(now - s.last);
      s.last = now;
      s.frames++;
      requestAnimationFrame(tick);
    };
    s.t0 = performance.now();
    requestAnimationFrame(tick);
    // Pressed from the page itself: Playwright's click runs its own injected
    // script first (checks, scrolling, hit tests), ~200 ms at CPU/4, which was
    // counted as the app's long task and worst frame.
    [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Play').click();
  });
  await page.waitForTimeout(10_000);
  const r = await page.evaluate(() => {
    const s = window.__play;
    s.on = false;
    s.t1 = performance.now();
    return { frames: s.frames, seconds: (s.t1 - s.t0) / 1000, longtasks: s.longtasks, worst_frame_ms: Math.round(Math.max(0, ...s.gaps)) };
  });
  const c1 = await cycleOf(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  const play = { ...r, cpu_rate: cpuRate, fps: r.frames / r.seconds, cycles: c1 - c0, cycles_per_s: (c1 - c0) / r.seconds };
  log(`play (CPU /${cpuRate}): ${play.fps.toFixed(1)} fps, ${r.longtasks.length} long tasks, worst frame ${r.worst_frame_ms} ms, ${play.cycles_per_s.toFixed(1)} cycles/s`);
  await b.close();
  return play;
}

// ---------------------------------------------------------------------------------------
async function measureBrowser(dist, { loadOnly = false } = {}) {
  const srv = await serve(dist);
  const out = { chromium: '', loadavg: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '), load: [], bytes: null, cycles: [], fits: [], play: null, memory: null };
  try {
    out.chromium = execFileSync(CHROMIUM, ['--version']).toString().trim();

    // 1. Cold loads (fresh profile each), request log -> bytes.
    for (let run = 0; run < 3; run++) {
      srv.state.requests = [];
      const b = await launch();
      const page = await openReady(b.context, srv.url);
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return { load_ms: nav.loadEventEnd, interactive_ms: window.__bench.interactive, fcp_ms: window.__bench.fcp };
      });
      const firstLoadNames = srv.state.requests.map((r) => r.name);
      await page.waitForTimeout(3000); // worker + service worker precache
      out.load.push({ ...t, first: [...new Set(firstLoadNames)], all: [...new Set(srv.state.requests.map((r) => r.name))], wire_bytes: srv.state.requests.reduce((s, r) => s + r.bytes, 0) });
      log(`load run ${run + 1}: first paint ${t.fcp_ms?.toFixed(0)} ms, load ${t.load_ms.toFixed(0)} ms, interactive ${t.interactive_ms.toFixed(0)} ms`);
      await b.close();
    }
    // Not the page's own first load: the worker's files, the service worker, and the other
    // chapters' first screens (precached by the service worker; fetched for a chapter link).
    const isExtra = (n) => /^worker/.test(n) || n === 'sw.js' || n === 'chapters.html';
    const size = (names) => {
      let raw = 0;
      let gz = 0;
      for (const n of names) {
        const buf = readFileSync(join(dist, n));
        raw += buf.length;
        gz += gzipSync(buf, { level: 9 }).length;
      }
      return { raw, gzip: gz, files: names };
    };
    const all = out.load[0].all;
    out.bytes = {
      first: size(all.filter((n) => !isExtra(n))),
      everything: size(all),
      wire_bytes_incl_precache: out.load[0].wire_bytes,
    };

    // 1a. First contentful paint with the browser already running (as a reader's is):
    //     one Chromium, warmed up on one load, then 5 loads each in a fresh context (empty
    //     cache, no service worker yet). A cold browser start adds ~100 ms of Chromium's own
    //     start-up to whatever page it opens (a one-line HTML page paints at ~120 ms here).
    {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      const fcpOf = async () => {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await ctx.newPage();
        await page.goto(srv.url);
        const fcp = await page.evaluate(
          () =>
            new Promise((ok) => {
              new PerformanceObserver((l) => {
                const e = l.getEntries().find((x) => x.name === 'first-contentful-paint');
                if (e) ok(e.startTime);
              }).observe({ type: 'paint', buffered: true });
            }),
        );
        await page.waitForTimeout(300);
        await ctx.close();
        return fcp;
      };
      await fcpOf();
      out.paint = [];
      for (let i = 0; i < 5; i++) out.paint.push(await fcpOf());
      log(`first contentful paint, warm browser: ${out.paint.map((x) => x.toFixed(0)).join(', ')} ms`);
      await browser.close();
    }

    // 1b. An emulated slow line (DevTools Protocol Network.emulateNetworkConditions:
    //     1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, Lighthouse's "slow 4G"), three
    //     cold loads: first contentful paint, and the Step button working (the worker has
    //     answered: the same probe as "first interactive").
    out.slow_line = [];
    for (let run = 0; run < 3; run++) {
      const b = await launch();
      const page = await b.context.newPage();
      const cdp = await b.context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
      srv.state.requests = [];
      await page.goto(srv.url);
      await page.waitForFunction(() => window.__bench?.interactive !== null, null, { polling: 50, timeout: 60_000 });
      const t = await page.evaluate(() => ({ fcp_ms: window.__bench.fcp, chapter_ms: window.__bench.chapter, step_ms: window.__bench.interactive }));
      out.slow_line.push({ ...t, wire_bytes: srv.state.requests.reduce((a, r) => a + r.bytes, 0) });
      log(`slow line run ${run + 1}: first paint ${t.fcp_ms?.toFixed(0)} ms, chapter 1's text ${t.chapter_ms?.toFixed(0)} ms, Run working ${t.step_ms.toFixed(0)} ms`);
      await b.close();
    }

    if (loadOnly) {
      out.play = await playFps(srv, 1);
      out.play_cpu4 = await playFps(srv, 4);
      return out;
    }

    // 2. Cycle round trips at 1k / 5k / 10k / 100k training rows, both models. Like
    //    benches/cycle.rs: 9 cycles first, then the 10th (the same cycle, same seed and data
    //    as criterion measures) is timed; each sample is a fresh page load.
    const cases = [
      { rows: 1000, q: 'batch=1429&window=newest', reps: 5 },
      { rows: 5000, q: 'batch=7143&window=newest', reps: 5 },
      { rows: 10000, q: 'batch=14286&window=newest', reps: 5 },
      { rows: 100000, q: 'batch=14286&window=all', reps: 3 },
    ];
    const WARM_UP_CYCLES = 9;
    const b = await launch({ serviceWorkers: 'block' });
    for (const model of ['logistic', 'tree']) {
      for (const c of cases) {
        const times = [];
        const gaps = [];
        let cycle = 0;
        for (let r = 0; r < c.reps; r++) {
          const page = await openReady(b.context, `${srv.url}?${c.q}&model=${model}`);
          for (let i = 0; i < WARM_UP_CYCLES; i++) await timedFinishCycle(page);
          const f = await timedFinishCycleFrames(page);
          times.push(f.ms);
          gaps.push(f.max_gap_ms);
          cycle = await cycleOf(page);
          await page.close();
        }
        out.cycles.push({ model, rows: c.rows, query: c.q, ms: median(times), samples: times, max_gap_ms: Math.max(...gaps), gaps, at_cycle: cycle });
        log(`cycle ${cycle}, ${model}, ${c.rows} rows: median ${median(times).toFixed(1)} ms (${times.map((x) => x.toFixed(0)).join(', ')})`);
      }
    }
    await b.close();

    // 2b. Fit only, inside the worker: the page's "Measure training time" button sends
    //     Command::MeasureTraining([1k, 5k, 10k, 100k]); the engine fits each model on the
    //     same windows export_window writes (seed 42, cycle 0, no drift, noise 0.05), one
    //     untimed fit then the median of 7 (3 at 100k) timed with performance.now() in the
    //     worker. Three fresh page loads; the median of their medians is reported.
    {
      const b = await launch({ serviceWorkers: 'block' });
      const samples = [];
      for (let r = 0; r < 3; r++) {
        const page = await openReady(b.context, srv.url);
        await page.getByRole('button', { name: 'Measure training time' }).click();
        await page.locator('[data-testid="training-time-table"] tr[data-rows="100000"]').waitFor({ timeout: 120_000 });
        samples.push(
          await page.$$eval('[data-testid="training-time-table"] tbody tr', (trs) =>
            trs.map((tr) => ({
              rows: Number(tr.dataset.rows),
              logistic_ms: Number(tr.querySelector('[data-model="logistic"]').textContent),
              tree_ms: Number(tr.querySelector('[data-model="tree"]').textContent),
              logistic_estimate_ms: Number(tr.querySelector('[data-model="logistic-estimate"]')?.textContent ?? NaN),
              tree_estimate_ms: Number(tr.querySelector('[data-model="tree-estimate"]')?.textContent ?? NaN),
            })),
          ),
        );
        await page.close();
      }
      for (const row of samples[0]) {
        const cell = (k) => median(samples.map((s) => s.find((x) => x.rows === row.rows)?.[k]).filter((v) => v != null));
        out.fits.push({ rows: row.rows, logistic_ms: cell('logistic_ms'), tree_ms: cell('tree_ms'), logistic_estimate_ms: cell('logistic_estimate_ms'), tree_estimate_ms: cell('tree_estimate_ms'), samples: samples.map((s) => s.find((x) => x.rows === row.rows)) });
        log(`worker fit ${row.rows} rows: logistic ${cell('logistic_ms')} ms, tree ${cell('tree_ms')} ms`);
      }
      await b.close();
    }

    // 3. fps and long tasks while playing at full speed with a 10k-row window, at this
    //    machine's speed and with the page's CPU slowed 4x (Emulation.setCPUThrottlingRate,
    //    Lighthouse's mobile rate: a classroom laptop).
    out.play = await playFps(srv, 1);
    out.play_cpu4 = await playFps(srv, 4);

    // 4. Memory over 1,000 cycles of full-speed autoplay (default settings).
    {
      const b = await launch({ serviceWorkers: 'block' });
      await trackPageWasm(b.context);
      const page = await openReady(b.context, srv.url);
      const cdp = await b.context.newCDPSession(page);
      await page.selectOption('#speed', 'full');
      const sample = async () => {
        await ready(page);
        return { cycle: await cycleOf(page), ...(await memoryUse(page, cdp)) };
      };
      const samples = [await sample()];
      const checkpoints = [100, 250, 500, 750, 1000];
      const t0 = Date.now();
      for (const cp of checkpoints) {
        await page.getByRole('button', { name: 'Play' }).click();
        while ((await cycleOf(page)) < cp) {
          if (Date.now() - t0 > 240_000) throw new Error(`memory run: cycle ${await cycleOf(page)} after 240 s`);
          await page.waitForTimeout(100);
        }
        await page.getByRole('button', { name: 'Pause' }).click();
        const s = await sample();
        samples.push(s);
        log(`memory @ cycle ${s.cycle}: JS heap ${(s.js_heap / 1048576).toFixed(2)} MB, page wasm ${(s.page_wasm / 1048576).toFixed(2)} MB, worker wasm ${(s.worker_wasm / 1048576).toFixed(2)} MB`);
      }
      out.memory = { samples, seconds: (Date.now() - t0) / 1000 };
      await b.close();
    }
  } finally {
    await srv.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Report.
function parseCriterion(text) {
  const unit = { ns: 1e-6, 'µs': 1e-3, us: 1e-3, ms: 1, s: 1e3 };
  const res = {};
  const re = /finish_cycle\/(\w+)\/(\d+k) rows\s*\n?\s*time:\s*\[\s*([\d.]+)\s*(ns|µs|us|ms|s)\s+([\d.]+)\s*(ns|µs|us|ms|s)\s+([\d.]+)\s*(ns|µs|us|ms|s)\s*\]/g;
  for (const m of text.matchAll(re)) {
    const rows = Number(m[2].replace('k', '')) * 1000;
    res[`${m[1]}/${rows}`] = Number(m[5]) * unit[m[6]];
  }
  return res;
}
const readJsonl = (f) =>
  existsSync(f)
    ? readFileSync(f, 'utf8')
        .split('\n')
        .filter((l) => l.trim().startsWith('{'))
        .map((l) => JSON.parse(l))
    : [];

function report(dir, mdPath) {
  const crit = parseCriterion(existsSync(join(dir, 'criterion.txt')) ? readFileSync(join(dir, 'criterion.txt'), 'utf8') : '');
  const native = readJsonl(join(dir, 'native.jsonl'));
  const sk = readJsonl(join(dir, 'sklearn.jsonl'));
  const br = existsSync(join(dir, 'browser.json')) ? JSON.parse(readFileSync(join(dir, 'browser.json'), 'utf8')) : null;
  const fmt = (v, d = 1) => (v == null || Number.isNaN(v) ? 'n/a' : v.toFixed(d));
  const ratio = (a, b) => (a == null || b == null || !b ? 'n/a' : `${(a / b).toFixed(2)}×`);
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  const mb = (b) => (b == null ? 'n/a' : `${(b / 1048576).toFixed(2)} MB`);
  const rows = [];
  const row = (metric, worker, nat, skl, rat, target, verdict) => rows.push([metric, worker, nat, skl, rat, target, verdict]);
  const rk = (n) => (n >= 1000 ? `${n / 1000}k` : String(n));
  const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

  // Sizes, paint, load. `before` is the same measurement of the build before issue 14
  // (benches/before-issue-14.json, measured with `node scripts/bench.mjs load`), shown
  // beside today's figure.
  const beforeFile = join(ROOT_DIR, 'benches', 'before-issue-14.json');
  const before = existsSync(beforeFile) ? JSON.parse(readFileSync(beforeFile, 'utf8')) : null;
  const was = (text) => (before ? `before: ${text}` : '');
  const med = (xs, k) => median((xs ?? []).map((x) => x[k]).filter((v) => v != null));
  if (br) {
    const f = br.bytes.first;
    const e = br.bytes.everything;
    row('First load (HTML+CSS+JS+page wasm), raw / gzip -9', `${kb(f.raw)} / ${kb(f.gzip)}`, '', '', [`${(f.gzip / (115 * 1024)).toFixed(2)}× TF Playground (115 KB gz)`, before && was(kb(before.bytes.first.gzip))].filter(Boolean).join('; '), '≤ 220 KB gz', verdict(f.gzip <= 220 * 1024));
    row('Everything (+ worker JS+wasm, sw.js), raw / gzip -9', `${kb(e.raw)} / ${kb(e.gzip)}`, '', '', [`${(e.gzip / (115 * 1024)).toFixed(2)}× TF Playground`, before && was(kb(before.bytes.everything.gzip))].filter(Boolean).join('; '), '≤ 500 KB gz', verdict(e.gzip <= 500 * 1024));
    if (br.paint?.length) {
      const fcp = median(br.paint);
      row('First contentful paint, loopback, browser running (median of 5 loads)', `${fmt(fcp, 0)} ms (${br.paint.map((x) => x.toFixed(0)).join(', ')})`, '', '', was(`${fmt(median(before?.paint ?? []), 0)} ms`), '≤ 150 ms', verdict(fcp <= 150));
    }
    const coldFcp = med(br.load, 'fcp_ms');
    row('First contentful paint, loopback, cold browser start (median of 3)', `${fmt(coldFcp, 0)} ms`, '', '', was(`${fmt(med(before?.load, 'fcp_ms'), 0)} ms`), '', '');
    row('Time to load event (median of 3 cold loads)', `${fmt(median(br.load.map((l) => l.load_ms)), 0)} ms`, '', '', was(`${fmt(med(before?.load, 'load_ms'), 0)} ms`), '', '');
    row('Time to first interactive (h1 + data-pending=0)', `${fmt(median(br.load.map((l) => l.interactive_ms)), 0)} ms`, '', '', was(`${fmt(med(before?.load, 'interactive_ms'), 0)} ms`), '', '');
    if (br.slow_line?.length) {
      const sfcp = med(br.slow_line, 'fcp_ms');
      const sstep = med(br.slow_line, 'step_ms');
      const tf = 'TF Playground: 0.8 s / 1.3 s';
      row('Slow line (1.6 Mbit/s, 150 ms RTT, gzip), a first visit: first contentful paint (median of 3)', `${fmt(sfcp / 1000, 2)} s`, '', '', [was(`${fmt(med(before?.slow_line, 'fcp_ms') / 1000, 2)} s`), tf].filter(Boolean).join('; '), '≤ 0.6 s', verdict(sfcp <= 600));
      const schapter = med(br.slow_line, 'chapter_ms');
      if (Number.isFinite(schapter)) {
        row("  chapter 1's text painted (its first largest-contentful-paint candidate)", `${fmt(schapter / 1000, 2)} s`, '', '', was(`${fmt(med(before?.slow_line, 'chapter_ms') / 1000, 2)} s`), '≤ 0.6 s', verdict(schapter <= 600));
      }
      row('  Run / Step working (the worker answered)', `${fmt(sstep / 1000, 2)} s`, '', '', was(`${fmt(med(before?.slow_line, 'step_ms') / 1000, 2)} s`), '≤ 2.4 s', verdict(sstep <= 2400));
    }
  }
  // Full cycle: worker round trip vs native criterion.
  for (const model of ['logistic', 'tree']) {
    for (const n of [1000, 5000, 10000, 100000]) {
      const w = br?.cycles.find((c) => c.model === model && c.rows === n)?.ms;
      const c = crit[`${model}/${n}`];
      if (w == null && c == null) continue;
      row(`Full cycle, ${model}, ${rk(n)}-row window (worker: UI round trip)`, w == null ? 'n/a' : `${fmt(w)} ms`, c == null ? 'not benched' : `${fmt(c, 2)} ms`, '', c == null ? '' : `worker/native ${ratio(w, c)}`, '', '');
    }
  }
  // Frames during a 100k-row cycle.
  for (const model of ['logistic', 'tree']) {
    const c = br?.cycles.find((x) => x.model === model && x.rows === 100000);
    if (c?.max_gap_ms == null) continue;
    row(
      `One cycle, ${model}, 100k-row window: longest gap between frames`,
      `${fmt(c.max_gap_ms)} ms (cycle ${fmt(c.ms, 0)} ms; ${c.gaps.map((g) => g.toFixed(0)).join(', ')} ms over ${c.gaps.length} runs)`,
      '',
      '',
      `= ${fmt(1000 / c.max_gap_ms, 0)} fps at worst`,
      '≥ 30 fps (no gap > 33.3 ms)',
      verdict(c.max_gap_ms <= 1000 / 30),
    );
  }
  // Estimating accuracy without labels (issue 27): in the worker, per batch, at 10k rows.
  for (const model of ['logistic', 'tree']) {
    const f = br?.fits?.find((x) => x.rows === 10000);
    const v = f?.[`${model}_estimate_ms`];
    if (v == null || Number.isNaN(v)) continue;
    row(
      `Estimated accuracy of one batch without labels, ${model === 'logistic' ? 'logistic regression' : 'decision tree'}, 10k rows (worker)`,
      `${fmt(v, 2)} ms`,
      '',
      '',
      '',
      '< 1 ms',
      verdict(v < 1),
    );
  }
  // Fit only: native linfa vs sklearn on the same exported windows.
  for (const model of ['logistic', 'tree']) {
    for (const nat of native) {
      const s = sk.find((x) => x.rows === nat.rows);
      const key = `${model}_ms`;
      const w = br?.fits?.find((x) => x.rows === nat.rows)?.[key];
      row(
        `Fit only, ${model === 'logistic' ? 'LogisticRegression' : 'DecisionTree d6'}, ${rk(nat.rows)} rows (same data)`,
        w == null ? 'n/a' : `${fmt(w, 2)} ms`,
        `${fmt(nat[key], 2)} ms`,
        s ? `${fmt(s[key], 2)} ms` : 'n/a',
        `worker/sklearn ${ratio(w, s?.[key])}, native/sklearn ${ratio(nat[key], s?.[key])}`,
        '',
        '',
      );
    }
  }
  // The 5k logistic target.
  {
    const s5 = sk.find((x) => x.rows === 5000)?.logistic_ms;
    const n5 = native.find((x) => x.rows === 5000)?.logistic_ms;
    const w5 = br?.fits?.find((x) => x.rows === 5000)?.logistic_ms;
    row(
      'Logistic retrain, 5k rows, in the worker vs sklearn fit',
      w5 == null ? 'n/a' : `${fmt(w5, 2)} ms`,
      `${fmt(n5, 2)} ms`,
      `${fmt(s5, 2)} ms`,
      `worker/sklearn ${ratio(w5, s5)}`,
      '≤ sklearn fit',
      w5 == null || s5 == null ? 'n/a' : verdict(w5 <= s5),
    );
  }
  // Where L-BFGS starts a retrain (examples/warm_start.rs, native, worker profile).
  for (const w of readJsonl(join(dir, 'warm_start.jsonl'))) {
    const zero = readJsonl(join(dir, 'warm_start.jsonl')).find((z) => z.start === 'Zero' && z.kind === w.kind && z.pattern === w.pattern);
    if (w.start === 'Zero') continue;
    row(
      `Retrain start ${w.start}${w.used ? ' (the app\'s)' : ''} vs zero, logistic, ${rk(w.rows)} rows, ${w.kind.toLowerCase()} drift ${w.pattern.toLowerCase()}, ${w.fits} cycles`,
      '',
      `${fmt(w.median_ms, 2)} ms median, ${fmt(w.max_ms, 2)} ms max (zero: ${fmt(zero?.median_ms, 2)} / ${fmt(zero?.max_ms, 2)})`,
      '',
      `${ratio(zero?.total_ms, w.total_ms)} faster in total; max ${(100 * w.max_disagreement).toFixed(2)} % predictions differ`,
      w.used ? 'faster, same decision' : '',
      w.used ? verdict(zero != null && w.total_ms < zero.total_ms && w.max_disagreement <= 0.001) : '',
    );
  }
  for (const [p, b4, label] of [
    [br?.play, before?.play, 'Main thread while playing, Full speed, 10k window, 10 s: fps'],
    [br?.play_cpu4, before?.play_cpu4, 'Same, page CPU slowed 4× (Emulation.setCPUThrottlingRate 4): fps'],
  ]) {
    if (!p) continue;
    const peer = p.cpu_rate === 4 ? 'TF Playground ×4: 19 fps' : `${(p.fps / 29.5).toFixed(2)}× TF Playground (29.5 fps)`;
    row(label, `${fmt(p.fps)} fps (${fmt(p.cycles_per_s)} cycles/s, worst frame ${p.worst_frame_ms ?? 'n/a'} ms)`, '', '', [peer, b4 && was(`${fmt(b4.fps)} fps, worst frame ${b4.worst_frame_ms} ms`)].filter(Boolean).join('; '), '≥ 55 fps', verdict(p.fps >= 55));
    const lt = p.longtasks;
    const peerLt = p.cpu_rate === 4 ? 'TF Playground ×4: 58 per 5 s' : 'TF Playground: 8 per 5 s';
    row('  long tasks > 50 ms in those 10 s', `${lt.length}${lt.length ? ` (max ${Math.max(...lt)} ms, sum ${lt.reduce((a, b) => a + b, 0)} ms)` : ''}`, '', '', [peerLt, b4 && was(String(b4.longtasks.length))].filter(Boolean).join('; '), '0', verdict(lt.length === 0));
  }
  if (br?.memory) {
    const s = br.memory.samples;
    const at = (c) => s.reduce((best, x) => (Math.abs(x.cycle - c) < Math.abs(best.cycle - c) ? x : best));
    const total = (x) => (x.js_heap ?? 0) + (x.page_wasm ?? 0) + (x.worker_wasm ?? 0);
    const a = at(500);
    const z = s[s.length - 1];
    const growth = total(z) - total(a);
    const ok = growth <= 0.05 * total(a);
    row(
      `Memory after ${z.cycle} cycles autoplay (GC'd): JS heap / page wasm / worker wasm`,
      `${mb(z.js_heap)} / ${mb(z.page_wasm)} / ${mb(z.worker_wasm)}`,
      '',
      '',
      `total at cycles ${s.map((x) => x.cycle).join('/')}: ${s.map((x) => mb(total(x))).join(' → ')}`,
      'stops growing (≤ 5 % growth from cycle 500 to 1000)',
      `${verdict(ok)} (${growth >= 0 ? '+' : ''}${(growth / 1048576).toFixed(2)} MB, ${((100 * growth) / total(a)).toFixed(1)} %)`,
    );
  }

  const head = ['Metric', 'Worker / browser', 'Native (criterion / linfa)', 'scikit-learn', 'Ratio', 'Target', 'Result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  const table = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
  console.log(table);
  // Load average (1/5/15 min) when each phase started: the machine is shared, and with a load
  // above the core count every figure is inflated (native ones as much as the browser's).
  const loads = existsSync(join(dir, 'loadavg.txt')) ? readFileSync(join(dir, 'loadavg.txt'), 'utf8').trim().split('\n').filter(Boolean) : [];
  const busy = loads.some((l) => Number(l.split(' load ')[1]?.split(' ')[0]) > cpus().length);
  const loadNote = loads.length
    ? `\nLoad average (1/5/15 min) as each phase started, ${cpus().length} cores${busy ? ' — ABOVE the core count at some point: other work shared the CPUs, so these timings are inflated and noisy; rerun on an idle machine to compare' : ''}:\n${loads.map((l) => `- ${l}`).join('\n')}\n`
    : '';
  console.log(loadNote);

  if (mdPath) {
    const date = new Date().toISOString().replace('T', ' ').replace(/\..*/, ' UTC');
    const cpu = cpus();
    const sv = sk[0] ? `scikit-learn ${sk[0].sklearn}, numpy ${sk[0].numpy}` : 'scikit-learn n/a';
    let rustc = '';
    try {
      rustc = execFileSync('rustc', ['--version']).toString().trim();
    } catch {}
    const md = `# Benchmarks

Measured by \`make bench\` on ${date}: ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${rustc}, ${br?.chromium ?? 'Chromium n/a'} (headless), ${sv}, Node ${process.version}.

${table}
${loadNote}

${existsSync(join(dir, 'dist')) ? budgetReport(join(dir, 'dist')).md : ''}${lighthouseSection(dir)}${wasmBreakdown(dir)}${keptSection(mdPath)}
## How each figure is measured

- **Native (criterion)**: \`cargo bench --profile worker-release --bench cycle\` (benches/cycle.rs): one full
  \`Simulation::finish_cycle\` (draw batch, score live model and v1, train a candidate on the window, score it,
  decide) at cycle 10, with the profile the worker ships with (LTO; the training kernels at opt-level 3, the rest
  at "s"); the middle of criterion's
  estimate. Criterion does not bench a 5k-row window.
- **Worker / browser**: \`scripts/bench.mjs\` against \`trunk build --release\` served on 127.0.0.1, headless
  Chromium with the e2e harness's arguments and a fresh profile. A full cycle in the worker is the round trip of
  one "Finish cycle" click (data-pending 1 → 0) on \`?batch=…&window=…&model=…\` links (1,429 / 7,143 / 14,286
  rows a batch, 30 % held out → 1k / 5k / 10k training rows; \`window=all\` at cycle 10: 10 batches × 10,000 → 100k,
  the window cap); as in the criterion bench, 9 cycles run first and the 10th is timed (same seed and settings,
  so the same data and the same fit), median over 5 fresh page loads (3 at 100k). It includes posting the command and
  serialising the snapshot back, so it is an upper bound on the worker's own time.
  **Fit only in the worker**: the page's "Measure training time" button (panel "How long does retraining
  take?") sends \`Command::MeasureTraining\`; the worker fits each model on the same windows as below, one
  untimed fit then the median of 7 timed fits (3 at 100k, \`performance.now()\` inside the worker); the table
  reports the median over 3 fresh page loads.
- **Fit only**: \`examples/export_window.rs\` draws the exact windows \`MeasureTraining\` fits (seed 42, cycle 0,
  no drift, label noise 0.05) with \`sim::stream::generate_batch\`, writes them to CSV and times
  \`sim::train::train\` natively with the worker's profile (median of 15 runs, 5 at 100k, after one warm-up
  fit); \`scripts/bench_sklearn.py\` fits the same CSVs (median of 15 / 5 runs, one thread).
  Our logistic fit starts L-BFGS at the window's closed-form linear discriminant (one pass over the rows; in a
  cycle, at the live model instead when that fits the new window better: \`sim::train::LogisticStart\`,
  compared by \`examples/warm_start.rs\`); scikit-learn starts at zero, its default. Same optimum (convex loss).
- **Parameter mapping**: linfa-logistic minimises Σ logloss + α/2·‖w‖², scikit-learn C·Σ logloss + ½‖w‖²
  (neither penalises the intercept); dividing by C gives α = 1/C, so linfa's α = 1.0 is \`C=1.0\`. Both
  L-BFGS, max 100 iterations. scikit-learn's \`tol=1e-4\` bounds the gradient of the MEAN loss; linfa's
  tolerance bounds the gradient of the SUM, so the app sets it to 1e-4 × rows: the same stopping rule. Tree: linfa-trees Gini, max depth 6 ↔
  \`DecisionTreeClassifier(max_depth=6, criterion="gini")\`. linfa's tree adds a 1e-4 weight on class 0 for
  reproducible tie-breaks (sklearn fits unweighted).
- **Bytes**: every file the page requested; raw = the file's size, gzip = gzip -9 of the same file (what the
  bench's server sends: it compresses as a real host does, with ETags and \`cache-control: no-cache\`). First load = HTML, CSS, page JS, page wasm, register-sw script; everything =
  + worker.js, worker_bg.wasm, sw.js (unique files; the service worker's precache re-fetches files:
  ${br ? kb(br.bytes.wire_bytes_incl_precache) : 'n/a'} on the wire in all on a first visit).
- **First contentful paint**: the browser's own \`first-contentful-paint\` entry (PerformanceObserver 'paint').
  "Browser running": one Chromium warmed up by one load, then 5 loads each in a fresh context (empty cache);
  "cold browser start": the 3 cold loads above, each in a newly started Chromium, which adds Chromium's own
  start-up (a one-line HTML page paints at ~120 ms that way here). **Slow line**: the same cold load with DevTools Protocol
  \`Network.emulateNetworkConditions\` (1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip); "Step button
  working" = the worker has answered (\`.app[data-pending="0"]\` with the run summary shown, the Step button enabled).
  **Before** figures: the same measurement (\`node scripts/bench.mjs load\`) of commit 90343f9, the build before
  issue 14, saved in benches/before-issue-14.json.
- **fps / long tasks**: requestAnimationFrame count and PerformanceObserver('longtask') on the main thread for
  10 s of Full-speed play with a 10k-row window (\`?batch=14286\`), as is and with the page's CPU slowed 4×
  (DevTools Protocol \`Emulation.setCPUThrottlingRate\` 4, Lighthouse's mobile rate); worst frame = the longest
  gap between two animation frames. 60 fps is the ceiling of a blank page here.
- **Memory**: Full-speed autoplay with the default settings to cycle 1,000, paused at 100/250/500/750/1,000;
  page JS heap after a forced GC (CDP), the page's wasm memory and the worker's wasm memory (read in the worker through
  wasm-bindgen's glue; wasm memory never shrinks, so growth there is permanent), as the soak test reads them. Samples (cycle: JS heap / page wasm / worker wasm):
${br?.memory ? br.memory.samples.map((x) => `  - ${x.cycle}: ${mb(x.js_heap)} / ${mb(x.page_wasm)} / ${mb(x.worker_wasm)}`).join('\n') : '  n/a'}
- Peer figures (TensorFlow Playground 115 KB gz, 29.5 fps) are from /work/shared/TOOLCHAIN.md, same kind of machine.
`;
    writeFileSync(mdPath, md);
    console.error(`bench: wrote ${mdPath}`);
  }
}

// BENCHMARKS.md's hand-measured section (set-up and test times from
// scripts/first_run.sh, what each kept crate cost), between its two markers:
// kept as it is when the benchmark rewrites the file.
const KEPT_START = '<!-- kept: set-up and crates (scripts/first_run.sh, by hand) -->';
const KEPT_END = '<!-- /kept -->';
function keptSection(mdPath) {
  if (!existsSync(mdPath)) return '';
  const old = readFileSync(mdPath, 'utf8');
  const a = old.indexOf(KEPT_START);
  const b = old.indexOf(KEPT_END);
  return a >= 0 && b > a ? `\n${old.slice(a, b + KEPT_END.length)}\n` : '';
}

// The page wasm's parts (make wasm-size -> DIR/wasm-size.json), today and before issue 14
// (benches/before-issue-14-wasm.json), as a Markdown section.
function wasmBreakdown(dir) {
  const now = join(dir, 'wasm-size.json');
  if (!existsSync(now)) return '';
  const a = JSON.parse(readFileSync(now, 'utf8'));
  const bFile = join(ROOT_DIR, 'benches', 'before-issue-14-wasm.json');
  const b = existsSync(bFile) ? JSON.parse(readFileSync(bFile, 'utf8')) : null;
  const kb = (n) => (n == null ? '—' : `${(n / 1024).toFixed(1)} KB`);
  const names = [...new Set([...a.groups.map((g) => g.group), ...(b?.groups ?? []).map((g) => g.group)])];
  const get = (r, g) => r?.groups.find((x) => x.group === g);
  const lines = [
    '| Part of the page wasm (wasm-opt -Oz) | Now: raw / gzip | Before issue 14: raw / gzip |',
    '|---|---|---|',
    `| **Code, all** | ${kb(a.code.raw)} / ${kb(a.code.gzip)} | ${b ? `${kb(b.code.raw)} / ${kb(b.code.gzip)}` : '—'} |`,
    `| **Data (text and tables)** | ${kb(a.data.raw)} / ${kb(a.data.gzip)} | ${b ? `${kb(b.data.raw)} / ${kb(b.data.gzip)}` : '—'} |`,
    ...names.map((g) => `| ${g} | ${kb(get(a, g)?.raw)} / ${kb(get(a, g)?.gzip)} | ${b ? `${kb(get(b, g)?.raw)} / ${kb(get(b, g)?.gzip)}` : '—'} |`),
  ];
  return `
## What the page's wasm is made of

\`make wasm-size\` (scripts/wasm_size.py): the page's wasm as shipped (release profile, wasm-opt -Oz) with
function names kept; each function body is grouped by its name, and a group's gzip figure is gzip -9 of its
bodies end to end (so the parts add up to a little more than the whole). Generic code is named after the
crate that owns the generic: our components' \`view\` functions are compiled inside Yew's component lifecycle,
hence their own line; "bincode" is mostly one function, the decoding of the engine's messages.

${lines.join('\n')}
`;
}

// ---------------------------------------------------------------------------------------
// Byte budget (benches/budget.json): each built file's gzip -9 and Brotli (quality 11)
// size against its budget, the first load's and everything's totals against issue 28's
// targets, with the load average. Returns the markdown and the lines over budget.
/** Lighthouse's mobile run (scripts/lighthouse.mjs), against issue 28's targets. */
function lighthouseSection(dir) {
  const f = join(dir, 'lighthouse.json');
  if (!existsSync(f)) return '';
  const l = JSON.parse(readFileSync(f, 'utf8'));
  const s = (v) => (v / 1000).toFixed(1);
  const mark = (ok) => (ok ? 'met' : '**not met**');
  return `## Lighthouse (default mobile run, release build served gzip-compressed on loopback)

Lighthouse ${l.version}, Chromium at /usr/bin/chromium, load average ${l.load}: performance **${l.performance}**
(target ≥ 92: ${mark(l.performance >= 92)}), accessibility ${l.accessibility}, best practices ${l.bestPractices},
SEO ${l.seo} (targets 100); FCP ${s(l.fcpMs)} s, LCP ${s(l.lcpMs)} s (≤ 2.1 s: ${mark(l.lcpMs <= 2100)}), total blocking
time ${l.tbtMs} ms (≤ 300 ms: ${mark(l.tbtMs <= 300)}), time to interactive ${s(l.ttiMs)} s. Lighthouse simulates a 4×
slower CPU from the tasks it observes, so a loaded machine inflates TBT and TTI: read them beside the load.

`;
}

function budgetReport(dist) {
  const budget = JSON.parse(readFileSync(join(ROOT_DIR, 'benches', 'budget.json'), 'utf8'));
  const names = readdirSync(dist).filter((n) => statSync(join(dist, n)).isFile() && !/\.(br|gz)$/.test(n));
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const rows = [];
  const over = [];
  const totals = { first: { gzip: 0, br: 0 }, everything: { gzip: 0, br: 0 } };
  for (const f of budget.files) {
    const re = new RegExp(f.pattern);
    const matched = names.filter((n) => re.test(n));
    if (matched.length !== 1) {
      over.push(`BUDGET: "${f.name}" (${f.pattern}) matches ${matched.length} files in ${dist}, expected 1`);
      continue;
    }
    const buf = readFileSync(join(dist, matched[0]));
    const { gzip, br } = compressions(buf);
    for (const t of f.first_load ? [totals.first, totals.everything] : [totals.everything]) {
      t.gzip += gzip.length;
      t.br += br.length;
    }
    const gzKb = gzip.length / 1024;
    const growth = gzKb - f.recorded_gzip_kb;
    const sign = (x) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)} KB`;
    const ok = gzKb <= f.budget_gzip_kb;
    if (!ok) {
      over.push(`OVER BUDGET: ${f.name} (${matched[0]}) is ${kb(gzip.length)} gzip, budget ${f.budget_gzip_kb} KB: ${sign(gzKb - f.budget_gzip_kb)} over, ${sign(growth)} (${((growth / f.recorded_gzip_kb) * 100).toFixed(1)} %) since the budget was written (${f.recorded_gzip_kb} KB)`);
    }
    rows.push(`| ${f.name}${f.first_load ? ' (first load)' : ''} | ${kb(buf.length)} | ${kb(gzip.length)} | ${kb(br.length)} | ${f.budget_gzip_kb} KB | ${sign(growth)} | ${ok ? 'within' : '**OVER**'} |`);
  }
  for (const [key, label, limit] of [['first', 'First load (HTML+CSS+JS+page wasm)', budget.first_load_gzip_kb], ['everything', 'Everything but lazily loaded data', budget.everything_gzip_kb]]) {
    const t = totals[key];
    const ok = t.gzip / 1024 <= limit;
    if (!ok) over.push(`OVER BUDGET: ${label} is ${kb(t.gzip)} gzip, target ${limit} KB (${(t.gzip / 1024 - limit).toFixed(1)} KB over; Brotli ${kb(t.br)})`);
    rows.push(`| **${label}** | | **${kb(t.gzip)}** | **${kb(t.br)}** | ${limit} KB | | ${ok ? 'within' : '**OVER**'} |`);
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const md = `
## Byte budget

\`make budget\` (or \`make bench\`): every built file's size against benches/budget.json (gzip -9 and Brotli
quality 11, what \`make build\` writes beside each file; hosts that serve precompressed files send the .br
copy to every current browser). Growth is since the budget was written. Load average: ${load} (sizes do not
depend on it).

| File | Raw | gzip -9 | Brotli 11 | Budget (gzip) | Growth | |
|---|---|---|---|---|---|---|
${rows.join('\n')}
${over.length ? `\n${over.map((l) => `- ${l}`).join('\n')}\n` : '\nEverything is within its budget.\n'}`;
  return { md, over };
}

// ---------------------------------------------------------------------------------------
const [mode, a, b] = process.argv.slice(2);
if (mode === 'browser' || mode === 'load') {
  const res = await measureBrowser(a || 'dist', { loadOnly: mode === 'load' });
  writeFileSync(b || 'target/bench/browser.json', JSON.stringify(res, null, 2));
} else if (mode === 'report') {
  report(a || 'target/bench', b);
} else if (mode === 'budget') {
  const { md, over } = budgetReport(a || 'dist');
  console.log(md);
  for (const l of over) console.error(l);
  process.exit(over.length ? 1 : 0);
} else {
  console.error('usage: node scripts/bench.mjs browser|load DIST OUT.json | report DIR [BENCHMARKS.md] | budget DIST');
  process.exit(2);
}
