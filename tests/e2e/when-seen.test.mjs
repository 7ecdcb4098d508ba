// Journey: while the run plays fast, parts of the page off screen keep their last
// drawing (the main thread redraws only what can be seen); a part catches up as
// soon as it is scrolled to, and everything is current again after a pause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, settle, waitForText } from './harness.mjs';

test('playing fast redraws what is on screen; a part scrolled to catches up; a pause redraws all', async (t) => {
  const app = await launchApp(t, { viewport: { width: 1280, height: 800 } });
  const page = await app.context.newPage();
  await page.goto(app.baseUrl);
  await page.locator('.app[data-pending="0"] [data-testid="cycle"]').waitFor();
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
  const registry = page.getByTestId('registry');
  const holder = page.locator('.when-seen', { has: registry });
  const cycle = async () => Number((await page.getByTestId('cycle').textContent()).trim());

  await page.selectOption('#speed', 'full');
  await page.getByRole('button', { name: 'Play' }).click();
  // The registry is below the first screen: held, while the cycle counter on screen moves on.
  await holder.and(page.locator('[data-held="true"]')).waitFor();
  const heldText = await registry.textContent();
  const from = await cycle();
  await page.waitForFunction((c) => Number(document.querySelector('[data-testid="cycle"]').textContent) >= c + 3, from);
  assert.equal(await registry.textContent(), heldText, 'the registry off screen was not redrawn');
  // The stats' own part (the innermost holding the counter) is on screen: drawn.
  const stats = page.locator('.when-seen', { has: page.getByTestId('cycle') }).last();
  assert.equal(await stats.getAttribute('data-held'), null, 'the part on screen is drawn');
  // On screen while playing fast, the run's numbers move at most four times a
  // second (each change costs a layout of the whole page), and they do move.
  const changes = await page.evaluate(() => new Promise((done) => {
    let n = 0;
    const watch = new MutationObserver((records) => { n += records.length; });
    watch.observe(document.querySelector('[data-testid="cycle"]'), { characterData: true, childList: true, subtree: true });
    setTimeout(() => { watch.disconnect(); done(n); }, 2000);
  }));
  assert.ok(changes >= 2 && changes <= 9, `the cycle counter changed ${changes} times in 2 s (at most 4 a second)`);
  // The browser skips a held part too (not laid out or painted), keeping its size;
  // a part on screen is rendered as usual.
  const visibility = (l) => l.evaluate((el) => getComputedStyle(el).contentVisibility);
  assert.equal(await visibility(holder), 'auto', 'a held part is skipped by the browser while off screen');
  assert.equal(await visibility(stats), 'visible');
  const box = await holder.boundingBox();
  assert.ok(box && box.height > 100, `a skipped part keeps its height (${box?.height} px)`);

  // Scrolled to, the registry catches up while the run plays on.
  await registry.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => !document.querySelector('[data-testid="registry"]').closest('.when-seen').hasAttribute('data-held'));
  await page.waitForFunction((t) => document.querySelector('[data-testid="registry"]').textContent !== t, heldText);

  // Paused: nothing is held, and the registry shows the live version the stats show.
  await page.getByRole('button', { name: 'Pause' }).click();
  await settle(page);
  assert.equal(await page.locator('[data-held]').count(), 0, 'a pause redraws every part');
  assert.equal(await visibility(holder), 'visible', 'nothing is skipped once paused');
  const live = (await page.getByTestId('live-version').textContent()).trim();
  await waitForText(registry, new RegExp(`${live}(?!\\d)`));
  await app.screenshot(page, 'when-seen-paused');
});
