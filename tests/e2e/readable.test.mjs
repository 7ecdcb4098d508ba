// Journeys of readability: the charts follow the system's colour scheme (and
// redraw when it changes), the presenter view is readable from the back of a
// room at 1920 × 1080, a phone never scrolls sideways, and drift is visible:
// the scatter explains a live model that scores below a coin flip, and the
// accuracy chart shows the best accuracy any model can reach.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, settle, waitForText } from './harness.mjs';

const finishCycle = async (page) => {
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
};
const step = async (page) => {
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await settle(page);
};

async function open(t, path = '/', viewport) {
  const app = await launchApp(t, viewport ? { viewport } : undefined);
  const page = await app.open(path);
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  return { app, page };
}

/** The chart canvases' look and one background pixel (a corner, where nothing is drawn but the fill). */
const canvases = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('figure.chart canvas')].map((c) => {
      const [r, g, b] = c.getContext('2d').getImageData(2, 2, 1, 1).data;
      return {
        chart: c.closest('figure').className,
        scheme: c.dataset.scheme,
        tickPx: Number(c.dataset.tickPx),
        luminance: (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255,
        cssWidth: c.getBoundingClientRect().width,
        width: c.width,
      };
    }),
  );

/** Waits until every chart canvas has been drawn in `scheme`. */
async function drawnIn(page, scheme) {
  await page.waitForFunction(
    (s) => {
      const all = [...document.querySelectorAll('figure.chart canvas')];
      return all.length > 0 && all.every((c) => c.dataset.scheme === s);
    },
    scheme,
  );
  return canvases(page);
}

test('the charts follow the dark colour scheme, and redraw when it changes', async (t) => {
  const { app, page } = await open(t);
  await page.emulateMedia({ colorScheme: 'dark' });
  await finishCycle(page);
  await page.getByRole('button', { name: 'Run policy race' }).click();
  await settle(page);
  const dark = await drawnIn(page, 'dark');
  assert.equal(dark.length, 6, `scatter, accuracy, drift, race, race cost and the sensitivity sweep: ${dark.map((c) => c.chart)}`);
  for (const c of dark) assert.ok(c.luminance < 0.2, `${c.chart} background is dark: ${c.luminance}`);
  const panel = await page.evaluate(() => getComputedStyle(document.querySelector('canvas')).backgroundColor);
  assert.equal(panel, 'rgb(26, 32, 43)', 'the canvas element itself is the dark panel colour too');
  await page.locator('.chart-scatter').scrollIntoViewIfNeeded();
  await app.screenshot(page, 'readable-dark');

  // The system switches back to light: every chart redraws, nothing reloads.
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await drawnIn(page, 'light');
  for (const c of light) assert.ok(c.luminance > 0.9, `${c.chart} background is light: ${c.luminance}`);
});

test('the presenter view is readable at 1920 x 1080: body text and chart type', async (t) => {
  const { app, page } = await open(t, '/?presenter=1', { width: 1920, height: 1080 });
  await finishCycle(page);
  const body = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  assert.ok(body >= 24, `body text ${body}px`);
  const caption = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('figcaption')).fontSize));
  assert.ok(caption >= 24, `chart captions ${caption}px`);
  // Charts are drawn at the size they are shown: their type is in CSS pixels.
  const charts = await canvases(page);
  for (const c of charts) {
    assert.ok(c.tickPx >= 20, `${c.chart}: ticks ${c.tickPx} CSS px`);
    assert.ok(Math.abs(c.width - c.cssWidth) <= 2, `${c.chart}: drawn ${c.width} px wide, shown ${c.cssWidth}`);
  }
  await app.screenshot(page, 'readable-presenter-1920');

  // The normal view at the same size has the normal chart type.
  await page.getByRole('button', { name: 'Presenter view' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('figure.chart canvas')].every((c) => c.dataset.tickPx === '14'));
});

test('no horizontal scroll at 390 x 844, at load and as the run goes on', async (t) => {
  const { app, page } = await open(t, '/?trigger=never&onset=1&strength=1', { width: 390, height: 844 });
  const width = () => page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok((await width()) <= 390, `at load: ${await width()}`);
  await step(page);
  await step(page);
  assert.ok((await width()) <= 390, `mid-cycle: ${await width()}`);
  for (let i = 0; i < 3; i++) await finishCycle(page);
  // The scatter now explains the stale v1 (the rule reversed at cycle 1).
  await waitForText(page.getByTestId('chart-scatter-why'), /v1 scored 0\.\d+ on this batch, below a coin flip \(0\.5\): the labelling rule has turned 180° since v1's training data, past 90°, so v1 labels most points backwards/);
  assert.ok((await width()) <= 390, `after three cycles: ${await width()}`);
  await page.getByRole('button', { name: 'Run policy race' }).click();
  await settle(page);
  assert.ok((await width()) <= 390, `after the policy race: ${await width()}`);
  await page.locator('.chart-scatter').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'target/e2e-screenshots/readable-phone-390-view.png' });
  await app.screenshot(page, 'readable-phone-390');
});

test('the accuracy chart names the best any model can reach, and an impossible threshold', async (t) => {
  const { page } = await open(t, '/?noise=0.05&threshold=0.9');
  await finishCycle(page);
  const caption = await page.locator('.chart-performance figcaption').textContent();
  // Φ(1.5) × 0.95 + (1 − Φ(1.5)) × 0.05 = 0.89.
  assert.match(caption, /The threshold 0\.90 is at or above the best any model can expect here \(0\.89, the true rule's score at this label noise\): no candidate can be expected to pass it\./);
});
