// Journeys of the teaching layer: the visual quiz answered from what the page's
// table shows, predict before reveal, key moments, practice, a full Test
// yourself run, and progress that survives a reload (or is reset when corrupted).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground, settle, waitForText } from './harness.mjs';

const step = async (page) => { await page.getByRole('button', { name: 'Step', exact: true }).click(); await settle(page); };
const cells = async (page, n) =>
  (await settle(page), await page.locator(`[data-testid=process-table] tbody tr[data-step="${n}"]`).locator('th, td').allTextContents()).map((s) => s.trim());

const open = (t, path) => openPlayground(t, path, { settle: false });

/** Picks, in question card `card`, the option whose text matches `re`, and checks it. */
async function answer(card, re) {
  const option = card.locator('label.option').filter({ hasText: re });
  assert.equal(await option.count(), 1, `exactly one option matches ${re}`);
  await option.click();
  await card.getByRole('button', { name: 'Check answer' }).click();
  return (await card.locator('.question-result').textContent()).trim();
}

async function answerVisualQuizFromTable(page, seedLabel) {
  const version = (await cells(page, 4))[3].replace('New model ', '');
  const check = await cells(page, 6);
  const passed = check[3] === 'True';
  const cards = page.locator('#visual-quiz form.question');
  await waitForText(page.locator('#visual-quiz'), /Question 3 of 3/);
  assert.equal(await cards.count(), 3, seedLabel);

  const r1 = await answer(cards.nth(0), new RegExp(`^[A-D]\\.\\s*${version}$`));
  assert.match(r1, /^Correct/, `${seedLabel}: version after Step 4 is ${version}`);
  const r2 = await answer(cards.nth(1), /^[A-D]\.\s*Step 6\b/);
  assert.match(r2, /^Correct/);
  assert.ok(r2.includes(check[2]) || r2.includes(check[2].split(' > ')[0]), `${seedLabel}: explanation quotes ${check[2]}: ${r2}`);
  const third = cards.nth(2);
  const prompt = await third.locator('legend').textContent();
  if (!passed) {
    assert.match(prompt, /check was False/, seedLabel);
    assert.match(await answer(third, /Alert the team/), /^Correct/);
  } else {
    assert.match(prompt, /check was True/, seedLabel);
    assert.match(await answer(third, /Alert the team/), /^Correct/);
  }
  // After answering, the step-by-step solution is shown.
  await third.getByText('Step-by-step solution').waitFor();
}

test('visual quiz answered from the table, for several seeds and a failing check', async (t) => {
  const { app, page } = await open(t);
  await page.locator('#visual-quiz').getByText(/Step the cycle to Step 4/).waitFor();
  for (const seed of ['42', '7', '2024']) {
    const seedBox = page.getByRole('spinbutton', { name: 'Seed' });
    await seedBox.fill(seed);
    await seedBox.press('Enter');
    await page.getByRole('button', { name: 'Finish cycle' }).click();
    await page.getByRole('button', { name: 'Finish cycle' }).click();
    await answerVisualQuizFromTable(page, `seed ${seed}`);
  }
  // A strict threshold: this cycle's check fails and the quiz says so.
  await page.getByRole('slider', { name: 'Deploy threshold' }).fill('0.99');
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  assert.equal((await cells(page, 6))[3], 'False');
  await answerVisualQuizFromTable(page, 'threshold 0.99');
  await app.screenshot(page, 'learn-visual-quiz');
  await waitForText(page.getByTestId('progress'), /Answered 12 · correct 12/);
});

test('predict before reveal tells the student whether they were right', async (t) => {
  const { page } = await open(t);
  await page.getByRole('button', { name: 'Predict alert' }).click();
  await waitForText(page.getByTestId('prediction-result'), /Your prediction: an alert/);
  for (let i = 0; i < 6; i++) await step(page);
  const passed = (await cells(page, 6))[3] === 'True';
  const verdict = await waitForText(page.getByTestId('prediction-result'), /You predicted/);
  assert.ok(verdict);
  const text = await page.getByTestId('prediction-result').textContent();
  if (passed) assert.doesNotMatch(text, /you were right/);
  else assert.match(text, /you were right/);
});

test('a key moment highlights the row it explains', async (t) => {
  const { page } = await open(t);
  for (let i = 0; i < 6; i++) await step(page);
  await page.getByRole('button', { name: /^Show Step 6/ }).first().click();
  const row = page.locator('[data-testid=process-table] tbody tr[data-step="6"]');
  await waitForText(row, /Check performance/);
  assert.match(await row.getAttribute('class'), /highlighted/);
  await page.getByRole('button', { name: /^Show Step 6/ }).first().click();
  assert.doesNotMatch((await row.getAttribute('class')) ?? '', /highlighted/);
});

test('practice: the fixed snippet question has one right answer, with hint and solution', async (t) => {
  const { page } = await open(t);
  const practice = page.locator('#practice');
  await practice.getByRole('combobox', { name: 'Level' }).selectOption('medium');
  for (let i = 0; i < 10; i++) {
    if ((await practice.locator('form.question pre').count()) > 0) break;
    await practice.getByRole('button', { name: 'Next question' }).click();
  }
  const card = practice.locator('form.question');
  assert.match(await card.locator('pre').textContent(), /get_new_data\(\)/);
  await card.getByRole('button', { name: 'Show hint' }).click();
  await card.getByText(/^Hint:/).waitFor();
  // Keyboard: pick an option with the arrow keys, check with Enter.
  const options = card.locator('input[type=radio]');
  await options.first().focus();
  const texts = await card.locator('label.option').allTextContents();
  const right = texts.findIndex((s) => /get_new_data' is not defined/.test(s));
  assert.ok(right >= 0, `one option names the real NameError: ${texts.join(' | ')}`);
  for (let i = 0; i < right; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await waitForText(card.locator('.question-result'), /^Correct/);
  await card.getByText('Common mistakes').waitFor();
});

test('Test yourself: 10 questions, a score, the missed questions with their steps', async (t) => {
  const { app, page } = await open(t);
  const section = page.locator('#test-yourself');
  await section.getByRole('button', { name: 'Start the test' }).click();
  for (let i = 0; i < 10; i++) {
    const card = section.locator('form.question');
    await waitForText(section.locator('.test-progress'), new RegExp(`Question ${i + 1} of 10`));
    // Answer A every time: some right, some wrong.
    await card.locator('label.option').first().click();
    await card.getByRole('button', { name: 'Check answer' }).click();
    await section.getByRole('button', { name: i === 9 ? 'See your score' : 'Next question' }).click();
  }
  const [score] = await waitForText(page.getByTestId('test-score'), /\d+\/10/);
  const right = Number(score.split('/')[0]);
  const missed = await section.locator('ol.missed li').count();
  assert.equal(missed, 10 - right);
  if (missed > 0) assert.match(await section.locator('ol.missed').textContent(), /About Step \d: /);
  await app.screenshot(page, 'learn-test-result');
  await waitForText(page.getByTestId('progress'), new RegExp(`tests taken 1 · best test score ${right}/10`));

  // Progress survives a reload; Reset progress clears it.
  await page.reload();
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await waitForText(page.getByTestId('progress'), /Answered 10 · .* tests taken 1/);
  await page.getByRole('button', { name: 'Reset progress' }).click();
  await waitForText(page.getByTestId('progress'), /Answered 0 · correct 0/);
});

test('corrupted saved progress is ignored with a notice', async (t) => {
  const { page } = await open(t);
  // Wait until this page has loaded (and saved) its own progress: otherwise, on a
  // slow start, it saves over the corrupted value written below before the reload.
  await waitForText(page.getByTestId('progress'), /Answered 0/);
  // The page may still store its own first reply after that line shows: write the
  // corrupted value until it stays put, then reload.
  const corrupt = '{"version":1,"answered":3,"correct":9';
  for (let i = 0; i < 25; i++) {
    await page.evaluate((v) => localStorage.setItem('retrain-playground.quiz-progress', v), corrupt);
    await page.waitForTimeout(200);
    if ((await page.evaluate(() => localStorage.getItem('retrain-playground.quiz-progress'))) === corrupt) break;
  }
  await page.reload();
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await waitForText(page.getByTestId('progress-notice'), /could not be read and was reset/);
  await waitForText(page.getByTestId('progress'), /Answered 0/);
});

test('the visual quiz waits while the run plays, and is back about the cycle on screen after a pause', async (t) => {
  const { page } = await open(t);
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
  await waitForText(page.locator('#visual-quiz'), /Question 3 of 3 \(cycle 1\)/);
  // On screen (parts off screen keep their drawing while the run plays fast).
  await page.locator('#visual-quiz').scrollIntoViewIfNeeded();
  await page.selectOption('#speed', 'full');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForText(page.getByTestId('visual-quiz-waiting'), /The run is playing\. Pause it \(Space\) to answer questions about the cycle on screen\./);
  assert.equal(await page.locator('#visual-quiz form.question').count(), 0, 'no question about a cycle that is gone 0.1 s later');
  await page.getByRole('button', { name: 'Pause' }).click();
  await settle(page);
  const cycle = Number((await page.getByTestId('cycle').textContent()).trim());
  assert.ok(cycle > 1, `the run played on (cycle ${cycle})`);
  // Back to questions, about the cycle the page now shows (or a hint to finish it).
  await waitForText(page.locator('#visual-quiz'), new RegExp(`Question 1 of 3 \\(cycle ${cycle}\\)|Step the cycle to Step 4`));
  assert.equal(await page.getByTestId('visual-quiz-waiting').count(), 0);
});
