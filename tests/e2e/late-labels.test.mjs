// Journeys of late labels: a batch's inputs arrive at once, its labels
// "Label delay" cycles later. The page says which labels are still out (step
// table and status tracker), label-dependent triggers wait while KS does not,
// and the accuracy chart draws what the team measured beside the true
// accuracy only the simulator knows, and what it estimated before the labels
// came in, from the model's own confidence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openPlayground, settle, waitForText, SCREENSHOT_DIR } from './harness.mjs';

const finishCycle = async (page) => { await page.getByRole('button', { name: 'Finish cycle' }).click(); await settle(page); };
const cells = async (page, n) =>
  (await settle(page), await page.locator(`[data-testid=process-table] tbody tr[data-step="${n}"]`).locator('th, td').allTextContents()).map((s) => s.trim());

// Pixels of the accuracy chart close to `rgb` (the faint true-accuracy line).
const chartPixelsNear = (page, rgb) =>
  page.evaluate(([r, g, b]) => {
    const canvas = document.querySelector('figure.chart-performance canvas');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 12) n++;
    }
    return n;
  }, rgb);
// The light palette's class-0 blue (0072B2) at 75 % over white.
const TRUTH_LIGHT = [64, 149, 197];

// The light palette's estimate colour (ochre 8F5E00), drawn at full strength.
const ESTIMATE_LIGHT = [143, 94, 0];

const open = (t, path) => openPlayground(t, path, { settle: false });

test('label delay: pending labels are named, a performance trigger waits, the chart shows the blind spot', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('combobox', { name: 'Retraining trigger' }).selectOption('drop');
  const delay = page.getByRole('slider', { name: 'Label delay' });
  await delay.fill('3');
  await waitForText(page.locator('.field', { has: delay }), /3 cycles/);
  assert.match(page.url(), /delay=3/);

  await finishCycle(page);
  const step2 = (await cells(page, 2))[3];
  assert.match(step2, /no labels came in; labels for cycle 1 not in yet/);
  assert.match((await cells(page, 3))[3], /^Not triggered: no labels came in, so there is nothing to measure yet/);
  await waitForText(page.getByTestId('labels-note'), /Labels arrive 3 cycles after their batch: labels for cycle 1 not in yet/);
  await waitForText(page.getByTestId('trigger-detail'), /none came in this cycle.*A test on the inputs alone \(KS\) would not have to wait/);

  for (let c = 2; c <= 5; c++) await finishCycle(page);
  // Cycle 5: the labels of cycle 2 are in, cycles 3-5 are still out; the
  // drift of cycle 3 has not been measured, so the trigger stays quiet.
  assert.match((await cells(page, 2))[3], /labels of cycle 2 came in, v1 scores 0\.\d+ on them; labels for cycles 3–5 not in yet/);
  assert.match((await cells(page, 3))[3], /^Not triggered: live accuracy 0\.\d+ ≥ threshold 0\.80/);
  await waitForText(page.getByTestId('labels-note'), /labels for cycles 3–5 not in yet/);
  await waitForText(page.locator('.stat', { has: page.getByTestId('accuracy') }), /on cycle 2's labelled data/);
  const caption = page.locator('figure.chart-performance figcaption');
  await waitForText(caption, /Labels arrive 3 cycles late: the solid line is what the team has measured, up to cycle 2's batch \(0\.\d+\); the faint line is the live model's true accuracy, which only the simulator knows: 0\.\d+ at cycle 5\. Cycles 3–5 are the team's blind spot\./);
  const aria = await page.locator('figure.chart-performance canvas').getAttribute('aria-label');
  assert.match(aria, /blind spot/);
  assert.ok(await chartPixelsNear(page, TRUTH_LIGHT) > 40, 'the faint true-accuracy line is drawn');
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.locator('figure.chart-performance').screenshot({ path: join(SCREENSHOT_DIR, 'late-labels-chart.png') });

  // Cycle 6: cycle 3's labels come in, and the drop is finally seen.
  await finishCycle(page);
  assert.match((await cells(page, 3))[3], /^Training started \(performance dropped: live accuracy 0\.\d+ < threshold 0\.80\)/);
  await app.screenshot(page, 'late-labels-page');

  // Back to labels at once: everything waiting comes in, the note goes.
  await delay.fill('0');
  await finishCycle(page);
  assert.match((await cells(page, 2))[3], /v\d+ scores 0\.\d+ on it/);
  assert.equal(await page.getByTestId('labels-note').count(), 0);
});

test('label delay in links: a good one applies, an out-of-range one is named and the default used', async (t) => {
  const { app, page } = await open(t, '/?delay=2&trigger=drift&detector=ks');
  assert.equal(await page.getByRole('slider', { name: 'Label delay' }).inputValue(), '2');
  await finishCycle(page);
  // The KS test reads inputs only: it runs without labels.
  assert.match((await cells(page, 3))[3], /^Not triggered: KS test p = /);

  const bad = await app.open('/?delay=11');
  await waitForText(bad.getByTestId('notice'), /Label delay must be between 0 and 10, got 11; the default is used\./);
  assert.equal(await bad.getByRole('slider', { name: 'Label delay' }).inputValue(), '0');
  const garbled = await app.open('/?delay=soon');
  await waitForText(garbled.getByTestId('notice'), /the label delay must be a whole number of cycles/);
});

test('label delay: three lines (measured, estimated, true), the estimate\'s note, and an alert before labels', async (t) => {
  // A stale model (never retrained) under the default concept drift (108° from cycle 3).
  const { app, page } = await open(t, '/?delay=3&trigger=never');
  const estdrop = page.getByRole('slider', { name: 'Alert on estimated drop' });
  assert.equal(await estdrop.inputValue(), '0', 'off by default');
  await estdrop.fill('0.05');
  await waitForText(page.locator('.field', { has: estdrop }), /−0\.05/);
  await settle(page);
  assert.match(page.url(), /estdrop=0\.05/);
  for (let c = 1; c <= 6; c++) await finishCycle(page);

  const figure = page.locator('figure.chart-performance');
  // The note: how far the estimate is from the truth, and why.
  await waitForText(figure.locator('figcaption'), /The ochre dashed line is what the team can estimate before labels arrive, from the model's own confidence: 0\.\d\d at cycle 6, against a true 0\.\d\d \(0\.\d\d too high; 0\.\d\d apart on average over 6 cycles\)\. The labelling rule has turned since the model was trained: .*confidently wrong\. Its confidence cannot show this; only labels can\./);
  const aria = await figure.locator('canvas').getAttribute('aria-label');
  assert.match(aria, /Three lines for the live model: measured once labels came in \(solid blue\), estimated before they did from its own confidence \(dashed ochre\), and true, which only the simulator knows \(dotted, faint blue\)\./);
  assert.match(aria, /The ochre dashed line is what the team can estimate before labels arrive/);
  assert.ok(await chartPixelsNear(page, ESTIMATE_LIGHT) > 60, 'the estimated line is drawn');
  assert.ok(await chartPixelsNear(page, TRUTH_LIGHT) > 20, 'the true line is drawn');

  // The estimate dipped 0.05 below v1's hold-out score when the rule turned:
  // the team is alerted before any label of those batches is in.
  const log = page.locator('section.alert-log');
  await waitForText(log, /Cycle 3 Alert before labels: v1's accuracy on this batch, estimated from its own confidence, is 0\.\d\d, 0\.\d\d below its 0\.\d\d on its hold-out \(the alert is set at a drop of 0\.05\)\./);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await figure.screenshot({ path: join(SCREENSHOT_DIR, 'late-labels-estimate.png') });
  await app.screenshot(page, 'late-labels-estimate-page');
});
