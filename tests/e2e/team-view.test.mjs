// Journeys of the team's view: the switch "What the team sees" (by keyboard)
// hides everything only the simulator knows — the drift chart, the true
// accuracy line, the rule in the scatter, the drift settings — and shows the
// inputs' KS test per feature; the student answers "Which drift is this?",
// reveals the truth and is graded. Links carry the view (`view=team`), and a
// teacher's lock (`lock=view`) leaves no switch, only the diagnosis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground, settle, waitForText } from './harness.mjs';

const finishCycles = async (page, n) => {
  for (let i = 0; i < n; i++) {
    await page.getByRole('button', { name: 'Finish cycle' }).click();
    await settle(page);
  }
};
const perfAria = (page) => page.locator('figure.chart-performance canvas').getAttribute('aria-label');
const perfCaption = (page) => page.locator('figure.chart-performance figcaption').textContent();
const scatterCaption = (page) => page.locator('figure.chart-scatter figcaption').textContent();
const TRUTH = /only the simulator knows|best possible|true (labelling )?rule|rotated|turned/i;

const expectTeamView = async (page) => {
  await page.getByTestId('team-note').waitFor();
  assert.equal(await page.locator('figure.chart-drift').count(), 0, 'no drift chart');
  assert.doesNotMatch(await perfAria(page), TRUTH);
  assert.doesNotMatch(await perfCaption(page), TRUTH);
  assert.match(await perfCaption(page), /In the team's view/);
  assert.doesNotMatch(await scatterCaption(page), /Green line|true labelling rule/);
  assert.match(await scatterCaption(page), /In the team's view the rule that labels the data is not drawn/);
  assert.equal(await page.getByRole('combobox', { name: /Drift kind/ }).count(), 0, 'no drift kind setting');
  assert.equal(await page.getByTestId('process-table').getByText(/rule rotated/).count(), 0);
  const ks = page.getByTestId('input-drift');
  await waitForText(ks.getByTestId('input-drift-caption'), /Kolmogorov–Smirnov \(KS\) test.*below α = 0\.05 counts as drift/);
  assert.ok((await ks.locator('tbody tr').count()) >= 1, 'one row per cycle');
};

test('the switch hides the truth by keyboard; a diagnosis reveals it and is graded', async (t) => {
  const { app, page } = await openPlayground(t, '/?seed=42&kind=concept&pattern=sudden&onset=2&delay=3');
  await finishCycles(page, 6);
  assert.equal(await page.locator('figure.chart-drift').count(), 1);
  assert.match(await perfAria(page), /only the simulator knows/);

  const toggle = page.getByRole('switch', { name: 'What the team sees' });
  assert.equal(await toggle.getAttribute('aria-checked'), 'false');
  await toggle.focus();
  await page.keyboard.press('Space');
  await settle(page);
  assert.equal(await toggle.getAttribute('aria-checked'), 'true');
  await expectTeamView(page);
  assert.match(page.url(), /view=team/);
  // Labels 3 cycles late: the newest batch has no classes yet, so the team
  // sees its points in grey, and no class counts.
  assert.match(await scatterCaption(page), /points in grey: their labels are not in yet \(they arrive 3 cycles later\)/);
  assert.doesNotMatch(await scatterCaption(page), /of class 0/);
  // A further cycle keeps the truth out.
  await finishCycles(page, 1);
  await expectTeamView(page);
  await app.screenshot(page, 'team-view-hidden');

  const reveal = page.getByRole('button', { name: 'Reveal the truth' });
  assert.ok(await reveal.isDisabled(), 'an answer first');
  await page.getByRole('radio', { name: /^Concept drift/ }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('radio', { name: /^Retrain on the newest/ }).check();
  await reveal.click();
  await settle(page);
  const grade = page.getByTestId('diagnosis-grade');
  await waitForText(grade, /^Right: concept drift.*The truth: a sudden concept drift from cycle 2; by cycle 7 the rule that labels the data had turned up to 108°/);
  assert.equal(await grade.getAttribute('data-kind-right'), 'yes');
  assert.equal(await page.locator('figure.chart-drift').count(), 1, 'the drift chart is back');
  assert.match(await perfAria(page), /only the simulator knows/);
  assert.match(await scatterCaption(page), /Green line/);
  assert.match(await scatterCaption(page), /of class 0 \(blue circles\)/, 'the classes are back');
  await app.screenshot(page, 'team-view-revealed');

  await page.getByRole('button', { name: "Back to the team's view" }).click();
  await settle(page);
  await expectTeamView(page);
  await toggle.click();
  await settle(page);
  assert.equal(await toggle.getAttribute('aria-checked'), 'false');
  assert.equal(await page.locator('figure.chart-drift').count(), 1);
  assert.doesNotMatch(page.url(), /view=team/);
});

test('a wrong answer is graded against the run\'s drift', async (t) => {
  const { page } = await openPlayground(t, '/?seed=7&kind=covariate&onset=2&view=team');
  assert.equal(await page.getByRole('switch', { name: 'What the team sees' }).getAttribute('aria-checked'), 'true');
  await finishCycles(page, 4);
  await expectTeamView(page);
  await page.getByRole('radio', { name: /^No drift/ }).check();
  await page.getByRole('radio', { name: /^Keep the live model/ }).check();
  await page.getByRole('button', { name: 'Reveal the truth' }).click();
  await settle(page);
  const grade = page.getByTestId('diagnosis-grade');
  await waitForText(grade, /^Not quite: you answered no drift.*and it was covariate drift.*A better next step here: wait for the new labels/);
  assert.equal(await grade.getAttribute('data-kind-right'), 'no');
});

test('a locked link has no switch; the truth comes back only with an answer', async (t) => {
  const { app, page } = await openPlayground(t, '/?seed=3&kind=prior&onset=2&view=team&lock=view');
  assert.equal(await page.getByRole('switch', { name: 'What the team sees' }).count(), 0);
  await waitForText(page.getByTestId('team-note'), /Your teacher locked this view/);
  assert.match(await page.getByTestId('share-link').inputValue(), /view=team&lock=view/);
  await finishCycles(page, 3);
  await expectTeamView(page);
  await page.getByRole('radio', { name: /^Prior shift/ }).check();
  await page.getByRole('radio', { name: /^Wait for the new labels/ }).check();
  await page.getByRole('button', { name: 'Reveal the truth' }).click();
  await settle(page);
  await waitForText(page.getByTestId('diagnosis-grade'), /^Right: prior shift.*Your next step fits/);
  assert.equal(await page.locator('figure.chart-drift').count(), 1);
  await app.screenshot(page, 'team-view-locked-revealed');
  await page.getByRole('button', { name: "Back to the team's view" }).click();
  await settle(page);
  await expectTeamView(page);
  assert.equal(await page.getByRole('switch', { name: 'What the team sees' }).count(), 0);
});
