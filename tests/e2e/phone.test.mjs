// Journeys of a phone (390 × 844 CSS px, two device pixels to one): the run
// controls stay at the top of the screen while the student scrolls to the
// charts, the long sections start folded and fold and unfold by keyboard
// without losing what they hold, a link to a folded section opens it, nothing
// scrolls sideways and the page stays a few screens long. On a wide screen
// every section starts open and the run controls head the left column.
// The phone's screenshots go to docs/img/phone-*.png (the README shows them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, openPlayground, runAxe, settle } from './harness.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
// The page with five cycles run, its sections as they start on a phone: 7,700 px
// when this journey was written (21,100 px before the run controls stuck and the
// long sections folded); the bound leaves room for the charts to grow.
const MAX_PAGE_HEIGHT = 10_000;
// The README's phone pictures (docs/img) are copies of these, taken by hand.
const DOCS_IMG = join(ROOT, 'target', 'e2e-screenshots');

const button = (page, name) => page.getByRole('button', { name, exact: true });
const finishCycle = async (page) => {
  await button(page, 'Finish cycle').click();
  await settle(page);
};

/** Saves what the phone's screen shows to docs/img/phone-<name>.png. */
async function shoot(page, name) {
  await mkdir(DOCS_IMG, { recursive: true });
  await page.screenshot({ path: join(DOCS_IMG, `phone-${name}.png`) });
}

/**
 * The page's height after a scroll through it to its end and back (so every
 * part has been laid out at its real size), and whether it scrolls sideways.
 */
async function pageSize(page) {
  const height = () => page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y < (await height()); y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(20);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  return page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
}

/** `locator`'s box lies inside the screen, and a tap at its centre reaches it (nothing covers it). */
async function onScreenAndReachable(locator, what) {
  const reachable = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return { top: r.top, bottom: r.bottom, height: innerHeight, hit: el === hit || el.contains(hit) };
  });
  assert.ok(reachable.top >= 0 && reachable.bottom <= reachable.height, `${what} on screen: ${JSON.stringify(reachable)}`);
  assert.ok(reachable.hit, `${what}: a tap at its centre reaches it`);
}

/**
 * A tap at the centre of `locator` where it is now: unlike Playwright's own
 * tap, nothing scrolls it into view first.
 */
async function tapCentre(page, locator) {
  const box = await locator.boundingBox();
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}

test('phone: the run controls stay on screen by the charts, nothing scrolls sideways, the page is short', async (t) => {
  const { page } = await openPlayground(t, '/', PHONE);
  for (let i = 0; i < 5; i++) await finishCycle(page);
  await shoot(page, 'top');

  const size = await pageSize(page);
  console.log(`# phone: page height with 5 cycles run, sections as they start: ${size.height} px`);
  assert.ok(size.scrollWidth <= size.clientWidth, `no horizontal scroll: ${size.scrollWidth} > ${size.clientWidth}`);
  assert.ok(size.height < MAX_PAGE_HEIGHT, `page height ${size.height} px < ${MAX_PAGE_HEIGHT} px`);

  // Down to the accuracy chart: the run controls are still at the top of the screen.
  const chart = page.locator('.chart-performance canvas');
  await chart.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const scrolled = await page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 1500, `the chart is far down the page (scrolled ${scrolled} px)`);
  await onScreenAndReachable(chart, 'the accuracy chart');
  await onScreenAndReachable(button(page, 'Step'), 'Step');
  await onScreenAndReachable(button(page, 'Play'), 'Play');
  await shoot(page, 'charts');

  // A finger's taps where they are work, and the chart stays on screen.
  assert.equal(await page.getByTestId('next-step').textContent(), '1');
  await tapCentre(page, button(page, 'Step'));
  await settle(page);
  assert.equal(await page.getByTestId('next-step').textContent(), '2');
  await tapCentre(page, button(page, 'Play'));
  await button(page, 'Pause').waitFor();
  await tapCentre(page, button(page, 'Pause'));
  await button(page, 'Play').waitFor();
  await settle(page);
  await onScreenAndReachable(chart, 'the accuracy chart, after the taps');
  await onScreenAndReachable(button(page, 'Step'), 'Step, after the taps');
  const after = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(after <= 0, `still no horizontal scroll after playing (${after} px too wide)`);

  // The phone's view passes axe too, folded sections and the sticky controls included.
  assert.deepEqual(await runAxe(page), [], 'axe: no WCAG A/AA violation on the phone');
  // Further down, the long sections are one line each until opened.
  await page.locator('#lesson').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shoot(page, 'folded');
});

test('phone: a folded section unfolds and folds by keyboard, and keeps its values', async (t) => {
  const { app, page } = await openPlayground(t, '/', PHONE);
  const toggle = button(page, 'Settings');
  const threshold = page.getByRole('slider', { name: 'Deploy threshold' });
  // Still a heading, whose text is the button.
  await page.getByRole('heading', { level: 2, name: 'Settings', exact: true }).waitFor();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the settings start folded on a phone');
  assert.equal(await threshold.count(), 0, 'folded: the sliders are hidden');
  for (const name of ['Classroom', 'Process table', 'Glossary', 'Model registry and alerts', 'Rewind, compare, export, your own data', 'Practice questions']) {
    assert.equal(await button(page, name).getAttribute('aria-expanded'), 'false', `${name} starts folded on a phone`);
  }
  assert.equal(await button(page, 'Policies and training time').getAttribute('aria-expanded'), 'true', 'the race stays open');

  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await threshold.waitFor();
  // Tab goes on into what the section holds.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.activeElement.closest('#settings-title-body') !== null), 'Tab moves into the settings');
  await threshold.fill('0.9');
  await settle(page);
  await app.screenshot(page, 'phone-settings-open');

  // Space folds it (and, on the button, does not start the run); Enter unfolds it, the value kept.
  await toggle.focus();
  await page.keyboard.press('Space');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await threshold.waitFor({ state: 'hidden' });
  await button(page, 'Play').waitFor();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await threshold.inputValue(), '0.9', 'the threshold kept its value while folded');
  await settle(page);

  // A key moment of the lesson opens the folded process table at the row it explains.
  for (let i = 0; i < 6; i++) {
    await button(page, 'Step').click();
    await settle(page);
  }
  await page.locator('#lesson-title button').click();
  await page.getByRole('button', { name: /^Show Step 6/ }).first().click();
  assert.equal(await button(page, 'Process table').getAttribute('aria-expanded'), 'true', 'the key moment unfolded the table');
  const row = page.locator('[data-testid=process-table] tbody tr[data-step="6"]');
  await row.waitFor();
  assert.match(await row.getAttribute('class'), /highlighted/);

  // A section link of the page opens the folded glossary at its place.
  await page.getByRole('link', { name: 'Glossary', exact: true }).click();
  assert.equal(await button(page, 'Glossary').getAttribute('aria-expanded'), 'true', 'the link unfolded the glossary');
  await page.locator('#glossary .glossary-entry').first().waitFor();
  const entry = await page.locator('#glossary .glossary-entry').first().boundingBox();
  assert.ok(entry && entry.y >= 0 && entry.y < 844, `the glossary is on screen: ${JSON.stringify(entry)}`);
});

test('wide screen: every section starts open and the run controls head the left column', async (t) => {
  const { page } = await openPlayground(t, '/', { viewport: { width: 1280, height: 800 } });
  const states = await page.locator('.disclosure-toggle').evaluateAll((all) => all.map((b) => b.getAttribute('aria-expanded')));
  assert.ok(states.length >= 9, `the foldable sections: ${states.length}`);
  assert.deepEqual(new Set(states), new Set(['true']));
  const run = await page.locator('.run-controls').boundingBox();
  const side = await page.locator('.sidebar').boundingBox();
  const main = await page.locator('main').boundingBox();
  assert.equal(run.x, side.x, 'the run controls are in the left column');
  assert.ok(run.y + run.height <= side.y, 'above the settings');
  assert.ok(run.x + run.width < main.x, 'beside the charts');
  assert.ok(run.y < 400, `at the top of the column: ${run.y}`);
});
