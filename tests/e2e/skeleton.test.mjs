// Journey 1: the page loads, one Step of the simulation reports an accuracy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, waitForText } from './harness.mjs';

test('skeleton: heading, Step, accuracy in (0, 1]', async (t) => {
  const app = await launchApp(t);
  const page = await app.open('/');

  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();

  await page.getByRole('button', { name: 'Step', exact: true }).click();

  const accuracy = page.getByTestId('accuracy');
  const [number] = await waitForText(accuracy, /\d+(?:\.\d+)?/);
  const n = Number(number);
  assert.ok(n > 0 && n <= 1, `accuracy ${n} (text ${JSON.stringify(await accuracy.textContent())}) should be in (0, 1]`);

  await app.screenshot(page, 'skeleton-after-step');
});
