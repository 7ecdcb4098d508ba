// Journeys of the classroom tools: export the run (CSV, JSON trace, chart PNGs),
// rewind to an earlier cycle and back to the live run, and compare two versions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchApp, settle, waitForText } from './harness.mjs';

const finishCycle = async (page) => { await page.getByRole('button', { name: 'Finish cycle' }).click(); await settle(page); };
const cells = async (page, n) =>
  (await settle(page), await page.locator(`[data-testid=process-table] tbody tr[data-step="${n}"]`).locator('th, td').allTextContents()).map((s) => s.trim());
/** The Output column of the process table's step-`n` row. */
const output = async (page, n) => (await cells(page, n))[3];

async function open(t) {
  const app = await launchApp(t);
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  return { app, page };
}

/** Clicks the button named `name` and returns the download it starts. */
async function downloadFrom(page, name) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  await settle(page);
  const failure = await download.failure();
  assert.equal(failure, null, `download ${download.suggestedFilename()} failed: ${failure}`);
  return download;
}

const contents = async (download) => readFile(await download.path());

test('export: the CSV has one row per cycle, the JSON trace every step, each chart a PNG', async (t) => {
  const { app, page } = await open(t);
  for (let c = 1; c <= 3; c++) await finishCycle(page);
  const status = page.getByTestId('export-status');
  assert.equal(await status.getAttribute('role'), 'status');

  const csv = await downloadFrom(page, 'Download CSV');
  assert.equal(csv.suggestedFilename(), 'retrain-playground-cycles.csv');
  const lines = (await contents(csv)).toString('utf8').trimEnd().split('\n');
  assert.equal(lines.length, 4, `CSV lines:\n${lines.join('\n')}`);
  assert.match(lines[0], /^cycle,live_before/);
  assert.deepEqual(lines.slice(1).map((l) => l.split(',')[0]), ['1', '2', '3']);
  await waitForText(status, /Downloaded retrain-playground-cycles\.csv \(3 cycles\)/);

  const json = await downloadFrom(page, 'Download JSON');
  assert.equal(json.suggestedFilename(), 'retrain-playground-trace.json');
  const trace = JSON.parse((await contents(json)).toString('utf8'));
  assert.equal(trace.cycles.length, 3);
  for (const cycle of trace.cycles) assert.equal(cycle.rows.length, 8, `cycle ${cycle.cycle} rows`);
  assert.deepEqual(trace.cycles.map((c) => c.cycle), [1, 2, 3]);
  await waitForText(status, /Downloaded retrain-playground-trace\.json/);

  // The charts: one PNG per chart on the page, named after the chart.
  const charts = await page.locator('figure.chart canvas').count();
  assert.ok(charts >= 3, `expected the scatter, performance and drift charts, found ${charts}`);
  const pngs = [];
  const onDownload = (d) => pngs.push(d);
  page.on('download', onDownload);
  await page.getByRole('button', { name: 'Download charts (PNG)' }).click();
  const deadline = Date.now() + 15_000;
  while (pngs.length < charts && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  page.off('download', onDownload);
  assert.equal(pngs.length, charts, `${pngs.length} of ${charts} chart downloads started`);
  const names = pngs.map((d) => d.suggestedFilename()).sort();
  for (const kind of ['scatter', 'performance', 'drift']) {
    assert.ok(names.includes(`retrain-playground-${kind}.png`), `no ${kind} PNG in ${names.join(', ')}`);
  }
  const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (const d of pngs) {
    const bytes = await contents(d);
    assert.ok(bytes.length > 1000, `${d.suggestedFilename()} is only ${bytes.length} bytes`);
    assert.deepEqual(bytes.subarray(0, 8), PNG_MAGIC, `${d.suggestedFilename()} is not a PNG`);
  }
  await waitForText(status, /^Downloaded retrain-playground-[a-z-]+\.png/);
  await app.screenshot(page, 'classroom-export');
});

test('rewind: view an earlier cycle\'s table, then back to the live run', async (t) => {
  const { app, page } = await open(t);
  const slider = page.getByRole('slider', { name: 'Cycle to view' });
  const status = page.getByTestId('timeline-status');
  // Nothing recorded yet: the control is disabled and says why.
  assert.ok(await slider.isDisabled(), 'the timeline is disabled before any cycle finished');
  assert.ok(await page.getByRole('button', { name: 'View cycle' }).isDisabled());
  await waitForText(page.getByTestId('timeline-hint'), /Nothing recorded yet/);

  await finishCycle(page);
  await finishCycle(page);
  const cycle2 = await output(page, 4);
  assert.match(cycle2, /^New model v\d+$/);
  await finishCycle(page);
  const cycle3 = await output(page, 4);
  assert.match(cycle3, /^New model v\d+$/);
  assert.notEqual(cycle3, cycle2);
  await waitForText(status, /^Showing the live run/);
  assert.equal(await slider.getAttribute('min'), '1');
  assert.equal(await slider.getAttribute('max'), '3');

  await slider.fill('2');
  await page.getByRole('button', { name: 'View cycle' }).click();
  await settle(page);
  await waitForText(status, /^Viewing cycle 2 of 3: its table, tracker and charts above show that cycle\. Stepping returns to the live run\./);
  // The table shows cycle 2's rows: its step 4 trained cycle 2's candidate.
  assert.equal(await output(page, 4), cycle2);
  assert.equal((await cells(page, 1))[0], '1');
  assert.equal(await page.locator('[data-testid=process-table] tbody tr[data-step]').count(), 8);
  await app.screenshot(page, 'classroom-rewind-cycle-2');

  await page.getByRole('button', { name: 'Back to live' }).click();
  await settle(page);
  await waitForText(status, /^Showing the live run/);
  assert.equal(await output(page, 4), cycle3);
  assert.ok(await page.getByRole('button', { name: 'Back to live' }).isDisabled());

  // The keyboard works too: Enter on the range views the chosen cycle.
  await slider.focus();
  await slider.press('ArrowLeft');
  await slider.press('Enter');
  await settle(page);
  await waitForText(status, /^Viewing cycle 1 of 3/);
  // Stepping returns to the live run.
  await finishCycle(page);
  await waitForText(status, /^Showing the live run/);
});

test('compare: two versions side by side, in words and in a table', async (t) => {
  const { app, page } = await open(t);
  for (let c = 1; c <= 3; c++) await finishCycle(page);
  await page.getByRole('combobox', { name: 'First version' }).selectOption('2');
  await page.getByRole('combobox', { name: 'Second version' }).selectOption('3');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await settle(page);

  const result = page.getByTestId('comparison');
  await waitForText(result, /Data: v2 trained on .+; v3 on .+\./);
  await waitForText(result, /Boundary: they predict differently on \d+% of the view\./);
  const summary = (await result.locator('.compare-summary li').allTextContents()).map((s) => s.trim());
  assert.ok(summary.length >= 4, summary.join(' | '));
  // Scores from different hold-out slices are labelled as such, not subtracted ...
  assert.match(summary[1], /^Accuracy when each was judged: v2 0\.\d+ \(cycle 1\), v3 0\.\d+ \(cycle 2\)\. These were measured on different hold-out rows, so their difference is not a paired comparison\.$/);
  // ... and both versions are scored on the same rows for a paired difference.
  const paired = summary.find((s) => s.startsWith('On the same rows')) ?? summary.join(' | ');
  assert.match(paired, /^On the same rows \(the newest batch's \d+ hold-out rows\): v2 0\.\d+, v3 0\.\d+; v3 is (ahead|behind) by \d+\.\d percentage points\.$/);
  // Logistic regression (the default model): each boundary as an equation.
  for (const v of [2, 3]) {
    await waitForText(result, new RegExp(`v${v}: −?\\d+\\.\\d\\d·x1 [+−] \\d+\\.\\d\\d·x2 [+−] \\d+\\.\\d\\d = 0`));
  }

  const table = page.getByRole('table', { name: 'Version comparison' });
  const heads = (await table.locator('tbody th').allTextContents()).map((s) => s.trim());
  assert.deepEqual(heads, ['v2', 'v3']);
  const v2 = (await table.locator('tbody tr').first().locator('td').allTextContents()).map((s) => s.trim());
  assert.match(v2[1], /cycle|initial data/);
  assert.match(v2[2], /^0\.\d\d$/);

  // Choosing the same version twice cannot be compared.
  await page.getByRole('combobox', { name: 'Second version' }).selectOption('2');
  assert.ok(await page.getByRole('button', { name: 'Compare', exact: true }).isDisabled());
  await app.screenshot(page, 'classroom-compare');
});
