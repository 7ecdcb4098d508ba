#!/usr/bin/env node
// Lighthouse's default mobile run against a release build served gzip-compressed on
// 127.0.0.1 (the bench's own server), with Debian's Chromium:
//   node scripts/lighthouse.mjs DIST OUT.json [LIGHTHOUSE_DIR]
// LIGHTHOUSE_DIR holds node_modules/lighthouse (make bench installs it there with npm,
// outside the repo's package.json: it is ~100 packages the tests never need).
// Writes the four category scores and FCP, LCP, TBT, TTI, speed index to OUT.json.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const [dist = 'dist', out = 'target/bench/lighthouse.json', lhDir = 'target/lighthouse'] = process.argv.slice(2);
const cli = resolve(lhDir, 'node_modules', 'lighthouse', 'cli', 'index.js');
const server = await serve(dist);
const report = resolve(out.replace(/\.json$/, '') + '.report.json');
try {
  // Not spawnSync: the server answering Lighthouse's requests runs in this process.
  const child = spawn(
    process.execPath,
    [
      cli,
      server.url,
      '--quiet',
      '--output=json',
      `--output-path=${report}`,
      `--chrome-flags=--headless=new --disable-dev-shm-usage ${CHROMIUM_ARGS.join(' ')}`,
      '--max-wait-for-load=60000',
      '--only-categories=performance,accessibility,best-practices,seo',
    ],
    { stdio: 'inherit', env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium' } },
  );
  const status = await new Promise((ok) => child.on('exit', (code) => ok(code)));
  if (status !== 0) {
    console.error(`lighthouse: exited ${status}`);
    process.exit(1);
  }
} finally {
  await server.close();
}
const lhr = JSON.parse(readFileSync(report, 'utf8'));
const score = (c) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
const ms = (a) => Math.round(lhr.audits[a]?.numericValue ?? NaN);
const res = {
  version: lhr.lighthouseVersion,
  date: new Date().toISOString().slice(0, 10),
  performance: score('performance'),
  accessibility: score('accessibility'),
  bestPractices: score('best-practices'),
  seo: score('seo'),
  fcpMs: ms('first-contentful-paint'),
  lcpMs: ms('largest-contentful-paint'),
  tbtMs: ms('total-blocking-time'),
  ttiMs: ms('interactive'),
  speedIndexMs: ms('speed-index'),
  // What the largest contentful paint was (its element's markup, shortened).
  lcpElement: (() => {
    const items = lhr.audits['lcp-breakdown-insight']?.details?.items ?? [];
    const node = items.find((i) => i.type === 'node');
    return node ? `${node.selector}: ${String(node.nodeLabel).slice(0, 60)}` : null;
  })(),
  load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
};
writeFileSync(out, JSON.stringify(res, null, 2));
console.log(
  `Lighthouse ${res.version} (mobile): performance ${res.performance}, accessibility ${res.accessibility}, ` +
    `best practices ${res.bestPractices}, SEO ${res.seo}; FCP ${res.fcpMs} ms, LCP ${res.lcpMs} ms, ` +
    `TBT ${res.tbtMs} ms, TTI ${res.ttiMs} ms (load ${res.load}); LCP element ${res.lcpElement}`,
);
