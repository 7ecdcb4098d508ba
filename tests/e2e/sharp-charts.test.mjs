// Journeys of issue 29: every chart is drawn for the screen it is on. On a
// screen with 2 device pixels per CSS pixel, each chart canvas holds twice its
// CSS size in pixels (sharp, not upscaled); its type has the size the drawing
// code chose in CSS pixels (at least 12 on a phone, 20 in the presenter view);
// the legend goes under the plot on a phone; nothing scrolls sideways; a chart
// redraws when its column changes width; a downloaded PNG has a fixed size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, settle } from './harness.mjs';

const finishCycle = async (page) => {
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
};

/** Every chart canvas: its CSS box, its backing store and the type it was drawn with. */
const charts = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('figure.chart canvas')].map((c) => {
      const r = c.getBoundingClientRect();
      return {
        chart: c.closest('figure').dataset.chart,
        css: [r.width, r.height],
        backing: [c.width, c.height],
        tick: Number(c.dataset.tickPx),
        legend: Number(c.dataset.legendPx),
        drawnAt: c.dataset.cssSize,
      };
    }),
  );

/** Waits until every chart has been drawn at its current CSS width. */
const drawnAtWidth = (page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll('figure.chart canvas')].every((c) => {
      const w = Math.round(c.getBoundingClientRect().width);
      return c.dataset.cssSize && Math.abs(Number(c.dataset.cssSize.split('x')[0]) - w) <= 1;
    }),
  );

const SCREENS = [
  { name: 'phone-390', viewport: { width: 390, height: 844 }, path: '/', minType: 12 },
  { name: 'laptop-1440', viewport: { width: 1440, height: 900 }, path: '/', minType: 12 },
  { name: 'presenter-1280', viewport: { width: 1280, height: 800 }, path: '/?presenter=1', minType: 20 },
  { name: 'presenter-1920', viewport: { width: 1920, height: 1080 }, path: '/?presenter=1', minType: 20 },
];

for (const screen of SCREENS) {
  test(`${screen.name} at 2 device pixels per CSS pixel: sharp charts, type of ${screen.minType}+ CSS px, no sideways scroll`, async (t) => {
    const app = await launchApp(t, { viewport: screen.viewport, deviceScaleFactor: 2 });
    const page = await app.open(screen.path);
    await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
    await settle(page);
    for (let i = 0; i < 3; i++) await finishCycle(page);
    await page.getByRole('button', { name: 'Run policy race' }).click();
    await settle(page);
    await drawnAtWidth(page);
    const all = await charts(page);
    assert.equal(all.length, 6, `six charts: ${all.map((c) => c.chart)}`);
    for (const c of all) {
      assert.ok(Math.abs(c.backing[0] - 2 * c.css[0]) <= 2, `${c.chart}: backing width ${c.backing[0]} for ${c.css[0]} CSS px`);
      assert.ok(Math.abs(c.backing[1] - 2 * c.css[1]) <= 2, `${c.chart}: backing height ${c.backing[1]} for ${c.css[1]} CSS px`);
      assert.ok(c.tick >= screen.minType, `${c.chart}: ticks ${c.tick} CSS px`);
      assert.ok(c.legend >= screen.minType, `${c.chart}: legend ${c.legend} CSS px`);
    }
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `no horizontal scroll: ${scrollWidth} > ${clientWidth}`);
    if (screen.name === 'phone-390') {
      // The legend goes under the plot: the scatter is taller than wide.
      const scatter = all.find((c) => c.chart === 'scatter');
      assert.ok(scatter.css[1] > scatter.css[0], `phone scatter ${scatter.css}: legend under the square plot`);
    } else {
      const scatter = all.find((c) => c.chart === 'scatter');
      assert.ok(scatter.css[1] < scatter.css[0], `${screen.name} scatter ${scatter.css}: legend beside the plot`);
    }
    await page.locator('.chart-scatter').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `target/e2e-screenshots/sharp-${screen.name}.png` });
  });
}

test('a chart redraws at its new width when the window is resized, and a PNG keeps a fixed size', async (t) => {
  const app = await launchApp(t, { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 2 });
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  await finishCycle(page);
  await drawnAtWidth(page);
  const wide = (await charts(page)).find((c) => c.chart === 'performance');
  await page.setViewportSize({ width: 800, height: 900 });
  await drawnAtWidth(page);
  const narrow = (await charts(page)).find((c) => c.chart === 'performance');
  assert.notEqual(narrow.drawnAt, wide.drawnAt, `redrawn at the new width: ${wide.drawnAt} -> ${narrow.drawnAt}`);
  assert.ok(Math.abs(narrow.backing[0] - 2 * narrow.css[0]) <= 2, `sharp after the resize: ${narrow.backing} for ${narrow.css}`);

  // The PNG is drawn again at 560 CSS px × 2, whatever the screen.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /charts \(PNG\)/i }).click();
  const file = await (await download).path();
  const fs = await import('node:fs/promises');
  const png = await fs.readFile(file);
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  assert.equal(width, 1120, `PNG width ${width}`);
  assert.equal(height, 720, `PNG height ${height}`);
});
