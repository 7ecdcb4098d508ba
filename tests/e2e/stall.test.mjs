// Journeys of a stalled drift detector: the notice says why from the run's own
// cycles (ADWIN fired at the drift, then saw a steady error rate), and each of
// its two buttons does what it says: the performance floor recovers the live
// model in this run; the restart starts the run again from v1, training on the
// newest batch only, and the retrain at the drift then deploys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground, settle, waitForText } from './harness.mjs';

const press = async (page, name) => { await page.getByRole('button', { name, exact: true }).click(); await settle(page); };
const cells = async (page, n) =>
  (await settle(page), await page.locator(`[data-testid=process-table] tbody tr[data-step="${n}"]`).locator('th, td').allTextContents()).map((s) => s.trim());
const text = async (page, id) => { await settle(page); return (await page.getByTestId(id).textContent()).trim(); };

/** Opens the scenario 'Drift detector stalls' by link and plays until the notice shows. */
async function stalled(t) {
  const { app, page } = await openPlayground(t, '/?scenario=drift-triggered', { viewport: { width: 1440, height: 900 } });
  await waitForText(page.getByTestId('scenario'), /Drift detector stalls/);
  for (let c = 0; c < 7; c++) await press(page, 'Finish cycle');
  assert.equal(await text(page, 'cycle'), '7');
  const stall = page.getByTestId('stall');
  await waitForText(stall, /Stuck for \d+ cycles: live v1 scores 0\.\d+, below the threshold 0\.80, and nothing retrains/);
  const why = await stall.textContent();
  // The detection the notice names is the run's own: ADWIN fired at cycle 3, where the drift began.
  assert.match(why, /ADWIN fires on a change in the live model's error rate, not on a bad level\. The stream drifted at cycle 3, and ADWIN fired then; since then the error rate has stayed high but steady/);
  assert.match(why, /changed mid-run, the window alone does nothing/);
  return { app, page, stall };
}

test('stall notice: the performance floor recovers the live model in this run', async (t) => {
  const { app, page, stall } = await stalled(t);
  await press(page, 'Add a performance floor');
  assert.ok(await page.getByRole('checkbox', { name: /Performance floor/ }).isChecked());
  assert.match(page.url(), /floor=1/);
  await press(page, 'Finish cycle');
  // The same run goes on (cycle 8), and the floor retrains at once.
  assert.equal(await text(page, 'cycle'), '8');
  assert.match((await cells(page, 3))[3], /^Training started \(performance floor: live accuracy 0\.\d+ < threshold 0\.80\)$/);
  for (let c = 0; c < 4; c++) await press(page, 'Finish cycle');
  assert.equal(await stall.count(), 0, 'the stall notice is gone');
  assert.notEqual(await text(page, 'live-version'), 'v1', 'a retrained model is live');
  const accuracy = Number(await text(page, 'accuracy'));
  assert.ok(accuracy > 0.8, `live accuracy recovered in this run: ${accuracy}`);
  await app.screenshot(page, 'stall-floor');
});

test('stall notice: the restart starts again on the newest batch, and the retrain at the drift deploys', async (t) => {
  const { app, page, stall } = await stalled(t);
  await press(page, 'Restart, training on new data only');
  // A new run: back at v1 before cycle 1, with the new window.
  await waitForText(page.getByTestId('notice'), /Reset: the run starts again at v1\./);
  assert.equal(await text(page, 'cycle'), '0');
  assert.equal(await text(page, 'live-version'), 'v1');
  assert.equal(await page.getByRole('combobox', { name: 'Training window' }).inputValue(), 'newest');
  assert.match(page.url(), /window=newest/);
  assert.equal(await stall.count(), 0, 'no stall in the new run');

  for (let c = 0; c < 3; c++) await press(page, 'Finish cycle');
  // Cycle 3: ADWIN fires at the drift, and the candidate, trained on the new batch only, passes.
  assert.match((await cells(page, 3))[3], /^Training started/);
  assert.match(await text(page, 'decision'), /Deployed: model v2 scored 0\.\d+ > threshold 0\.80; it replaces v1\./);
  for (let c = 0; c < 4; c++) await press(page, 'Finish cycle');
  assert.equal(await text(page, 'cycle'), '7');
  assert.equal(await stall.count(), 0, 'the restarted run does not stall');
  const accuracy = Number(await text(page, 'accuracy'));
  assert.ok(accuracy > 0.8, `live accuracy recovered in the restarted run: ${accuracy}`);
  await app.screenshot(page, 'stall-restart');
});
