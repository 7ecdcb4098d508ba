// Journey: the first paint needs no wasm. With the page's wasm held back (a slow
// line), index.html alone shows the title, the lead and a styled loading state in
// the app's final layout; when the wasm arrives the app takes over without moving
// the header, and the page reads the same (one h1, the same headings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, runAxe, settle } from './harness.mjs';

// Where the header's parts sit, and what a screen reader finds in the page.
const layout = (page) =>
  page.evaluate(() => {
    const box = (sel) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      return r ? { x: Math.round(r.x), y: Math.round(r.y), w: Math.round(r.width), h: Math.round(r.height) } : null;
    };
    return {
      h1: box('h1'),
      bar: box('.mode-bar')?.y ?? null,
      tagline: box('.tagline'),
      layoutTop: box('.layout')?.y ?? null,
      sidebarX: box('.sidebar')?.x ?? null,
      mainX: box('.main')?.x ?? null,
      headings: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
      tagText: document.querySelector('.tagline')?.textContent.trim(),
      apps: document.querySelectorAll('.app').length,
    };
  });

// Opens `path` with the page's wasm held back, checks the shell, releases the wasm
// and checks that nothing moved.
async function shellThenApp(t, path, shot) {
  const app = await launchApp(t, { viewport: { width: 1280, height: 800 } });
  const page = await app.context.newPage();
  // Hold back the page's wasm (not the worker's) until the shell has been checked.
  let release;
  const held = new Promise((ok) => (release = ok));
  let wasmAsked = false;
  await page.route(/\/retrain-playground-[0-9a-f]+_bg\.wasm$/, async (route) => {
    wasmAsked = true;
    await held;
    await route.continue();
  });
  await page.goto(new URL(path, app.baseUrl).href, { waitUntil: 'commit' });

  // The shell: title, lead and loading state, painted with no wasm at all.
  await page.getByRole('heading', { level: 1, name: 'Retrain Playground' }).waitFor();
  const status = page.getByRole('status');
  await status.waitFor();
  assert.equal((await status.textContent()).trim(), 'Loading the playground…');
  assert.match(await page.locator('.tagline').textContent(), /Watch a real model go stale/);
  const fontSize = () => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
  const shellFont = await fontSize();
  const fcp = await page.evaluate(
    () =>
      new Promise((ok) => {
        const seen = performance.getEntriesByName('first-contentful-paint')[0];
        if (seen) return ok(seen.startTime);
        new PerformanceObserver((l) => ok(l.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
      }),
  );
  assert.ok(fcp > 0, `a first contentful paint happened before the wasm arrived (${fcp} ms)`);
  assert.ok(wasmAsked, 'the wasm was requested (and is being held)');
  assert.equal(await page.locator('.app[data-pending]').count(), 0, 'the app has not mounted yet');
  // Skeleton panels stand where the controls and the flow will be, styled, not bare.
  const skeleton = await page.locator('.sidebar .skeleton').first().boundingBox();
  assert.ok(skeleton && skeleton.height > 100 && skeleton.width > 200, `styled skeleton panel: ${JSON.stringify(skeleton)}`);
  const before = await layout(page);
  assert.deepEqual(before.headings, ['Retrain Playground']);
  assert.equal(before.apps, 1);
  assert.deepEqual(await runAxe(page), [], 'the shell passes axe');
  await app.screenshot(page, `${shot}-shell`);

  // The wasm arrives: the app mounts in the shell's place and the engine answers.
  release();
  await page.locator('.app[data-pending="0"] [data-testid="cycle"]').waitFor();
  await settle(page);
  const after = await layout(page);
  assert.deepEqual(after.headings, before.headings, 'one h1, the same, after mount');
  assert.equal(after.tagText, before.tagText, 'the same lead');
  assert.equal(after.apps, 1, 'the shell was replaced, not duplicated');
  for (const key of ['h1', 'tagline', 'bar']) {
    assert.deepEqual(after[key], before[key], `${key} did not move when the app mounted`);
  }
  assert.equal(after.layoutTop, before.layoutTop, 'the layout starts where the shell said');
  assert.equal(after.sidebarX, before.sidebarX);
  assert.equal(after.mainX, before.mainX);
  assert.equal(await page.getByText('Loading the playground…').count(), 0, 'the loading state is gone');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await settle(page);
  assert.match(await page.getByTestId('cycle').textContent(), /1/);
  assert.equal(await fontSize(), shellFont, 'the same type size before and after mount');
  await app.screenshot(page, `${shot}-mounted`);
  return { shellFont };
}

test('first paint: the shell shows at once without wasm, and the app replaces it without a jump', async (t) => {
  const { shellFont } = await shellThenApp(t, '/', 'first-paint');
  assert.equal(shellFont, '16px');
});

test('first paint in the presenter view: the shell already has the projector type, so nothing jumps', async (t) => {
  const { shellFont } = await shellThenApp(t, '/?presenter=1', 'first-paint-presenter');
  assert.equal(shellFont, '21px', 'the shell knows the link asks for the presenter view');
});
