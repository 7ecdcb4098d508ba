// node /tmp/prof.mjs DIST rate seconds
import { chromium } from 'playwright-core';
import { serveStatic, CHROMIUM, CHROMIUM_ARGS } from './harness.mjs';
const [dist, rate = '1', secs = '4'] = process.argv.slice(2);
const srv = await serveStatic(dist);
const b = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const ctx = await b.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
const page = await ctx.newPage();
await page.goto(srv.url + '?batch=14286&window=newest');
await page.locator('.app[data-pending="0"] [data-testid="cycle"]').waitFor();
const cdp = await ctx.newCDPSession(page);
if (rate !== '1') await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(rate) });
await page.selectOption('#speed', 'full');
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await page.getByRole('button', { name: 'Play' }).click();
await page.waitForTimeout(500);
await cdp.send('Profiler.start');
await page.waitForTimeout(Number(secs) * 1000);
const { profile } = await cdp.send('Profiler.stop');
await page.getByRole('button', { name: 'Pause' }).click();
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const counts = new Map();
for (const s of profile.samples) counts.set(s, (counts.get(s) || 0) + 1);
const total = profile.samples.length;
for (const [id, c] of counts) {
  const n = byId.get(id);
  const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}`;
  self.set(name, (self.get(name) || 0) + c);
}
// inclusive: walk parents
const parent = new Map();
for (const n of profile.nodes) for (const ch of n.children || []) parent.set(ch, n.id);
const incl = new Map();
for (const [id, c] of counts) {
  const seen = new Set();
  let cur = id;
  while (cur != null) {
    const n = byId.get(cur);
    const name = `${n.callFrame.functionName || '(anon)'}`;
    if (!seen.has(name)) { incl.set(name, (incl.get(name) || 0) + c); seen.add(name); }
    cur = parent.get(cur);
  }
}
console.log('samples', total);
console.log('--- self');
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * v / total).toFixed(1).padStart(5), k.slice(0, 150));
console.log('--- inclusive');
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 45)) console.log((100 * v / total).toFixed(1).padStart(5), k.slice(0, 150));
await b.close(); await srv.close();
