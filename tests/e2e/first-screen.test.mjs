// Journey: the first screen is useful before any wasm. With the page's wasm
// held back (a slow line), a first visit already shows chapter 1 itself — its
// title, its text and its prediction, whose choices work — with the Run button
// saying that the engine is loading. When the wasm arrives the app takes over
// in place: the same words, the pick kept, the focus kept, nothing moved. A
// link to another chapter paints that chapter, before any wasm too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, runAxe, settle } from './harness.mjs';

// Where the chapter's parts sit, and what it says (the Run button and its hint
// aside: they say the engine is loading until it has).
const chapterView = (page) =>
  page.evaluate(() => {
    const box = (el) => {
      const r = el?.getBoundingClientRect();
      return r ? [r.x, r.y + scrollY, r.width, r.height].map(Math.round).join(',') : null;
    };
    const section = document.querySelector('section.guide');
    const words = [...section.querySelectorAll('.chapter-count, h2, p.glossed, summary, legend, .option label')].map((e) =>
      e.textContent.trim(),
    );
    return {
      chapter: section.dataset.chapter,
      words,
      boxes: [...section.querySelectorAll('h2, p.glossed, details, fieldset, .option')].map(box),
      fieldsetY: Math.round(section.querySelector('fieldset').getBoundingClientRect().y + scrollY),
      chosen: [...section.querySelectorAll('input[name="guide-prediction"]')].map((i) => i.checked),
      selectValue: document.querySelector('#chapter-select')?.value,
      glossaries: document.querySelectorAll('#glossary').length,
      glossaryEntries: document.querySelectorAll('#glossary .glossary-entry').length,
      hidden: document.documentElement.hasAttribute('data-shell'),
    };
  });

// Opens `path` with the page's wasm held back; returns the page and a release.
async function openHeld(app, path) {
  const page = await app.context.newPage();
  let release;
  const held = new Promise((ok) => (release = ok));
  let asked = false;
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname.split('/').pop()));
  await page.route(/\/retrain-playground-[0-9a-f]+_bg\.wasm$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto(new URL(path, app.baseUrl).href, { waitUntil: 'commit' });
  return { page, release, asked: () => asked, fetched };
}

test('first screen: chapter 1 before any wasm, its prediction chosen there and kept by the app without a jump', async (t) => {
  const app = await launchApp(t, { guide: true, viewport: { width: 1280, height: 800 } });
  const { page, release, asked, fetched } = await openHeld(app, '/');

  const title = page.getByRole('heading', { level: 2, name: 'A model goes stale' });
  await title.waitFor();
  assert.equal(await page.locator('.app[data-pending]').count(), 0, 'the app has not mounted: this is index.html alone');
  const shell = await chapterView(page);
  assert.equal(shell.chapter, '1');
  assert.equal(shell.hidden, false, 'chapter 1 needs no swap');
  assert.ok(shell.words.some((w) => w.startsWith('Model v1, a logistic regression')), 'the chapter text is there');
  assert.ok(shell.words.some((w) => w.startsWith('Your prediction:')), 'the question is there');
  assert.equal(shell.chosen.length, 3, 'three choices');
  assert.equal(shell.glossaries, 1);
  assert.ok(shell.glossaryEntries >= 10, `the folded glossary has its entries (${shell.glossaryEntries})`);
  // The largest paint so far is the chapter's text, painted without wasm.
  const lcp = await page.evaluate(
    () =>
      new Promise((ok) =>
        new PerformanceObserver((l) => {
          const last = l.getEntries().at(-1);
          ok({ at: last.startTime, inChapter: !!last.element?.closest('section.guide') });
        }).observe({ type: 'largest-contentful-paint', buffered: true }),
      ),
  );
  assert.ok(lcp.inChapter, `the largest contentful paint is the chapter (${JSON.stringify(lcp)})`);
  assert.ok(asked(), 'the page wasm was requested and is being held');
  assert.ok(!fetched.includes('chapters.html'), "a first visit does not fetch the other chapters' screens");

  // Run says the engine is loading; the choices work already.
  const run = page.locator('section.guide button.primary');
  assert.equal((await run.textContent()).trim(), 'Loading the engine…');
  assert.ok(await run.isDisabled());
  assert.deepEqual(await runAxe(page, { tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }), [], 'the first screen passes axe');
  await page.getByLabel('Clearly lower, but still better than a coin flip (above 0.5)').check();
  await page.keyboard.press('ArrowDown');
  const picked = await chapterView(page);
  assert.deepEqual(picked.chosen, [false, false, true], 'the arrow key moved the pick, as radios do');
  await app.screenshot(page, 'first-screen-shell');

  // The wasm arrives: the app draws the same chapter, with the pick and the focus.
  release();
  await page.locator('.app[data-pending]').waitFor();
  const mounted = await chapterView(page);
  assert.deepEqual(mounted.words, picked.words, 'the same words');
  assert.deepEqual(mounted.boxes, picked.boxes, 'nothing moved when the app mounted');
  assert.deepEqual(mounted.chosen, [false, false, true], 'the app keeps the pick');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'predict-2', 'and the focus');

  // The engine answers: Run works, still nothing moved.
  const ready = page.getByRole('button', { name: 'Run 8 cycles' });
  await ready.waitFor();
  await settle(page);
  assert.ok(await ready.isEnabled(), 'the pick made before the app mounted counts: Run works');
  const answered = await chapterView(page);
  assert.deepEqual(answered.boxes, picked.boxes, 'nothing moved when the engine answered');
  assert.deepEqual(answered.chosen, [false, false, true]);
  await ready.click();
  const reveal = page.getByTestId('reveal');
  await reveal.waitFor({ timeout: 60_000 });
  assert.match(await reveal.textContent(), /What happened:/);
  await app.screenshot(page, 'first-screen-after-run');
});

test('first screen: a link to another chapter paints that chapter before any wasm, and the app keeps it', async (t) => {
  const app = await launchApp(t, { guide: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const { page, release, fetched } = await openHeld(app, '/?chapter=7');

  const title = page.locator('#chapter-title');
  await title.waitFor();
  const shell = await chapterView(page);
  assert.equal(shell.chapter, '7', 'chapter 7, not chapter 1');
  assert.ok(fetched.includes('chapters.html'), "its screen came from chapters.html, fetched for this link");
  assert.equal(shell.hidden, false, 'swapped in and shown');
  assert.equal(shell.selectValue, '7', 'the chapter list says 7');
  assert.equal(shell.glossaries, 1, 'one glossary, moved into the chapter');
  assert.ok(shell.glossaryEntries >= 10);
  assert.deepEqual(await runAxe(page), [], 'the chapter 7 screen passes axe');
  await app.screenshot(page, 'first-screen-chapter-7');
  const titleText = (await title.textContent()).trim();

  release();
  await page.locator('.app[data-pending="0"]').waitFor({ timeout: 60_000 });
  await settle(page);
  const answered = await chapterView(page);
  assert.equal(answered.chapter, '7');
  assert.equal((await title.textContent()).trim(), titleText, 'the same chapter, the same title');
  assert.deepEqual(answered.words.slice(0, 4), shell.words.slice(0, 4), 'the same words');
  // The text above the controls does not move; the controls' places are about
  // their size (within a few pixels).
  assert.deepEqual(answered.boxes.slice(0, 2), shell.boxes.slice(0, 2), 'title and first paragraph stay');
  assert.ok(
    Math.abs(answered.fieldsetY - shell.fieldsetY) <= 4,
    `the prediction stays within 4 px (${shell.fieldsetY} → ${answered.fieldsetY})`,
  );
});
