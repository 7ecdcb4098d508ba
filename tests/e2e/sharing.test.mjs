// Journeys of sharing and teaching: a copied link restores the same run, a
// teacher's link hides controls and locks the seed, scenarios load in one click,
// the presenter view, and your own CSV (a good file runs, a broken one is
// refused with its row named and nothing else changes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPlayground, settle, waitForText } from './harness.mjs';

const finishCycle = async (page) => {
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
};
const tableText = async (page) => {
  await settle(page);
  return (await page.getByTestId('process-table').locator('tbody').innerText()).trim();
};

const open = (t, path) => openPlayground(t, path);

test('a copied link restores the same run, cycle for cycle', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('314');
  await page.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
  await page.getByRole('slider', { name: 'Deploy threshold' }).fill('0.85');
  await page.getByRole('combobox', { name: 'Drift kind' }).selectOption('prior');
  await page.getByRole('combobox', { name: 'Model' }).selectOption('tree');
  await settle(page);
  for (let i = 0; i < 3; i++) await finishCycle(page);
  const original = await tableText(page);
  const link = await page.getByTestId('share-link').inputValue();
  assert.match(link, /\?seed=314&kind=prior&.*model=tree.*threshold=0\.85/);
  assert.ok(new URL(link).search === new URL(page.url()).search, 'the address bar holds the same link');
  await page.getByRole('button', { name: 'Copy link' }).click();

  const other = await app.open(new URL(link).pathname + new URL(link).search);
  await other.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(other);
  assert.equal(await other.getByRole('spinbutton', { name: 'Seed' }).inputValue(), '314');
  assert.equal(await other.getByRole('combobox', { name: 'Model' }).inputValue(), 'tree');
  for (let i = 0; i < 3; i++) await finishCycle(other);
  assert.equal(await tableText(other), original, 'the same table, cycle for cycle');
});

test("a teacher's link hides controls and panels and locks the seed; bad parts are named", async (t) => {
  const { app, page } = await open(t, '/?seed=9&hide=noise,model,race&lock=seed&bogus=1&threshold=7');
  assert.equal(await page.getByRole('slider', { name: 'Label noise' }).count(), 0);
  assert.equal(await page.getByRole('combobox', { name: 'Model', exact: true }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Run policy race' }).count(), 0);
  await page.getByRole('slider', { name: 'Drift strength' }).waitFor();
  const seed = page.getByRole('spinbutton', { name: 'Seed' });
  assert.equal(await seed.inputValue(), '9');
  assert.notEqual(await seed.getAttribute('readonly'), null, 'the seed field is read-only');
  await waitForText(page.getByTestId('notice'), /Some of the link could not be used: .*`bogus`.*Deploy threshold/);
  // The rest of the page works.
  await finishCycle(page);
  assert.match(await tableText(page), /Start with existing model/);
  await app.screenshot(page, 'sharing-teacher-link');
});

test('scenarios load in one click with what to watch; presenter view', async (t) => {
  const { app, page } = await open(t);
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('bad-data');
  await page.getByRole('button', { name: 'Load scenario' }).click();
  await settle(page);
  await waitForText(page.getByTestId('scenario'), /Bad data caught by validation: /);
  await finishCycle(page);
  await waitForText(page.getByTestId('decision'), /data validation failed \(no missing values/);

  await page.getByRole('combobox', { name: 'Scenario' }).selectOption('harmless-covariate');
  await page.getByRole('button', { name: 'Load scenario' }).click();
  await settle(page);
  for (let i = 0; i < 5; i++) await finishCycle(page);
  const [v1] = await waitForText(page.getByTestId('v1-accuracy'), /0\.\d+/);
  assert.ok(Number(v1) > 0.8, `covariate drift leaves v1 accurate (${v1})`);

  await page.getByRole('button', { name: 'Presenter view' }).click();
  const size = await page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  assert.equal(size, '21px');
  await page.keyboard.press('ArrowRight');
  await settle(page);
  await app.screenshot(page, 'sharing-presenter');
  assert.match(page.url(), /presenter=1/);
});

function csvFile(rows) {
  const lines = ['time,age,income,bought'];
  for (let i = 0; i < rows; i++) {
    const age = 20 + (i % 50);
    const income = 1000 * ((i * 7) % 90);
    lines.push(`${i},${age},${income},${age * 1000 + income > 60000 ? 1 : 0}`);
  }
  return lines.join('\n');
}

test('your own data: a good CSV runs through the loop, a broken one is refused with its row named', async (t) => {
  const { app, page } = await open(t);
  await finishCycle(page);
  const before = await tableText(page);
  const input = page.getByLabel('Load a CSV file');
  const broken = csvFile(60).split('\n');
  broken[7] = '6,27,abc,1';
  await input.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken.join('\n')) });
  await waitForText(page.getByTestId('notice'), /Your CSV was not loaded: row 8, column `income`: `abc` is not a number/);
  assert.equal(await tableText(page), before, 'nothing else changed');
  await waitForText(page.getByTestId('data-source'), /synthetic/);

  await input.setInputFiles({ name: 'shop.csv', mimeType: 'text/csv', buffer: Buffer.from(csvFile(600)) });
  await waitForText(page.getByTestId('data-source'), /Streaming your data: 600 rows, features `age` and `income`, label `bought`, ordered by `time`/);
  for (let i = 0; i < 3; i++) await finishCycle(page);
  assert.match(await tableText(page), /New dataset \(500 rows/);
  await app.screenshot(page, 'sharing-own-data');
  await page.getByRole('button', { name: 'Back to the synthetic stream' }).click();
  await waitForText(page.getByTestId('data-source'), /synthetic/);
});
