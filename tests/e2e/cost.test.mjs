// Journeys of what retraining costs: the fixed cost per retrain set by a link
// and by its slider, each version's cost and the run's total in the registry
// and the headline card, a cost out of range named in words, and the policy
// race's cost column, its accuracy-against-cost chart (whose text alternative
// lists every policy) and the sentence comparing every cycle with the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openPlayground, runAxe, settle, waitForText, SCREENSHOT_DIR } from './harness.mjs';

const finishCycle = async (page) => {
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
};
const text = async (page, id) => {
  await settle(page);
  return (await page.getByTestId(id).textContent()).trim();
};
/** The registry's cost cell of each listed version, by version ("v2" → "12.7 (12 + 0.7)"). */
const registryCosts = async (page) => {
  await settle(page);
  const rows = page.getByTestId('registry').locator('tbody tr');
  const out = {};
  for (const row of await rows.all()) {
    const version = (await row.locator('th').textContent()).trim();
    out[version] = (await row.getByTestId('version-cost').textContent()).trim();
  }
  return out;
};

const open = (t, path) => openPlayground(t, path);

test('a link and the slider set the fixed cost; the registry and the totals add it up', async (t) => {
  const { page } = await open(t, '/?cost=12&strength=0');
  const slider = page.getByRole('slider', { name: 'Fixed cost per retrain' });
  assert.equal(await slider.inputValue(), '12');
  assert.equal(await slider.getAttribute('aria-valuetext'), '12 units');
  assert.equal(await text(page, 'cost-total'), 'No retrain so far: nothing spent on training yet.');

  for (let c = 1; c <= 3; c++) await finishCycle(page);
  // Cycle 1 trains on the initial data and batch 1 (700 rows), later cycles on three batches (1,050 rows).
  const costs = await registryCosts(page);
  assert.deepEqual(
    { v1: costs.v1, v2: costs.v2, v3: costs.v3, v4: costs.v4 },
    { v1: '—', v2: '12.7 (12 + 0.7)', v3: '13.05 (12 + 1.05)', v4: '13.05 (12 + 1.05)' },
  );
  assert.equal(await text(page, 'cost-total'), '3 retrains so far cost 38.8 units in all.');
  assert.equal(await text(page, 'total-cost'), '38.8');
  assert.match(await text(page, 'cost-rule'), /^Each retrain costs the fixed cost per retrain \(now 12 units\) plus 1 unit per 1,000 training rows/);

  // Free retrains from the next cycle on: only the rows are paid, and the link follows.
  await slider.fill('0');
  await settle(page);
  assert.equal(await slider.getAttribute('aria-valuetext'), '0 units');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('cost') === '0');
  await finishCycle(page);
  assert.equal((await registryCosts(page)).v5, '1.05 (0 + 1.05)');
  assert.equal(await text(page, 'cost-total'), '4 retrains so far cost 39.85 units in all.');
  assert.match(await text(page, 'cost-rule'), /\(now 0 units\)/);

  // The cycles CSV carries the same costs.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV', exact: true }).click(),
  ]);
  await settle(page);
  const csv = (await readFile(await download.path(), 'utf8')).trimEnd().split('\n');
  const column = csv[0].split(',').indexOf('retrain_cost');
  assert.ok(column > 0, `a retrain_cost column: ${csv[0]}`);
  assert.deepEqual(csv.slice(1).map((l) => l.split(',')[column]), ['12.700', '13.050', '13.050', '1.050']);
});

test('a fixed cost out of range is named in words and the default applies', async (t) => {
  const { page } = await open(t, '/?cost=99&noise=0.1');
  await waitForText(page.getByTestId('notice'), /Fixed cost per retrain must be between 0 and 50, got 99; the default is used\./);
  assert.equal(await page.getByRole('slider', { name: 'Fixed cost per retrain' }).inputValue(), '5');
  assert.equal(await page.getByRole('slider', { name: 'Label noise' }).inputValue(), '0.1', 'the rest of the link applies');
});

test('policy race: the cost column, the accuracy-against-cost chart and what every cycle bought', async (t) => {
  const { app, page } = await open(t, '/?strength=0');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('button', { name: 'Run policy race' }).click();
  const table = page.getByTestId('race-table');
  await waitForText(table, /Never retrain/);
  await settle(page);
  const headers = (await table.locator('thead th').allTextContents()).map((s) => s.trim());
  assert.deepEqual(headers.slice(0, 5), ['Policy', 'Mean accuracy', 'Retrains', 'Total cost (units)', 'Cycles below threshold']);
  const names = (await table.locator('tbody th').allTextContents()).map((s) => s.trim());
  const costs = (await table.getByTestId('race-cost').allTextContents()).map((s) => s.trim());
  const retrains = (await table.locator('tbody tr td:nth-of-type(2)').allTextContents()).map(Number);
  assert.equal(names.length, 5);
  assert.equal(costs[0], '0', 'never retraining spends nothing');
  assert.equal(retrains[1], 40);
  // 40 retrains at 5 units, plus 700 rows in cycle 1 and 1,050 in each of the 39 others: 200 + 0.7 + 40.95.
  assert.equal(costs[1], '241.65');
  assert.match(await text(page, 'race-cost-rule'), /^In this race each retrain cost 5 units plus 1 unit per 1,000 training rows/);

  // The chart's text alternative lists each policy with its cost.
  const figure = page.locator('figure.chart-race-cost');
  const caption = (await figure.locator('figcaption').textContent()).trim();
  names.forEach((name, i) => assert.ok(caption.includes(`${name}: ${costs[i]} unit`), `${name} in: ${caption}`));
  assert.match(await figure.locator('canvas').getAttribute('aria-label'), /^Mean accuracy against total retraining cost, one point per policy, for 5 policies over 40 cycles\./);
  await page.waitForFunction(() => document.querySelector('figure.chart-race-cost canvas')?.dataset.scheme === 'light');

  // Nothing drifts: a policy that retrains far less comes within 0.02 of every cycle.
  assert.match(
    await text(page, 'race-cost-verdict'),
    /^(Never retrain|Drift detected|Performance drop|Schedule).* (came within 0\.02 of|scored at least as well as) retraining every cycle \(mean accuracy 0\.\d+ against 0\.\d+\) for \d+(\.\d+)? units instead of 241\.65 units: every cycle bought (only 0\.\d+ more mean accuracy|no accuracy) for [\d.]+ units more\.$/,
  );
  assert.deepEqual(await runAxe(page), []);
  const race = page.locator('#policy-race');
  await race.scrollIntoViewIfNeeded();
  await race.screenshot({ path: join(SCREENSHOT_DIR, 'cost-policy-race-panel.png') });
  await app.screenshot(page, 'cost-policy-race');

  // Strong drift: never retraining falls below the threshold almost every cycle.
  await page.getByRole('slider', { name: 'Drift strength' }).fill('1');
  await page.getByRole('combobox', { name: 'Drift pattern' }).selectOption('incremental');
  await settle(page);
  await page.getByRole('button', { name: 'Run policy race' }).click();
  await settle(page);
  const below = (await table.locator('tbody tr td:nth-of-type(4)').allTextContents()).map(Number);
  const mean = (await table.locator('tbody tr td:nth-of-type(1)').allTextContents()).map(Number);
  assert.ok(below[0] >= 35, `never retrain below the threshold in ${below[0]} of 40 cycles`);
  assert.ok(mean[1] > mean[0] + 0.5, `every cycle ${mean[1]} vs never ${mean[0]}`);
});

test('policy race: the detector scorecard, the sensitivity sweep and its slider', async (t) => {
  // A sudden covariate drift watched by the KS test: on this stream α trades false alarms (0 at α = 0.001, 11 at 0.2).
  const { app, page } = await open(t, '/?kind=covariate&trigger=drift&detector=ks');
  await page.emulateMedia({ colorScheme: 'light' });
  // The settings show the chosen detector's slider only.
  assert.equal(await page.getByRole('slider', { name: 'KS α' }).count(), 1);
  assert.equal(await page.getByRole('slider', { name: 'ADWIN δ' }).count(), 0);
  await page.getByRole('button', { name: 'Run policy race' }).click();
  const race = page.locator('#policy-race');
  const table = page.getByTestId('race-table');
  await waitForText(table, /Never retrain/);
  await settle(page);

  // The scorecard columns, with header cells for columns and rows, and a caption stating the drift points and rules.
  const headers = (await table.locator('thead th[scope="col"]').allTextContents()).map((s) => s.trim());
  assert.deepEqual(headers.slice(-3), ['Time to detect', 'False alarms', 'Missed drifts']);
  assert.equal(await table.locator('tbody th[scope="row"]').count(), 5);
  const caption = (await table.locator('caption').textContent()).replace(/\s+/g, ' ').trim();
  assert.match(caption, /^Policy race over 40 cycles\. One drift point: the sudden drift's onset at cycle 3\./);
  assert.match(caption, /or in the 4 cycles after \(before the next drift point\).*missed; a retrain outside every such window is a false alarm\.$/);
  const column = async (id) => (await table.getByTestId(id).allTextContents()).map((s) => s.trim());
  const detect = await column('race-detect');
  const alarms = await column('race-false-alarms');
  const missed = await column('race-missed');
  assert.equal(detect[0], 'none detected', 'never retraining detects nothing');
  assert.equal(missed[0], '1 of 1');
  assert.equal(detect[1], '0 cycles', 'every cycle retrains in the drift’s own cycle');
  assert.equal(alarms[1], '35', 'every cycle: all but the 5 cycles of the window are false alarms');
  // The counts add up with the race's retrains: detections + false alarms never exceed them.
  const retrains = (await table.locator('tbody tr td:nth-of-type(2)').allTextContents()).map(Number);
  alarms.forEach((a, i) => assert.ok(Number(a) <= retrains[i], `${a} false alarms of ${retrains[i]} retrains`));

  // The sweep chart: its text alternative names every value, least sensitive first, and the one in force.
  const figure = race.locator('figure.chart-sweep');
  await page.waitForFunction(() => document.querySelector('figure.chart-sweep canvas')?.dataset.scheme === 'light');
  assert.match(await figure.locator('canvas').getAttribute('aria-label'), /^False alarms, missed drift points and mean time to detect of the KS test at 7 values of α, on the same stream\.$/);
  const sweepCaption = async () => (await figure.locator('figcaption').textContent()).replace(/\s+/g, ' ').trim();
  const before = await sweepCaption();
  assert.match(before, /^Each value is a full run of the retraining loop on the race's stream with only the KS test's α changed/);
  assert.match(before, /Least sensitive first\. α = 0\.001: \d+ false alarms?, \d+ missed, .*; α = 0\.2: .*\. In force: α = 0\.05\.$/);

  // The race's own slider, by keyboard: a larger α races again and the numbers follow.
  const slider = race.getByRole('slider', { name: 'KS α' });
  assert.equal(await slider.inputValue(), '0.05');
  const ksRow = table.locator('tbody tr', { hasText: 'Drift detected' });
  const ksBefore = (await ksRow.textContent()).trim();
  await slider.focus();
  await page.keyboard.press('End');
  await settle(page);
  await waitForText(figure.locator('figcaption'), /In force: α = 0\.2\.$/);
  await settle(page);
  assert.equal(await slider.inputValue(), '0.2');
  assert.equal(await slider.getAttribute('aria-valuetext'), '0.2');
  assert.notEqual((await ksRow.textContent()).trim(), ksBefore, 'the KS test’s row changed with α');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('alpha') === '0.2');
  // The settings' slider follows the same setting.
  assert.equal(await page.locator('#sensitivity').inputValue(), '0.2');

  assert.deepEqual(await runAxe(page), []);
  await race.scrollIntoViewIfNeeded();
  await race.screenshot({ path: join(SCREENSHOT_DIR, 'scorecard-policy-race-panel.png') });
  await figure.screenshot({ path: join(SCREENSHOT_DIR, 'scorecard-sweep-chart.png') });
  await app.screenshot(page, 'scorecard-policy-race');
});
