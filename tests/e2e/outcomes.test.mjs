// Journeys of a cycle's typed outcome: every view (flow, code sample, banner,
// visual quiz, prediction) tells the same story outside the default mode — a
// scheduled cycle that does not fire, a champion/challenger rejection, a
// rewound deploy, and a drift detector that stalls until the page's fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground, settle, waitForText } from './harness.mjs';

const press = async (page, name) => { await page.getByRole('button', { name, exact: true }).click(); await settle(page); };
const cells = async (page, n) =>
  (await settle(page), await page.locator(`[data-testid=process-table] tbody tr[data-step="${n}"]`).locator('th, td').allTextContents()).map((s) => s.trim());
const text = async (page, id) => { await settle(page); return (await page.getByTestId(id).textContent()).trim(); };
const flow = (page) => page.locator('section.flow');
const activeCode = (page) => page.locator('.code-line.active');
const flowNode = (page, cls) => page.locator(`section.flow li.${cls}`);

const open = (t, path) => openPlayground(t, path, { viewport: { width: 1440, height: 900 } });

/** Answers visual-quiz question `n` (0-based) with the option whose text is `answer`. */
async function answerVisual(page, n, answer) {
  const option = page.locator(`label[for^="vq${n}-opt-"]`).filter({ has: page.locator('.option-text', { hasText: new RegExp(`^${answer}$`) }) });
  await option.click();
  await page.locator('form', { has: page.locator(`#vq${n}-opt-0`) }).getByRole('button', { name: 'Check answer' }).click();
  await settle(page);
  return (await page.locator(`#vq${n}-result`).textContent()).trim();
}

test('a scheduled cycle that does not fire: flow, code, banner, quiz and prediction all say kept, not retrained', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('combobox', { name: 'Retraining trigger' }).selectOption('schedule');
  await settle(page);
  // Three outcomes to predict when the trigger can skip; predict before the data arrives.
  await press(page, 'Predict kept (not retrained)');
  await waitForText(page.getByTestId('prediction-result'), /Your prediction: kept \(not retrained\)/);
  for (let i = 0; i < 3; i++) await press(page, 'Step');
  // Step 3 decided: the prediction is graded at once, from the outcome.
  await waitForText(page.getByTestId('prediction-result'), /You predicted kept \(not retrained\), and you were right: the trigger did not fire \(schedule `0 0 \* \* \*` next fires 2026-01-02 00:00/);
  assert.match(await text(page, 'decision'), /step 3 decided: keep v1 without retraining/);
  for (let i = 0; i < 4; i++) await press(page, 'Step');
  assert.equal(await flow(page).getAttribute('data-branch'), 'Kept');
  assert.match(await flowNode(page, 'kept-node').getAttribute('class'), /\btaken\b/);
  assert.match(await flowNode(page, 'deploy-node').getAttribute('class'), /\bnot-taken\b/);
  assert.match(await flowNode(page, 'alert-node').getAttribute('class'), /\bnot-taken\b/);
  assert.match(await flowNode(page, 'kept-node').textContent(), /v1 stays live, no alert/);
  assert.equal(await activeCode(page).getAttribute('data-line'), 'KeepReturn');
  assert.match(await activeCode(page).textContent(), /return model.*kept, not retrained: v1 stays live, no alert/s);
  assert.equal(await page.locator('.code-line[data-line="Deploy"] .code-note').count(), 0, 'deploy(new_model) has no note');
  assert.equal(await page.getByTestId('decision').getAttribute('data-outcome'), 'Kept');
  assert.match(await text(page, 'decision'), /^○ Kept, not retrained.*the trigger did not fire.*v1 stays live and nobody is alerted/s);
  assert.deepEqual((await cells(page, 7)).slice(1), ['Keep live model', 'Model v1', 'Model v1 stays live (not retrained, no alert)', 'Repeat cycle']);
  assert.match((await cells(page, 6))[3], /^Skipped: not retrained$/);
  // The visual quiz: no new version, step 3 decided, and nobody is alerted.
  assert.match(await answerVisual(page, 1, 'Step 3'), /^Correct/);
  assert.match(await answerVisual(page, 2, 'Nothing is trained and nobody is alerted: v1 stays live until the trigger fires'), /^Correct/);
  await app.screenshot(page, 'outcome-kept-not-retrained');
});

test('a champion/challenger rejection: the banner names the gate with both numbers', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('slider', { name: 'Champion margin' }).fill('0.1');
  await settle(page);
  await press(page, 'Finish cycle');
  const banner = await text(page, 'decision');
  assert.equal(await page.getByTestId('decision').getAttribute('data-outcome'), 'Alert');
  const m = banner.match(/scored (0\.\d+), above the threshold 0\.80, but the champion\/challenger gate needs live v1's (0\.\d+) \+ margin 0\.10 = (0\.\d+), and (0\.\d+) < (0\.\d+); v1 stays live\./);
  assert.ok(m, banner);
  const [, score, live, need] = m.map(Number);
  assert.ok(score > 0.8 && score < need, `${score} > 0.80 and < ${need}`);
  assert.ok(Math.abs(live + 0.1 - need) < 0.0015, `${live} + 0.10 = ${need}`);
  const check = await cells(page, 6);
  assert.match(check[2], /^0\.\d+ > 0\.80 and 0\.\d+ ≥ live 0\.\d+ \+ 0\.10 \(= 0\.\d+\)$/);
  assert.equal(check[3], 'False (champion/challenger gate)');
  await app.screenshot(page, 'outcome-champion-gate');
});

test('a rewound cycle that deployed shows its candidate\'s score in the flow and the code sample', async (t) => {
  const { app, page } = await open(t);
  await press(page, 'Finish cycle');
  const live = await cells(page, 6);
  assert.equal(live[3], 'True');
  await press(page, 'Finish cycle');
  await page.getByRole('slider', { name: 'Cycle to view' }).fill('1');
  await press(page, 'View cycle');
  await waitForText(page.getByTestId('timeline-status'), /^Viewing cycle 1 of 2/);
  const detail = (await flow(page).locator('li.decision-node .flow-detail').textContent()).trim();
  assert.equal(detail, `${live[2]}: True`);
  assert.match((await flow(page).locator('li.flow-node', { hasText: 'Evaluate model performance' }).textContent()), /= 0\.\d+/);
  assert.equal(await flow(page).getAttribute('data-branch'), 'Deploy');
  assert.match(await page.locator('.code-line[data-line="Check"] .code-note').textContent(), new RegExp(`${live[2].replace(/[.]/g, '\\.')} → True`));
  assert.match(await text(page, 'decision'), /Deployed: model v2 scored 0\.\d+ > threshold 0\.80; it replaces v1\./);
  await app.screenshot(page, 'outcome-rewound-deploy');
});

test('the drift-triggered scenario shows the stall, why, and the fix', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('drift-triggered');
  await press(page, 'Load scenario');
  await waitForText(page.getByTestId('scenario'), /Drift detector stalls/);
  for (let c = 0; c < 7; c++) await press(page, 'Finish cycle');
  const stall = page.getByTestId('stall');
  await waitForText(stall, /Stuck for \d+ cycles: live v1 scores 0\.\d+, below the threshold 0\.80/);
  const why = await stall.textContent();
  assert.match(why, /ADWIN fires on a change in the live model's error rate, not on a bad level/);
  assert.match(why, /add a performance floor as a second trigger/);
  assert.match((await cells(page, 3))[3], /^Not triggered: ADWIN sees no change in the error rate$/);
  await app.screenshot(page, 'outcome-stall');

  await press(page, 'Add a performance floor');
  assert.ok(await page.getByRole('checkbox', { name: /Performance floor/ }).isChecked());
  await press(page, 'Finish cycle');
  assert.match((await cells(page, 3))[3], /^Training started \(performance floor: live accuracy 0\.\d+ < threshold 0\.80\)$/);
  for (let c = 0; c < 3; c++) await press(page, 'Finish cycle');
  assert.equal(await stall.count(), 0, 'the stall notice is gone');
  const accuracy = Number(await text(page, 'accuracy'));
  assert.ok(accuracy > 0.8, `live accuracy recovered: ${accuracy}`);
  await app.screenshot(page, 'outcome-stall-fixed');
});
