// The guided first visit: a fresh profile opens chapter 1 with only a few
// controls; a student works through chapters 1–3 by visible labels only
// (predict, run, read the reveal, Next); a reload resumes where they are;
// `?chapter=N` opens a chapter; the Playground switch shows every control;
// reveals quote the run on screen (two seeds); keyboard-only and axe-clean in
// light and dark; screenshots at desk, phone and projector sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, runAxe, settle, waitForText } from './harness.mjs';

/** Interactive elements a student can see and reach in the viewport. */
async function visibleControls(page) {
  return page.evaluate(() => {
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'
        && r.bottom > 0 && r.top < innerHeight && !el.closest('[aria-hidden="true"]');
    };
    return [...document.querySelectorAll(sel)].filter(shown).map((el) => {
      const label = el.labels?.[0]?.textContent || el.getAttribute('aria-label') || el.textContent || el.id;
      return `${el.tagName.toLowerCase()}: ${label.trim().slice(0, 40)}`;
    });
  });
}

/** Chooses a prediction by its visible label, runs, and waits for the reveal. */
async function predictAndRun(page, option) {
  await page.getByLabel(option, { exact: true }).check();
  await page.getByRole('button', { name: /^(Run \d+ cycles?|Race the policies)/ }).click();
  const reveal = page.getByTestId('reveal');
  await reveal.waitFor({ timeout: 60_000 });
  await settle(page);
  return (await reveal.textContent()).trim();
}

async function chapterTitle(page) {
  return (await page.locator('#chapter-title').textContent()).trim();
}

test('a first visit is guided: chapters 1-3 by visible labels, resumes at 4, chapter links, Playground shows every control', async (t) => {
  const app = await launchApp(t, { guide: true, viewport: { width: 1440, height: 900 } });
  const page = await app.open('/');
  await page.locator('#chapter-title').waitFor();
  assert.equal(await chapterTitle(page), 'A model goes stale');
  assert.equal(await page.locator('.app').getAttribute('data-view'), 'guide');
  const controls = await visibleControls(page);
  assert.ok(controls.length <= 6, `at most six controls at chapter 1, got ${controls.length}:\n${controls.join('\n')}`);
  assert.match(page.url(), /\?chapter=1$/, 'the address links to the chapter');
  // Run is only possible after a prediction.
  assert.equal(await page.getByRole('button', { name: 'Run 8 cycles' }).isDisabled(), true);

  // Chapter 1: v1 goes stale (the default rule turns 108°).
  let reveal = await predictAndRun(page, 'Below 0.5: worse than a coin flip');
  assert.match(reveal, /You predicted it\./);
  assert.match(reveal, /What happened: Below 0\.5/);
  assert.match(reveal, /past 90°/);
  const v1 = (await page.getByTestId('v1-accuracy').textContent()).trim();
  assert.match(reveal, new RegExp(`and ${v1.replace('.', '\\.')} on cycle 8's`), 'the reveal quotes the v1 score on screen');
  await page.getByRole('button', { name: 'Next chapter' }).click();

  // Chapter 2: retraining every cycle recovers.
  await waitForText(page.locator('#chapter-title'), /Retrain on new data/);
  assert.match(page.url(), /\?chapter=2$/);
  await page.getByLabel('Training window').selectOption({ label: 'Newest batch only' });
  reveal = await predictAndRun(page, 'Within 2 cycles of the drift');
  assert.match(reveal, /Trained on the newest batch only/);
  assert.match(reveal, /candidates were trained and \d+ deployed/);
  await page.getByRole('button', { name: 'Next chapter' }).click();

  // Chapter 3: an impossible threshold alerts every cycle.
  await waitForText(page.locator('#chapter-title'), /Deploy or alert/);
  reveal = await predictAndRun(page, 'None of them');
  assert.match(reveal, /You predicted it\./);
  assert.match(reveal, /0 deployed and 6 alerts were sent/);
  assert.match(reveal, /above what any model can expect/);
  await page.getByRole('button', { name: 'Next chapter' }).click();
  await waitForText(page.locator('#chapter-title'), /When to retrain/);
  await app.screenshot(page, 'guide-chapter-4-1440');

  // A reload resumes at chapter 4, and so does the bare address (saved progress).
  await page.reload();
  await waitForText(page.locator('#chapter-title'), /When to retrain/);
  const bare = await app.open('/');
  await waitForText(bare.locator('#chapter-title'), /When to retrain/);
  const options = await bare.locator('#chapter-select option').allTextContents();
  assert.deepEqual(options.slice(0, 3).map((o) => o.endsWith('✓')), [true, true, true], options.join(' | '));
  await bare.close();

  // A teacher's chapter link.
  const five = await app.open('/?chapter=5');
  await waitForText(five.locator('#chapter-title'), /Bad data/);
  reveal = await predictAndRun(five, 'Retraining is skipped: the live model stays');
  assert.match(reveal, /missing values, data validation on: validation failed/);

  // The Playground switch: every control, and the address holds the settings.
  await five.getByRole('button', { name: 'Playground: every control' }).click();
  await five.locator('.app[data-view="playground"]').waitFor();
  for (const id of ['#drift-strength', '#threshold', '#label-noise', '#drift-speed', '#batch-size', '#drift-kind',
    '#drift-pattern', '#model', '#window', '#trigger', '#validate', '#seed']) {
    assert.ok(await five.locator(id).isVisible(), `${id} is visible in the playground`);
  }
  for (const name of ['Step', 'Finish cycle', 'Play', 'Reset', 'Run policy race']) {
    assert.ok(await five.getByRole('button', { name, exact: true }).isVisible(), `${name} button`);
  }
  assert.match(five.url(), /seed=2026&kind=concept/);
  // ... and Guide returns to the saved chapter.
  await five.getByRole('button', { name: /^Guide: chapter 5 of 6$/ }).click();
  await waitForText(five.locator('#chapter-title'), /Bad data/);
});

test('reveals quote the run on screen, for two seeds', async (t) => {
  const app = await launchApp(t, { guide: true });
  const texts = [];
  for (const query of ['?chapter=1', '?chapter=1&seed=7']) {
    const page = await app.open(`/${query}`);
    await page.locator('#chapter-title').waitFor();
    const reveal = await predictAndRun(page, 'Clearly lower, but still above 0.5');
    assert.match(reveal, /Not what you predicted\./);
    const v1 = (await page.getByTestId('v1-accuracy').textContent()).trim();
    assert.ok(reveal.includes(`and ${v1} on cycle 8's`), `${query}: ${reveal} (v1 on screen ${v1})`);
    texts.push(reveal);
    await page.close();
  }
  assert.notEqual(texts[0], texts[1], 'another seed, another run, other numbers');
});

test('a chapter works from the keyboard alone and is axe-clean in light and dark', async (t) => {
  const app = await launchApp(t, { guide: true, viewport: { width: 1280, height: 800 } });
  const page = await app.open('/?chapter=3');
  await page.locator('#chapter-title').waitFor();
  await settle(page);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await runAxe(page);
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), [], `axe (${scheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Tab to the first prediction, pick the third with the arrow keys, Tab to Run, Enter.
  await page.locator('body').focus();
  let guard = 0;
  while (!(await page.evaluate(() => document.activeElement?.name === 'guide-prediction')) && guard++ < 30) {
    await page.keyboard.press('Tab');
  }
  assert.ok(guard < 30, 'the prediction is reachable with Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByLabel('None of them', { exact: true }).isChecked(), true);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Run 6 cycles');
  await page.keyboard.press('Enter');
  await page.getByTestId('reveal').waitFor({ timeout: 60_000 });
  await settle(page);
  assert.match(await page.getByTestId('reveal').textContent(), /You predicted it\./);
  const violations = await runAxe(page);
  assert.deepEqual(violations.map((v) => `${v.id}: ${v.help}`), [], 'axe after the reveal');
});

test('the guide reads at desk, phone and projector sizes, light and dark (screenshots)', async (t) => {
  const sizes = [
    { name: '1440', viewport: { width: 1440, height: 900 }, query: '?chapter=1' },
    { name: '390', viewport: { width: 390, height: 844 }, query: '?chapter=1' },
    { name: '1920-presenter', viewport: { width: 1920, height: 1080 }, query: '?chapter=1&presenter=1' },
  ];
  for (const size of sizes) {
    const app = await launchApp(t, { guide: true, viewport: size.viewport });
    const page = await app.open(`/${size.query}`);
    await page.locator('#chapter-title').waitFor();
    await predictAndRun(page, 'Below 0.5: worse than a coin flip');
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.waitForTimeout(200);
      await app.screenshot(page, `guide-${size.name}-${scheme}`);
    }
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `no horizontal scroll at ${size.name} (${overflow} px too wide)`);
    if (size.name.includes('presenter')) {
      const body = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.guide p:not(.chapter-count)')).fontSize));
      assert.ok(body >= 24, `presenter body text ${body} px ≥ 24 px`);
    }
  }
});
