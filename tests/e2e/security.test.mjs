// The locked-down page: a Content-Security-Policy with no inline script (but
// Trunk's hashed loader), no eval beyond WebAssembly, no third-party origins;
// user text is never inserted as HTML; nothing leaves 127.0.0.1 (the harness
// aborts and fails on any other request).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, settle, waitForText } from './harness.mjs';

test('the policy refuses inline script and foreign origins, and the app still runs', async (t) => {
  const app = await launchApp(t);
  const page = await app.open('/');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /default-src 'self'/);
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.doesNotMatch(policy, /unsafe-inline|'unsafe-eval'|https?:/);

  const refused = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.head.append(s);
        fetch('http://127.0.0.2:9/x').catch(() => {});
        setTimeout(() => resolve({ seen, injected: window.__injected === true }), 300);
      }),
  );
  assert.equal(refused.injected, false, 'inline script did not run');
  assert.ok(refused.seen.some((d) => d.startsWith('script-src')), `violations: ${refused.seen}`);
  assert.ok(refused.seen.some((d) => d.startsWith('connect-src')), `violations: ${refused.seen}`);
  // Those two refusals were provoked on purpose: drop their console errors.
  for (let i = app.problems.length - 1; i >= 0; i--) {
    if (/Content Security Policy|127\.0\.0\.2/.test(app.problems[i])) app.problems.splice(i, 1);
  }
  await page.getByRole('button', { name: 'Finish cycle' }).click();
  await settle(page);
  await waitForText(page.getByTestId('cycle'), /^1$/);
});

test('hostile text in a link is shown as text, never as HTML', async (t) => {
  const app = await launchApp(t);
  const hostile = encodeURIComponent('<img src=x onerror="window.__pwned=1">');
  const page = await app.open(`/?kind=${hostile}&${hostile}=1`);
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  const notice = page.getByTestId('notice');
  await waitForText(notice, /<img src=x/);
  assert.equal(await notice.locator('img').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('extreme settings keep running with clear outcomes and no error', async (t) => {
  const app = await launchApp(t);
  // No drift with full label noise, the tiniest batches, the strictest threshold.
  const page = await app.open('/?strength=0&noise=0.5&batch=20&threshold=0.99&window=newest');
  await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
  await settle(page);
  for (let i = 0; i < 25; i++) {
    await page.getByRole('button', { name: 'Finish cycle' }).click();
    await settle(page);
  }
  await waitForText(page.getByTestId('cycle'), /^25$/);
  // With coin-flip labels nothing can pass 0.99: every cycle alerts, v1 stays live.
  await page.getByRole('heading', { name: 'Alert log (25)' }).waitFor();
  assert.equal((await page.getByTestId('live-version').textContent()).trim(), 'v1');
  await waitForText(page.getByTestId('decision'), /Alert: (model v\d+ scored|retraining failed|data validation failed)/);
});
