// Accessibility journeys: an axe-core scan (WCAG 2.x A/AA) of every view of the
// page, in the light and the dark theme, must report zero violations; and the
// whole loop, the threshold and the visual quiz work with the keyboard alone,
// with the focus always visible.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, runAxe, settle, waitForText } from './harness.mjs';

const button = (page, name) => page.getByRole('button', { name, exact: true });
const press = async (page, name) => {
  await button(page, name).click();
  await settle(page);
};

/** Opens the page in `scheme` ('light' or 'dark'), then scans each view in turn. */
async function scanAllViews(t, scheme) {
  const app = await launchApp(t);
  const page = await app.open('about:blank');
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(new URL('/', app.baseUrl).href, { waitUntil: 'load' });
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  assert.equal(
    await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches),
    scheme === 'dark',
    `the page sees the ${scheme} theme`,
  );

  const results = [];
  const scan = async (view) => {
    await settle(page);
    const violations = await runAxe(page);
    console.log(`# a11y [${scheme}] ${view}: ${violations.length} violation(s)`);
    for (const v of violations) console.log(`#   ${v}`);
    results.push({ view, violations });
    await app.screenshot(page, `a11y-${scheme}-${view}`);
  };

  await scan('fresh');

  for (let i = 0; i < 5; i++) await press(page, 'Step');
  await scan('mid-cycle');

  await page.getByRole('slider', { name: 'Deploy threshold' }).fill('0.99');
  await settle(page);
  // The new threshold applies from the next decision on: finish cycles until one alerts.
  let cycles = 0;
  do {
    await press(page, 'Finish cycle');
    cycles += 1;
  } while (!/alert/i.test(await page.locator('.decision').textContent()) && cycles < 3);
  await waitForText(page.locator('.decision'), /alert/i);
  await scan('alert');

  // At least three finished cycles, then rewind to cycle 2.
  while (cycles < 3) {
    await press(page, 'Finish cycle');
    cycles += 1;
  }
  await page.getByRole('slider', { name: 'Cycle to view' }).fill('2');
  await press(page, 'View cycle');
  await waitForText(page.getByTestId('timeline-status'), /^Viewing cycle 2 of/);
  await scan('rewound');
  await press(page, 'Back to live');

  // The team's view: the switch on, the diagnosis asked, then answered and revealed.
  await page.getByRole('switch', { name: 'What the team sees' }).click();
  await page.getByTestId('diagnosis').waitFor();
  await scan('team-view');
  await page.getByRole('radio', { name: /^Concept drift/ }).check();
  await page.getByRole('radio', { name: /^Retrain on the newest/ }).check();
  await press(page, 'Reveal the truth');
  await page.getByTestId('diagnosis-grade').waitFor();
  await scan('team-view-revealed');
  await page.getByRole('switch', { name: 'What the team sees' }).click();
  await settle(page);

  await press(page, 'Run policy race');
  await page.locator('#policy-race table, #policy-race canvas').first().waitFor();
  await scan('policy-race');

  await press(page, 'Measure training time');
  await page.locator('[data-testid="training-time-table"] tr[data-rows="100000"]').waitFor({ timeout: 60_000 });
  await scan('training-time');

  // Practice / Test yourself: start the test and answer one question.
  const section = page.locator('#test-yourself');
  await section.getByRole('button', { name: 'Start the test' }).click();
  const card = section.locator('form.question');
  await card.locator('label.option').first().click();
  await card.getByRole('button', { name: 'Check answer' }).click();
  await card.locator('.question-result').waitFor();
  // And one practice question answered.
  const practice = page.locator('#practice form.question');
  await practice.locator('label.option').first().click();
  await practice.getByRole('button', { name: 'Check answer' }).click();
  await practice.locator('.question-result').waitFor();
  await scan('practice-and-test');

  // A phone-sized window: wide tables and code scroll sideways (and stay reachable by keyboard).
  await page.setViewportSize({ width: 600, height: 900 });
  await scan('phone-width');
  await page.setViewportSize({ width: 1280, height: 800 });

  await press(page, 'Presenter view');
  await page.locator('.app.presenter').waitFor();
  await scan('presenter');

  const failing = results.filter((r) => r.violations.length > 0);
  assert.equal(
    failing.length,
    0,
    `axe violations in the ${scheme} theme:\n` +
      failing.map((r) => `  ${r.view}:\n    - ${r.violations.join('\n    - ')}`).join('\n'),
  );
}

test('axe: zero WCAG A/AA violations on every view (light theme)', async (t) => {
  await scanAllViews(t, 'light');
});

test('axe: zero WCAG A/AA violations on every view (dark theme)', async (t) => {
  await scanAllViews(t, 'dark');
});

/** What has the focus: tag, accessible-ish name, and whether its focus ring shows. */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
    const shadow = cs.boxShadow && cs.boxShadow !== 'none';
    const label = el.labels?.[0]?.textContent?.trim() ?? '';
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') ?? '',
      text: (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60),
      label,
      id: el.id,
      visible: Boolean(outline || shadow),
      ring: `${cs.outlineStyle} ${cs.outlineWidth} / ${cs.boxShadow}`,
    };
  });

/** Presses Tab (or Shift+Tab) until `match(focused)` holds; checks the focus ring on the way. */
async function tabTo(page, match, { back = false, max = 200 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (!f) continue;
    assert.ok(f.visible, `focus is visible on ${f.tag} "${f.text || f.label}" (${f.ring})`);
    if (match(f)) return f;
  }
  throw new Error(`Tab never reached the wanted element within ${max} presses`);
}

test('keyboard only: a full cycle, the threshold, and a visual quiz answer', async (t) => {
  const app = await launchApp(t);
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  const stepCell = () => page.locator('[data-testid=process-table] tbody tr[data-step]');

  // → steps the loop (page shortcut), one step at a time.
  await page.keyboard.press('ArrowRight');
  await settle(page);
  await waitForText(page.locator('[data-testid=process-table]'), /Collect|collect/);

  // Tab to "Step" and press Enter on it, then to "Finish cycle".
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Step');
  await page.keyboard.press('Enter');
  await settle(page);
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Finish cycle');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await stepCell().count(), 8, 'a full cycle has eight rows');
  await waitForText(page.locator('.decision'), /deploy|alert/i);

  // The deploy threshold moves with the arrow keys.
  const slider = page.getByRole('slider', { name: 'Deploy threshold' });
  const shown = page.locator('.field', { has: slider }).locator('.field-value');
  const before = (await shown.textContent()).trim();
  await tabTo(page, (f) => f.tag === 'input' && f.label === 'Deploy threshold');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await settle(page);
  const after = (await shown.textContent()).trim();
  assert.notEqual(after, before, `the shown threshold changed from ${before}`);
  assert.ok(parseFloat(after) > parseFloat(before), `${after} > ${before}`);
  await page.keyboard.press('ArrowLeft');
  await settle(page);
  assert.ok(parseFloat((await shown.textContent()).trim()) < parseFloat(after));

  // The visual quiz: Tab into the first question's radio group, choose with the
  // arrows, check with Enter, and hear (role=status) the result.
  const quiz = page.locator('#visual-quiz');
  await waitForText(quiz, /Question 1 of 3/);
  const f = await tabTo(page, (x) => x.tag === 'input' && x.type === 'radio' && x.id.startsWith('vq0-'));
  assert.equal(f.id, 'vq0-opt-0');
  await page.keyboard.press('ArrowDown');
  let now = await focused(page);
  assert.equal(now.id, 'vq0-opt-1');
  assert.ok(now.visible, 'focus on the radio is visible');
  assert.ok(await page.locator('#vq0-opt-1').isChecked(), 'the arrow key chose option B');
  await page.keyboard.press('ArrowUp');
  now = await focused(page);
  assert.equal(now.id, 'vq0-opt-0');
  await page.keyboard.press('Enter');
  const live = page.locator('#vq0-result[role=status]');
  await waitForText(live, /^(Correct|Not quite|Wrong|Incorrect)|\S/);
  const result = (await live.textContent()).trim();
  assert.ok(result.length > 0, 'the result is announced in a live region');
  console.log(`# keyboard quiz result: ${result}`);

  // Shift+Tab goes back, focus still visible.
  await tabTo(page, (x) => x.tag === 'button', { back: true });
  await app.screenshot(page, 'a11y-keyboard');
});
