// Journeys of the real retraining loop: each trigger, data validation and each
// injected fault, the champion/challenger gate, rollback and the policy race.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, settle, waitForText } from './harness.mjs';

const finishCycle = async (page) => { await page.getByRole('button', { name: 'Finish cycle' }).click(); await settle(page); };
const cells = async (page, n) =>
  (await settle(page), await page.locator(`[data-testid=process-table] tbody tr[data-step="${n}"]`).locator('th, td').allTextContents()).map((s) => s.trim());
const text = async (page, id) => { await settle(page); return (await page.getByTestId(id).textContent()).trim(); };

async function open(t) {
  const app = await launchApp(t);
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  return { app, page };
}

async function setTrigger(page, key) {
  await page.getByRole('combobox', { name: 'Retraining trigger' }).selectOption(key);
}

test('schedule trigger: daily at midnight fires every 4th six-hour cycle; invalid cron is refused', async (t) => {
  const { app, page } = await open(t);
  await setTrigger(page, 'schedule');
  const cron = page.getByRole('textbox', { name: 'Cron schedule' });
  assert.equal(await cron.inputValue(), '0 0 * * *');
  for (let c = 1; c <= 4; c++) {
    await finishCycle(page);
    const step3 = (await cells(page, 3))[3];
    if (c < 4) {
      assert.match(step3, /^Not triggered: schedule `0 0 \* \* \*` next fires 2026-01-02 00:00/);
      assert.equal((await cells(page, 7))[1], 'Keep live model');
      assert.match(await text(page, 'decision'), /Kept, not retrained: the trigger did not fire \(schedule `0 0 \* \* \*` next fires/);
    } else {
      assert.match(step3, /^Training started \(schedule `0 0 \* \* \*` fired at 2026-01-02 00:00/);
    }
  }
  await waitForText(page.getByTestId('trigger-detail'), /Clock 2026-01-02 00:00/);
  await app.screenshot(page, 'retraining-schedule');

  await cron.fill('0 24 * * *');
  await cron.press('Enter');
  await waitForText(page.getByTestId('notice'), /Cron schedule: .*24/);
  await setTrigger(page, 'every');
});

test('drift detected: ADWIN and the KS test fire at the drift, not before', async (t) => {
  const { page } = await open(t);
  await setTrigger(page, 'drift');
  await finishCycle(page);
  await finishCycle(page);
  assert.match((await cells(page, 3))[3], /^Not triggered/);
  await waitForText(page.getByTestId('trigger-detail'), /ADWIN keeps a window of \d+ recent errors/);
  await finishCycle(page); // cycle 3: sudden concept drift
  assert.match((await cells(page, 3))[3], /^Training started \(ADWIN detected a change in the live model's error rate\)$/);

  await page.getByRole('slider', { name: 'Drift strength' }).fill('1');
  await page.getByRole('combobox', { name: 'Drift kind' }).selectOption('covariate');
  await page.getByRole('combobox', { name: 'Drift detector' }).selectOption('ks');
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('5');
  await page.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
  await finishCycle(page);
  assert.match((await cells(page, 3))[3], /^Not triggered: KS test p = /);
  await finishCycle(page);
  await finishCycle(page);
  assert.match((await cells(page, 3))[3], /^Training started \(KS test detected input drift/);
  await waitForText(page.getByTestId('trigger-detail'), /feature 1 D = 0\.\d+ \(p = /);
});

test('performance drop and never: retraining only when the live model falls below the threshold', async (t) => {
  const { page } = await open(t);
  await setTrigger(page, 'drop');
  await finishCycle(page);
  assert.match((await cells(page, 3))[3], /^Not triggered: live accuracy 0\.\d\d ≥ threshold 0\.80/);
  await finishCycle(page);
  await finishCycle(page);
  assert.match((await cells(page, 3))[3], /^Training started \(performance dropped: live accuracy 0\.\d\d < threshold 0\.80\)/);

  await setTrigger(page, 'never');
  for (let i = 0; i < 3; i++) await finishCycle(page);
  assert.match((await cells(page, 3))[3], /^Not triggered: this policy never retrains/);
});

test('validation catches each injected fault and names the failed check', async (t) => {
  const { app, page } = await open(t);
  const cases = [
    ['missing', /no missing values: \d+ rows have missing values/],
    ['single-class', /both classes present: every label is class 1/],
    ['out-of-range', /plausible feature ranges: \d+ rows have feature \d far outside/],
    ['flipped', /labels valid: the live model agrees with only \d+% of the new labels/],
  ];
  // No drift: on a drifting stream, flipped labels and a reversed world look alike.
  await page.getByRole('slider', { name: 'Drift strength' }).fill('0');
  await finishCycle(page);
  for (const [fault, re] of cases) {
    const live = await text(page, 'live-version');
    await page.getByRole('combobox', { name: 'Inject a fault' }).selectOption(fault);
    await page.getByRole('button', { name: 'Inject into next batch' }).click();
    await waitForText(page.getByTestId('fault-status'), /Next batch will arrive with/);
    await finishCycle(page);
    assert.match((await cells(page, 3))[3], /^Blocked by data validation/);
    const decision = await text(page, 'decision');
    assert.match(decision, /Alert: data validation failed/);
    assert.match(decision, re, `${fault}: ${decision}`);
    assert.equal(await text(page, 'live-version'), live, 'the live model stays');
    await page.getByTestId('validation').getByText(/failed/).first().waitFor();
  }
  await app.screenshot(page, 'retraining-validation');
});

test('with validation off, flipped labels deploy a bad model', async (t) => {
  const { page } = await open(t);
  await page.getByRole('checkbox', { name: 'Validate data before retraining' }).uncheck();
  await page.getByRole('slider', { name: 'Drift strength' }).fill('0');
  await page.getByRole('combobox', { name: 'Training window' }).selectOption('newest');
  await finishCycle(page);
  await page.getByRole('combobox', { name: 'Inject a fault' }).selectOption('flipped');
  await page.getByRole('button', { name: 'Inject into next batch' }).click();
  await finishCycle(page);
  assert.match(await text(page, 'decision'), /^.*Deployed: model v3/);
  await finishCycle(page);
  // The flipped model now serves clean data: its accuracy collapses.
  const step2 = (await cells(page, 2))[3];
  const m = step2.match(/v3 scores (0\.\d\d) on it/);
  assert.ok(m && Number(m[1]) < 0.3, step2);
});

test('champion/challenger gate and rollback', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('slider', { name: 'Drift strength' }).fill('0');
  await finishCycle(page);
  await finishCycle(page);
  assert.equal(await text(page, 'live-version'), 'v3');
  await page.getByRole('button', { name: 'Make v2 live' }).click();
  await waitForText(page.getByTestId('notice'), /Rolled back: model v2 is live again/);
  assert.equal(await text(page, 'live-version'), 'v2');
  await page.getByText(/Who replaced whom \(3 changes\)/).click();
  await page.getByText('cycle 2: rolled back to v2, replacing v3').waitFor();

  await page.getByRole('slider', { name: 'Champion margin' }).fill('0.1');
  await finishCycle(page);
  assert.match((await cells(page, 6))[2], /^0\.\d+ > 0\.80 and 0\.\d+ ≥ live 0\.\d+ \+ 0\.10 \(= 0\.\d+\)$/);
  assert.match(await text(page, 'decision'), /champion\/challenger gate needs live v2's 0\.\d+ \+ margin 0\.10 = 0\.\d+, and 0\.\d+ < 0\.\d+; v2 stays live/);
  await app.screenshot(page, 'retraining-rollback-gate');
});

test('policy race: five policies on the same stream', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('slider', { name: 'Drift strength' }).fill('1');
  await page.getByRole('combobox', { name: 'Drift pattern' }).selectOption('incremental');
  await page.getByRole('button', { name: 'Run policy race' }).click();
  const table = page.getByTestId('race-table');
  await waitForText(table, /Never retrain/);
  const rows = await table.locator('tbody tr').allTextContents();
  assert.equal(rows.length, 5);
  const retrains = await table.locator('tbody tr td:nth-of-type(2)').allTextContents();
  assert.equal(retrains[0].trim(), '0', 'never retrains');
  assert.equal(retrains[1].trim(), '40', 'every cycle retrains 40 times');
  const mean = (await table.locator('tbody tr td:nth-of-type(1)').allTextContents()).map(Number);
  assert.ok(mean[1] > mean[0] + 0.1, `every cycle ${mean[1]} beats never ${mean[0]}`);
  await page.locator('#policy-race').scrollIntoViewIfNeeded();
  await app.screenshot(page, 'retraining-policy-race');
});
