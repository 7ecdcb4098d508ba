// Journeys of the Circle benchmark (Minku, White & Yao 2010): the file is
// fetched only when chosen (never by the first visit, the service worker's
// precache included), the rows stream in batches past the drift (rows
// 1,001–1,250), the scatter's circle and its words change before, during and
// after it, the page says a straight line cannot fit a circle and switches to
// the tree on request, a link carries the data, and a failed fetch is said in
// words while the run on screen stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREENSHOT_DIR, failedFetchesKeepTheRun, launchApp, runAxe, serveUnderPrefix, settle, waitForServiceWorker, waitForText } from './harness.mjs';

const FILE = '/data/circle-minku.csv';
const fetchesOfFile = (server) => server.requests.filter((p) => p === FILE).length;

/** A screenshot of one part of the page: target/e2e-screenshots/<name>.png. */
async function shoot(locator, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The scatter's caption and its canvas's text alternative. */
async function scatterWords(page) {
  const figure = page.locator('figure.chart-scatter');
  return {
    caption: await figure.locator('figcaption').textContent(),
    aria: await figure.locator('canvas').first().getAttribute('aria-label'),
  };
}

/** Finishes cycles until the cycle counter reads `cycle`. */
async function finishTo(page, cycle) {
  while (Number(await page.getByTestId('cycle').textContent()) < cycle) {
    await page.getByRole('button', { name: 'Finish cycle' }).click();
    await settle(page);
  }
}

test('the Circle data is fetched only when chosen, and the circle grows past row 1,250', async (t) => {
  const app = await launchApp(t);
  const server = await serveUnderPrefix('/');
  t.after(() => server.close());
  const page = await app.open(server.url);
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  await waitForServiceWorker(page);
  assert.equal(fetchesOfFile(server), 0, `first load asked for ${FILE}: ${server.requests.join(' ')}`);

  await page.getByRole('button', { name: 'Use the Circle benchmark' }).click();
  await waitForText(page.getByTestId('circle-status'), /v1 learned from rows 1–250; 7 batches to come\./);
  await settle(page);
  assert.equal(fetchesOfFile(server), 1, 'choosing the data fetches the file once');
  await waitForText(page.getByTestId('notice'), /The Circle data is loaded: 2,000 rows, 250 per batch/);
  await waitForText(page.getByTestId('scenario'), /Circle \(Minku, White & Yao 2010\)/);
  assert.match(await page.getByTestId('data-source').textContent(), /Streaming the Circle benchmark/);
  assert.match(page.url(), /batch=250.*data=circle/);

  // Logistic regression: the page says a line cannot fit a circle.
  await waitForText(page.getByTestId('line-cannot-fit'), /^A straight line cannot fit a circle/);
  assert.match(await page.getByTestId('line-cannot-fit').textContent(), /Try the decision tree\./);

  // Before the drift: one solid circle, no drift under way.
  await finishTo(page, 3);
  await waitForText(page.getByTestId('circle-phase'), /^Before the drift/);
  let words = await scatterWords(page);
  assert.match(words.caption, /Green circle: the true rule \(centre \(0\.5, 0\.5\), radius 0\.2; class 1 inside\)/);
  assert.doesNotMatch(words.caption, /under way/);
  assert.match(words.caption, /Axes: the file's own values \(0 to 1\)/);
  assert.match(words.aria, /with the true circle\./);
  await shoot(page.locator('figure.chart-scatter'), 'circle-scatter-before');

  // The drift's batch (rows 1,001–1,250): both circles, the drift under way.
  await finishTo(page, 4);
  await waitForText(page.getByTestId('circle-phase'), /^The drift is under way \(rows 1,001–1,250\)/);
  words = await scatterWords(page);
  assert.match(words.caption, /The drift is under way: this batch holds rows 1,001–1,250/);
  assert.match(words.caption, /Dashed green circle: the rule before it \(radius 0\.2\); solid green circle: the rule it moves to \(radius 0\.5\)/);
  assert.match(words.aria, /circles before and after the drift, which is under way/);
  await shoot(page.locator('figure.chart-scatter'), 'circle-scatter-during');

  // Past row 1,250: the large circle now, the old one dashed.
  await finishTo(page, 5);
  await waitForText(page.getByTestId('circle-phase'), /^After the drift: class 1 is inside the large circle/);
  words = await scatterWords(page);
  assert.match(words.caption, /Solid green circle: the true rule now \(centre \(0\.5, 0\.5\), radius 0\.5; class 1 inside\)/);
  assert.match(words.caption, /This batch holds rows 1,251–1,500\./);
  assert.doesNotMatch(words.caption, /under way/);
  await shoot(page.locator('figure.chart-scatter'), 'circle-scatter-after-line');
  await shoot(page.locator('.circle-data'), 'circle-panel');

  // The tree, from v1 again on the same rows: the advice goes, no second fetch.
  await page.getByRole('button', { name: 'Switch to the decision tree' }).click();
  await settle(page);
  await waitForText(page.getByTestId('circle-status'), /v1 learned from rows 1–250/);
  assert.equal(await page.getByTestId('line-cannot-fit').count(), 0);
  assert.equal(await page.getByTestId('cycle').textContent(), '0');
  assert.equal(fetchesOfFile(server), 1, 'a change of model fetches nothing');
  assert.match(page.url(), /model=tree/);
  await finishTo(page, 6);
  words = await scatterWords(page);
  assert.match(words.caption, /solid outline: the edges of its regions/);
  assert.match(words.caption, /Solid green circle: the true rule now/);
  await shoot(page.locator('figure.chart-scatter'), 'circle-scatter-after-tree');

  // Play to the end: the controls stop there.
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForText(page.getByTestId('run-ended'), /The Circle data has ended/, { timeout: 30_000 });
  await settle(page);
  assert.equal(await page.getByTestId('cycle').textContent(), '7');
  assert.match(await page.getByTestId('circle-means').textContent(), /^Over 7 cycles so far/);
  await app.screenshot(page, 'circle-run');
});

test('a failed fetch of the Circle data is said in words and the run stays', async (t) => {
  const app = await launchApp(t);
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
  await failedFetchesKeepTheRun(app, page, {
    file: FILE,
    button: 'Use the Circle benchmark',
    dataName: 'Circle data',
    answers: [
      [(route) => route.fulfill({ status: 404, body: 'not here' }), /the server answered with HTTP status 404/],
      [(route) => route.abort('internetdisconnected'), /there is no connection/],
    ],
    unchanged: async (page) => {
      assert.equal(await page.getByTestId('circle').count(), 0, 'no Circle panel without a Circle run');
    },
  });
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
  assert.equal(await page.getByTestId('cycle').textContent(), '2', 'the run still works');
  for (let i = app.problems.length - 1; i >= 0; i--) {
    if (/Failed to load resource|circle-minku/.test(app.problems[i])) app.problems.splice(i, 1);
  }
});

test('a link names the Circle data and opens its run; the panel passes axe', async (t) => {
  const app = await launchApp(t);
  const page = await app.open('/?batch=250&model=tree&data=circle');
  await waitForText(page.getByTestId('circle-status'), /^Streaming the 2,000 rows in order, 250 rows per batch/);
  await settle(page);
  assert.equal(await page.getByTestId('line-cannot-fit').count(), 0, 'no advice for the tree');
  assert.match(page.url(), /data=circle/);
  await page.getByText('About the data').first().click();
  assert.deepEqual(await runAxe(page), [], 'axe violations on a Circle run');
  await shoot(page.locator('.sidebar'), 'circle-link');
});
