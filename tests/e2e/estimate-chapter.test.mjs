// Guide chapter 10, "Can you see drift before the labels arrive?"
// (src/sim/teach/guide/, its claims in tests/guide_claims.rs): opened by a
// link, the prediction answered with the keyboard only, both drift kinds run
// (covariate, then concept at 180° through the chapter's own control), and the
// reveal names what the estimate did: it follows the truth under covariate
// drift, and stays high while the truth collapses under concept drift (the
// model is confidently wrong; only labels show it). axe finds nothing on the
// chapter, before its run and after each reveal, in light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, runAxe, settle, waitForText } from './harness.mjs';

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const OPTIONS = [
  'It follows the true accuracy: the team sees what the drift does without labels',
  'It stays high while the true accuracy collapses: only labels show the drop',
  'It falls well below the true accuracy: a false alarm',
];

/** Tabs to the prediction, picks option `index` with the arrow keys, Tabs to Run and presses Enter. */
async function predictByKeyboard(page, index) {
  await page.evaluate(() => document.activeElement?.blur());
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.name === 'guide-prediction')) && guard++ < 40) {
    await page.keyboard.press('Tab');
  }
  assert.ok(guard < 40, 'the prediction is reachable with Tab');
  await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel(OPTIONS[index], { exact: true }).isChecked(), true, `option ${index} is chosen`);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Run 10 cycles');
  await page.keyboard.press('Enter');
  const reveal = page.getByTestId('reveal');
  await reveal.waitFor({ timeout: 60_000 });
  await settle(page);
  return (await reveal.innerText()).replace(/\s+/g, ' ');
}

test('chapter 10 by link: predict by keyboard, covariate then concept drift, the reveal names what the estimate did', async (t) => {
  const app = await launchApp(t, { guide: true, viewport: { width: 1440, height: 900 } });
  const page = await app.open('/?chapter=10');
  await waitForText(page.locator('#chapter-title'), /^Can you see drift before the labels arrive\?$/);
  await settle(page);
  assert.equal((await page.locator('.chapter-count').textContent()).trim(), 'Chapter 10 of 10');
  const axeFindings = [];
  const axe = async (where) => {
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const violations = await runAxe(page, { tags: AXE_TAGS });
      console.log(`# axe ${where}, ${scheme}: ${violations.length} violation(s)`);
      for (const v of violations) axeFindings.push(`${where}, ${scheme}: ${v}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  await axe('chapter 10 before its run');
  const options = (await page.locator('fieldset.prediction label').allTextContents()).map((o) => o.trim());
  assert.deepEqual(options, OPTIONS);
  const kind = page.getByLabel('Drift kind', { exact: true });
  assert.equal(await kind.inputValue() !== '', true);

  // Covariate drift (the chapter's first run): the estimate follows the truth.
  await kind.selectOption({ label: 'Covariate drift (the inputs move)' });
  assert.match(await page.locator('fieldset.prediction legend').innerText(), /Labels arrive 3 cycles late and the inputs slide/);
  let text = await predictByKeyboard(page, 0);
  assert.match(text, /You predicted it\./);
  assert.match(text, /What happened: It follows the true accuracy/);
  const [, e1, t1] = text.match(/the estimate averaged ([\d.]+) while the true accuracy, which only the simulator knows, averaged ([\d.]+)/) ?? [];
  assert.ok(e1 && Math.abs(Number(e1) - Number(t1)) <= 0.08, text);
  assert.match(text, /The inputs moved, not the rule: where v1 is sure it is still right, so its confidence stayed an honest guess of its accuracy/);
  const aria = await page.locator('.guide-panels figure.chart-performance canvas').getAttribute('aria-label');
  assert.match(aria, /Three lines for the live model/, 'the chart draws measured, estimated and true');
  await axe('chapter 10 after the covariate reveal');

  // Concept drift, the rule turned 180°: the estimate stays high, only labels show it.
  await page.getByRole('button', { name: 'Change a setting and run again', exact: true }).click();
  await page.getByTestId('reveal').waitFor({ state: 'detached' });
  await kind.selectOption({ label: 'Concept drift (the rule changes)' });
  assert.match(await page.locator('fieldset.prediction legend').innerText(), /the rule turns while the inputs look as before/);
  text = await predictByKeyboard(page, 1);
  assert.match(text, /You predicted it\./);
  assert.match(text, /What happened: It stays high while the true accuracy collapses/);
  const [, e2, t2] = text.match(/the estimate averaged ([\d.]+) while the true accuracy, which only the simulator knows, averaged ([\d.]+)/) ?? [];
  assert.ok(e2 && Number(e2) - Number(t2) > 0.6, text);
  assert.match(text, /The rule turned 180° but the inputs looked as before, so v1 was as sure as ever and wrong: confidently wrong\./);
  assert.match(text, /Only labels showed it: at cycle 6 the labels of cycle 3 came in and the team measured [\d.]+\./);
  await axe('chapter 10 after the concept reveal');
  assert.match(page.url(), /[?&]chapter=10(&|$)/, 'the address keeps the chapter');
  assert.deepEqual(axeFindings, [], 'axe finds nothing on chapter 10');
});
