// Journeys of the real weather data: the file is fetched only when its scenario
// is chosen (the server's own log says so, service worker precache included),
// the years stream to their end, the never-retrained v1 falls behind the model
// retrained every year, the policy race runs the same years, other features need
// no second fetch, the service worker keeps the file for offline use, and a
// failed fetch is said in words while the run on screen stays as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SCREENSHOT_DIR, failedFetchesKeepTheRun, launchApp, runAxe, serveUnderPrefix, settle, waitForServiceWorker, waitForText } from './harness.mjs';

const FILE = '/data/weather-nebraska.csv';
const fetchesOfFile = (server) => server.requests.filter((p) => p === FILE).length;

/** Loads the weather scenario from the classroom panel and waits for its run. */
async function loadWeather(page) {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('real-weather');
  await page.getByRole('button', { name: 'Load scenario' }).click();
  await waitForText(page.getByTestId('weather-status'), /^Streaming lowest temperature and highest temperature/);
  await settle(page);
}

/** A screenshot of one part of the page: target/e2e-screenshots/<name>.png. */
async function shoot(locator, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await locator.scrollIntoViewIfNeeded();
  await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The two mean scores of the weather panel: [v1, live]. */
async function means(page) {
  const [, v1, live] = await waitForText(
    page.getByTestId('weather-means'),
    /v1, never retrained, (0\.\d+) on average; the live model (0\.\d+)/,
  );
  return [Number(v1), Number(live)];
}

test('the weather data is fetched only when chosen, streams 48 years, and v1 falls behind', async (t) => {
  const app = await launchApp(t);
  const server = await serveUnderPrefix('/');
  t.after(() => server.close());
  const page = await app.open(server.url);
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  // The first visit, the service worker's precache included, never asks for it.
  await waitForServiceWorker(page);
  assert.equal(fetchesOfFile(server), 0, `first load asked for ${FILE}: ${server.requests.join(' ')}`);

  await loadWeather(page);
  assert.equal(fetchesOfFile(server), 1, 'choosing the scenario fetches the file once');
  await waitForText(page.getByTestId('notice'), /The real weather data is loaded: lowest temperature and highest temperature/);
  await waitForText(page.getByTestId('scenario'), /Real weather \(Nebraska, 1949–1999\)/);
  assert.match(await page.getByTestId('data-source').textContent(), /Streaming the real weather data/);
  await waitForText(page.getByTestId('weather-status'), /v1 learned from year 1 \(days 1–365\); 48 years to come\./);
  assert.match(page.url(), /data=weather&features=min-temperature,max-temperature/);
  const axis = await page.locator('figure.chart-scatter figcaption').textContent();
  assert.match(axis, /Class 1: a day with rain/);

  // Play at full speed to the end of the data: the controls stop there.
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('full');
  await page.getByRole('button', { name: 'Play' }).click();
  await waitForText(page.getByTestId('run-ended'), /The weather data has ended/, { timeout: 60_000 });
  await settle(page);
  assert.equal(await page.getByTestId('cycle').textContent(), '48');
  assert.ok(await page.getByRole('button', { name: 'Step', exact: true }).isDisabled());
  assert.ok(await page.getByRole('button', { name: 'Play' }).isDisabled(), 'play stopped at the end');
  await waitForText(
    page.getByTestId('weather-status'),
    /year 49 \(days 17,521–17,885\) was the last whole batch, and the 274 days left do not fill a batch of 365/,
  );
  await waitForText(page.getByTestId('weather-shift'), /^From day 12,001 \(year 33\) on, the published file's feature columns are shifted by one/);
  const [v1, live] = await means(page);
  assert.match(await page.getByTestId('weather-means').textContent(), /^Over 48 years so far/);
  assert.ok(v1 < live, `v1 (never retrained) ${v1} should average below the retrained model ${live}`);
  assert.ok(live - v1 >= 0.02, `a gap of at least 0.02 (v1 ${v1}, live ${live})`);
  const caption = await page.locator('figure.chart-performance figcaption').textContent();
  assert.match(caption, /^Cycle 48: live model v\d+ 0\.\d+ on new data, v1 0\.\d+, threshold 0\.65/);
  await app.screenshot(page, 'weather-run');
  await shoot(page.locator('.run-controls'), 'weather-controls');
  await shoot(page.locator('.weather'), 'weather-panel');
  await shoot(page.locator('figure.chart-performance'), 'weather-accuracy');
  await shoot(page.locator('figure.chart-scatter'), 'weather-scatter');

  // The policy race on the same 48 years: every year beats never.
  await page.getByRole('button', { name: 'Run policy race' }).click();
  await settle(page);
  const table = page.getByTestId('race-table');
  await waitForText(table.locator('caption'), /Policy race over 48 cycles/);
  const mean = async (policy) => Number(await table.locator('tr', { hasText: policy }).locator('td').first().textContent());
  const [never, every] = [await mean('Never retrain'), await mean('Every cycle')];
  assert.ok(never < every, `race: never ${never} vs every cycle ${every}`);
  await shoot(page.locator('#policy-race'), 'weather-race');

  // Other features: a new run at v1 from the file already read, no second fetch.
  await page.getByRole('combobox', { name: 'First feature (across)' }).selectOption('dew-point');
  await waitForText(page.getByTestId('weather-status'), /^Streaming dew point and highest temperature/);
  await settle(page);
  assert.equal(await page.getByTestId('cycle').textContent(), '0');
  assert.equal(fetchesOfFile(server), 1, 'a change of features fetches nothing');
  assert.match(page.url(), /features=dew-point,max-temperature/);
  assert.match(await page.locator('.weather .feature-notes').textContent(), /From day 12,001 \(year 33\) on/);

  // Offline (browser and server gone): the link reopens the weather run from
  // the service worker's copy.
  const link = page.url();
  await app.context.setOffline(true);
  await server.close();
  await page.goto(link, { waitUntil: 'load' });
  await waitForText(page.getByTestId('weather-status'), /^Streaming dew point and highest temperature/);
  await settle(page);
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
  await waitForText(page.getByTestId('weather-status'), /newest batch: year 2 \(days 366–730\)/);
  await app.context.setOffline(false);
});

test('a failed fetch is said in words and the run on screen stays as it was', async (t) => {
  const app = await launchApp(t);
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  for (let i = 0; i < 2; i++) {
    await page.getByRole('button', { name: 'Finish cycle' }).click();
    await settle(page);
  }
  const table = async () => page.locator('[data-testid=process-table] tbody').textContent();
  const before = { cycle: await page.getByTestId('cycle').textContent(), table: await table(), url: page.url() };
  assert.equal(before.cycle, '2');

  await failedFetchesKeepTheRun(app, page, {
    file: FILE,
    button: 'Use the real weather data',
    dataName: 'weather data',
    answers: [
      [(route) => route.fulfill({ status: 503, body: 'down for maintenance' }), /the server answered with HTTP status 503/],
      [(route) => route.abort('internetdisconnected'), /there is no connection/],
    ],
    unchanged: async (page) => {
      assert.equal(await table(), before.table, 'the run is as it was');
      assert.match(await page.getByTestId('data-source').textContent(), /synthetic/);
      assert.equal(await page.getByTestId('weather').count(), 0, 'no weather panel without a weather run');
    },
  });
  // The run still works.
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
  assert.equal(await page.getByTestId('cycle').textContent(), '3');
  // The browser reports the failed loads on the console; they were the point here.
  for (let i = app.problems.length - 1; i >= 0; i--) {
    if (/Failed to load resource|weather-nebraska/.test(app.problems[i])) app.problems.splice(i, 1);
  }
});

test('a link names the weather data and its features; bad features get a message', async (t) => {
  const app = await launchApp(t);
  const page = await app.open('/?batch=365&threshold=0.65&window=sliding-2&data=weather&features=wind,wind');
  await waitForText(page.getByTestId('weather-status'), /^Streaming lowest temperature and highest temperature, 365 days \(a year\) per batch/);
  await settle(page);
  await waitForText(
    page.getByTestId('notice'),
    /Some of the link could not be used: `features`: both features are `Mean wind speed`: choose two different ones; lowest and highest temperature are used\./,
  );
  assert.match(page.url(), /data=weather&features=min-temperature,max-temperature/);
  // The weather panel, its details open, passes the accessibility check.
  await page.getByText('About the data and its known problems').click();
  assert.deepEqual(await runAxe(page), [], 'axe violations on a weather run');
  await shoot(page.locator('.sidebar'), 'weather-link');
});
