#!/usr/bin/env node
// Runs the end-to-end journeys against a built app (E2E_DIST, default dist/;
// `make test-e2e` builds target/e2e-dist):
//   node tests/e2e/run.mjs [name-filter ...]
// Serves it on 127.0.0.1 at a free port (one server for all journeys, URL in
// E2E_BASE_URL), then runs tests/e2e/*.test.mjs with node's test runner (TAP
// output, E2E_JOBS files at a time, default 2). Exit code: the test runner's.
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DIST, ROOT, serveStatic } from './harness.mjs';

const dir = join(ROOT, 'tests', 'e2e');
// The longest files start first (soak plays 12,000 cycles, a11y runs axe on every
// view in two themes): started last, one of them ran alone for its last ~2.5 min
// while the other slot sat idle.
const LONGEST_FIRST = ['soak.test.mjs', 'a11y.test.mjs'];
const rank = (f) => (LONGEST_FIRST.includes(f) ? LONGEST_FIRST.indexOf(f) : LONGEST_FIRST.length);
const filters = process.argv.slice(2);
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
  .map((f) => join('tests', 'e2e', f));
if (files.length === 0) {
  console.error(`e2e: no tests/e2e/*.test.mjs file matches ${JSON.stringify(filters)}`);
  process.exit(1);
}

let server;
try {
  server = await serveStatic();
} catch (err) {
  console.error(`e2e: ${err.message}`);
  process.exit(1);
}
const jobs = Math.max(1, Number.parseInt(process.env.E2E_JOBS ?? '2', 10) || 1);
console.log(`e2e: serving ${DIST} at ${server.url}, ${jobs} file(s) at a time; journeys: ${files.join(' ')}`);

const child = spawn(
  process.execPath,
  ['--test', '--test-reporter=tap', `--test-concurrency=${jobs}`, ...files],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: server.url } },
);
const stop = (sig) => child.kill(sig);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
const code = await new Promise((ok) => child.on('exit', (c, sig) => ok(c ?? (sig ? 1 : 0))));
await server.close();
console.log(`e2e: screenshots in target/e2e-screenshots/`);
process.exit(code);
