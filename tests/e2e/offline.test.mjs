// Journeys of hosting and offline use: after one visit the app runs with the
// network gone (service worker precache), and the same dist/ works under any
// sub-path (relative URLs: Trunk.toml public_url = "./").
//
// Each journey serves dist/ itself, so it can stop the server: "offline" then
// means both the browser offline (context.setOffline) and no server at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, serveUnderPrefix, settle, waitForServiceWorker } from './harness.mjs';

const rows = (page) => page.locator('[data-testid=process-table] tbody tr[data-step]');

/** The page reaches its full state and the engine (Web Worker) answers a Step. */
async function assertAppWorks(page, label) {
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  const before = await rows(page).count();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await settle(page);
  await rows(page).nth(before).waitFor();
  const after = await rows(page).count();
  assert.equal(after, before + 1, `${label}: Step adds one row to the process table (${before} -> ${after})`);
}

/**
 * Opens the app at `prefix`, checks it works, waits for the service worker,
 * then goes offline (browser offline + server stopped), reloads and checks again.
 */
async function offlineJourney(t, prefix, screenshot) {
  const app = await launchApp(t);
  const server = await serveUnderPrefix(prefix);
  t.after(() => server.close());

  const page = await app.open(server.url);
  await assertAppWorks(page, `online at ${prefix}`);

  const sw = await waitForServiceWorker(page);
  assert.equal(sw.script, `${server.url}sw.js`, 'the service worker is sw.js next to index.html');
  assert.equal(sw.scope, server.url, 'the service worker scope is the folder of the app');

  // Nothing outside the prefix was asked for (all URLs are relative).
  const outside = server.requests.filter((p) => !p.startsWith(prefix));
  assert.deepEqual(outside, [], `requests outside ${prefix}`);

  // Offline: the browser has no network and the server is gone, so anything
  // not answered by the service worker fails (and fails the test as a console
  // error or a missing page).
  await app.context.setOffline(true);
  await server.close();

  await page.reload({ waitUntil: 'load' });
  assert.equal(
    await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null),
    sw.script,
    'the offline page is served by the service worker',
  );
  await assertAppWorks(page, `offline at ${prefix}`);
  await app.screenshot(page, screenshot);
  // A link with a query string (shared links carry settings there) opens the
  // same cached page.
  await page.goto(`${server.url}?offline-check=1`, { waitUntil: 'load' });
  await assertAppWorks(page, `offline at ${prefix}?…`);
  await app.context.setOffline(false);
}

test('offline: after one visit the app loads and the engine answers with the network gone', async (t) => {
  await offlineJourney(t, '/', 'offline-reload');
});

test('sub-path: the same dist/ works under /classroom/retrain/, online and offline', async (t) => {
  await offlineJourney(t, '/classroom/retrain/', 'subpath-offline-reload');
});
