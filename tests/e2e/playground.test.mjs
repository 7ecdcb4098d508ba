// Journeys of the playground page: every control driven by its accessible name,
// the table and tracker read back, and screenshots mid-cycle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, settle, waitForText } from './harness.mjs';

const step = async (page) => { await page.getByRole('button', { name: 'Step', exact: true }).click(); await settle(page); };
const finishCycle = async (page) => { await page.getByRole('button', { name: 'Finish cycle' }).click(); await settle(page); };
const row = (page, n) => page.locator(`[data-testid=process-table] tbody tr[data-step="${n}"]`);
const cells = async (page, n) => (await settle(page), await row(page, n).locator('th, td').allTextContents()).map((s) => s.trim());
const tracker = (page) => page.getByRole('table', { name: 'Status tracker' });
const text = async (page, id) => { await settle(page); return (await page.getByTestId(id).textContent()).trim(); };

async function setSlider(page, name, value) {
  await page.getByRole('slider', { name }).fill(String(value));
}

async function open(t, viewport) {
  const app = await launchApp(t, viewport ? { viewport } : undefined);
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  return { app, page };
}

test('every control is reachable by its accessible name', async (t) => {
  const { page } = await open(t);
  for (const name of ['Drift strength', 'Drift speed', 'Deploy threshold', 'Label noise', 'Batch size']) {
    await page.getByRole('slider', { name, exact: true }).waitFor();
  }
  for (const name of ['Drift kind', 'Drift pattern', 'Model', 'Training window', 'Speed']) {
    await page.getByRole('combobox', { name, exact: true }).waitFor();
  }
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).waitFor();
  for (const name of ['Step', 'Play', 'Reset']) {
    await page.getByRole('button', { name, exact: true }).waitFor();
  }
  // The threshold slider shows its value, default 0.80, range 0.50–0.99.
  const threshold = page.getByRole('slider', { name: 'Deploy threshold' });
  assert.equal(await threshold.getAttribute('min'), '0.5');
  assert.equal(await threshold.getAttribute('max'), '0.99');
  assert.equal(await threshold.inputValue(), '0.8');
  assert.match(await page.locator('output[for=threshold]').textContent(), /0\.80/);
});

test('the table and tracker show the values of the run', async (t) => {
  const { app, page } = await open(t);
  for (let i = 1; i <= 4; i++) await step(page);
  assert.deepEqual(await cells(page, 1), ['1', 'Start with existing model', 'Trained model v1', 'Model ready', 'Collect new data']);
  assert.deepEqual((await cells(page, 3)).slice(2, 4), ['New dataset + Model v1', 'Training started']);
  assert.equal((await cells(page, 4))[3], 'New model v2');
  const t4 = await tracker(page).locator('tbody tr').first().locator('td').allTextContents();
  assert.equal(t4[0].trim(), 'v1 (trained)');
  assert.equal(t4[1].trim(), 'v2 (retrained)');
  await app.screenshot(page, 'playground-mid-cycle-1280');

  await step(page);
  await step(page);
  const perf = (await cells(page, 5))[3];
  const m = perf.match(/^Performance = (0\.\d+)$/);
  assert.ok(m, `step 5 output ${perf}`);
  const check = await cells(page, 6);
  assert.equal(check[2], `${m[1]} > 0.80`);
  const passed = Number(m[1]) > 0.8;
  assert.equal(check[3], passed ? 'True' : 'False');
  const perfRow = await tracker(page).locator('tbody tr').nth(2).locator('td').allTextContents();
  assert.equal(perfRow[2].trim(), m[1], 'tracker After Step 6 shows the evaluated performance');

  await step(page);
  const seventh = await cells(page, 7);
  assert.equal(seventh[1], passed ? 'Deploy model' : 'Alert team');
  const decision = await text(page, 'decision');
  assert.match(decision, passed ? /Deployed: model v2 scored/ : /Alert: model v2 scored/);
  assert.match(await text(page, 'announcer'), passed ? /v2/ : /v1 stays live/);
  await step(page);
  assert.equal((await cells(page, 8))[4], 'Collect new data');
  const finalModel = await tracker(page).locator('tbody tr').first().locator('td').nth(3).textContent();
  assert.equal(finalModel.trim(), passed ? 'v2 (live)' : 'v1 (live)');
});

test('a drift of 0 keeps deploying', async (t) => {
  const { page } = await open(t);
  await setSlider(page, 'Drift strength', 0);
  await setSlider(page, 'Label noise', 0);
  assert.match(await page.locator('output[for=drift-strength]').textContent(), /0\.00/);
  for (let i = 0; i < 6; i++) await finishCycle(page);
  assert.equal(await text(page, 'cycle'), '6');
  assert.equal(await text(page, 'live-version'), 'v7');
  await page.getByRole('heading', { name: 'Alert log (0)' }).waitFor();
  const [v1] = await waitForText(page.getByTestId('v1-accuracy'), /0\.\d+/);
  assert.ok(Number(v1) > 0.85, `without drift the never-retrained v1 stays accurate (${v1})`);
  // The scatter's legend names the live version: at each new one its kept
  // layers are drawn ahead, in a task before the paint's (counted on the
  // canvas), and the paint shows them: its legend panel is not blank.
  const scatter = page.locator('figure.chart-scatter canvas');
  await page.waitForFunction(() => Number(document.querySelector('figure.chart-scatter canvas').dataset.drawnAhead) >= 2);
  const before = Number(await scatter.getAttribute('data-drawn-ahead'));
  await finishCycle(page);
  assert.equal(await text(page, 'live-version'), 'v8');
  await page.waitForFunction((n) => Number(document.querySelector('figure.chart-scatter canvas').dataset.drawnAhead) > n, before);
  const inked = await scatter.evaluate((c) => {
    const { width, height } = c;
    const px = c.getContext('2d').getImageData(Math.round(width * 0.72), 0, Math.round(width * 0.28), Math.round(height * 0.4)).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) n++;
    return n;
  });
  assert.ok(inked > 300, `the scatter's legend is drawn (${inked} inked pixels)`);
});

test('a threshold of 0.99 makes the next check alert', async (t) => {
  const { app, page } = await open(t);
  await finishCycle(page);
  await setSlider(page, 'Deploy threshold', 0.99);
  assert.match(await page.locator('output[for=threshold]').textContent(), /0\.99/);
  await waitForText(page.getByTestId('notice'), /Deploy threshold changed/);
  for (let i = 0; i < 6; i++) await step(page);
  const check = await cells(page, 6);
  assert.match(check[2], /^0\.\d+ > 0\.99$/);
  assert.equal(check[3], 'False');
  assert.equal(check[4], 'Alert team');
  await step(page);
  const liveBefore = await text(page, 'live-version');
  assert.match(await text(page, 'decision'), new RegExp(`not above the threshold 0\\.99; ${liveBefore} stays live`));
  await page.getByRole('heading', { name: 'Alert log (1)' }).waitFor();
  await app.screenshot(page, 'playground-alert');
});

test('a threshold changed mid-cycle applies from the next cycle', async (t) => {
  const { page } = await open(t);
  await step(page);
  await step(page);
  await setSlider(page, 'Deploy threshold', 0.99);
  await waitForText(page.getByTestId('notice'), /applies from the next cycle/);
  for (let i = 0; i < 4; i++) await step(page);
  assert.match((await cells(page, 6))[2], /> 0\.80$/);
});

test('Reset starts again at v1', async (t) => {
  const { page } = await open(t);
  await finishCycle(page);
  await finishCycle(page);
  assert.notEqual(await text(page, 'cycle'), '0');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.equal(await text(page, 'live-version'), 'v1');
  assert.equal(await text(page, 'cycle'), '0');
  assert.equal(await row(page, 1).count(), 0);
  await page.getByRole('heading', { name: /Model registry \(1 versions?\)/ }).waitFor();
});

test('seed and model changes restart the run; the same seed gives the same run', async (t) => {
  const { page } = await open(t);
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  await seed.fill('7');
  await seed.press('Enter');
  await waitForText(page.getByTestId('notice'), /Seed changed: the run restarted at v1/);
  for (let i = 0; i < 5; i++) await step(page);
  const first = (await cells(page, 5))[3];
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  for (let i = 0; i < 5; i++) await step(page);
  assert.equal((await cells(page, 5))[3], first, 'same seed, same performance');

  await page.getByRole('combobox', { name: 'Model' }).selectOption('tree');
  await waitForText(page.getByTestId('notice'), /Model changed: the run restarted at v1/);
  assert.equal(await text(page, 'cycle'), '0');

  // A seed that is not a whole number is refused with a message; the run is unchanged.
  await seed.fill('-3');
  await seed.press('Enter');
  await waitForText(page.getByTestId('notice'), /Seed must be a whole number/);
  assert.equal(await seed.inputValue(), '7');
});

test('drift kind, pattern, window and batch size apply to the next cycle', async (t) => {
  const { page } = await open(t);
  await page.getByRole('combobox', { name: 'Drift kind' }).selectOption('covariate');
  await page.getByRole('combobox', { name: 'Drift pattern' }).selectOption('incremental');
  await page.getByRole('combobox', { name: 'Training window' }).selectOption('newest');
  await setSlider(page, 'Batch size', 1000);
  await setSlider(page, 'Drift speed', 1);
  for (let i = 0; i < 4; i++) await finishCycle(page);
  await step(page);
  await step(page);
  assert.match((await cells(page, 2))[3], /^New dataset \(1000 rows, inputs moved \d\.\d σ/);
  await step(page);
  await step(page);
  assert.match((await cells(page, 4))[2], /^New dataset: cycle 5 \(700 rows\)$/);
});

test('keyboard: → steps, Space plays and pauses, R resets', async (t) => {
  const { page } = await open(t);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  // The key's step reaches the engine after the key event: wait for its row
  // (settle alone can look before the command is even sent).
  await row(page, 2).waitFor({ timeout: 15_000 });
  await settle(page);
  assert.equal(await row(page, 2).count(), 1);
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('full');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await waitForText(page.getByTestId('cycle'), /^([3-9]|\d\d+)$/);
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Play' }).waitFor();
  await page.keyboard.press('r');
  assert.equal(await text(page, 'cycle'), '0');
  // Typing in a field never triggers a shortcut.
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  await seed.focus();
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  await settle(page);
  assert.equal(await row(page, 1).count(), 0);
});

test('screenshots at projector, full HD and phone widths', async (t) => {
  for (const [w, h, name] of [[1280, 720, 'projector-1280x720'], [1920, 1080, 'fullhd-1920x1080'], [390, 844, 'phone-390']]) {
    const { app, page } = await open(t, { width: w, height: h });
    for (let i = 0; i < 3; i++) await finishCycle(page);
    for (let i = 0; i < 5; i++) await step(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `${name}: page scrolls sideways by ${overflow}px`);
    await app.screenshot(page, `playground-${name}`);
  }
});

test('"Measure training time" times real fits in the worker while the page keeps answering', async (t) => {
  const { page } = await open(t);
  const table = page.getByTestId('training-time-table');
  await page.getByRole('button', { name: 'Measure training time' }).click();
  await waitForText(page.getByTestId('training-time-status'), /Median of 7 fits per cell \(3 for 100,000 rows\)/, { timeout: 60_000 });
  const read = async (rows, model) => Number(await table.locator(`tr[data-rows="${rows}"] [data-model="${model}"]`).textContent());
  for (const model of ['logistic', 'tree']) {
    const small = await read(1000, model);
    const big = await read(100000, model);
    assert.ok(Number.isFinite(small) && Number.isFinite(big), `${model}: ${small} / ${big}`);
    assert.ok(big > small, `${model}: 100,000 rows (${big} ms) not slower than 1,000 (${small} ms)`);
    // Estimating accuracy without labels is timed too: finite, and far cheaper
    // than a fit at 100,000 rows (a mean of the model's confidences).
    const estimate = await read(100000, `${model}-estimate`);
    assert.ok(Number.isFinite(estimate) && estimate >= 0, `${model} estimate: ${estimate}`);
    assert.ok(estimate < big, `${model}: estimating 100,000 rows (${estimate} ms) not cheaper than fitting them (${big} ms)`);
  }
  await waitForText(page.locator('#training-time'), /100× the rows took \d+× as long/);
  // The run itself is untouched by the measurement.
  assert.equal(await text(page, 'cycle'), '0');
  await finishCycle(page);
  assert.equal(await text(page, 'cycle'), '1');
});
