// Soak: autoplay at full speed for 2,000 cycles with each model and each drift
// kind. No error (the harness fails on any console error), memory stays
// bounded, and at the end the page still answers a click within 100 ms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchApp, settle } from './harness.mjs';

const CYCLES = Number(process.env.SOAK_CYCLES || 2000);

async function memory(page) {
  return page.evaluate(() => ({
    heap: performance.memory ? performance.memory.usedJSHeapSize : 0,
    wasm: window.__wasmMemory ? window.__wasmMemory.buffer.byteLength : 0,
  }));
}

async function playUntil(page, cycle) {
  const cycles = page.getByTestId('cycle');
  for (;;) {
    const n = Number(await cycles.textContent());
    if (n >= cycle) return n;
    await page.waitForTimeout(250);
  }
}

for (const model of ['logistic', 'tree']) {
  for (const kind of ['concept', 'covariate', 'prior']) {
    test(`soak: ${CYCLES} cycles at full speed, ${model}, ${kind} drift`, { timeout: 600_000 }, async (t) => {
      const app = await launchApp(t);
      await app.context.addInitScript(() => {
        addEventListener('TrunkApplicationStarted', (e) => {
          window.__wasmMemory = e.detail && e.detail.wasm && e.detail.wasm.memory;
        });
      });
      const page = await app.open(`/?model=${model}&kind=${kind}&pattern=recurring&strength=0.8&seed=11`);
      await page.getByRole('heading', { name: 'Retrain Playground' }).waitFor();
      await settle(page);
      await page.getByRole('combobox', { name: 'Speed' }).selectOption('full');
      await page.getByRole('button', { name: 'Play' }).click();
      await playUntil(page, CYCLES / 2);
      const middle = await memory(page);
      await playUntil(page, CYCLES);
      await page.getByRole('button', { name: 'Pause' }).click();
      await settle(page);
      const end = await memory(page);
      const grewMb = (end.heap + end.wasm - middle.heap - middle.wasm) / 1e6;
      console.log(`# soak ${model}/${kind}: heap ${(end.heap / 1e6).toFixed(1)} MB, page wasm ${(end.wasm / 1e6).toFixed(1)} MB, growth over the second half ${grewMb.toFixed(1)} MB`);
      assert.ok(grewMb < 24, `memory grew ${grewMb.toFixed(1)} MB over the second ${CYCLES / 2} cycles`);

      // The page still answers a click quickly: from the click on "Finish cycle"
      // to the new cycle number on screen (engine round trip and render included),
      // measured inside the page.
      const ms = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const cycle = document.querySelector('[data-testid=cycle]');
            const before = cycle.textContent;
            const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Finish cycle');
            const t0 = performance.now();
            const observer = new MutationObserver(() => {
              if (cycle.textContent !== before) {
                observer.disconnect();
                resolve(performance.now() - t0);
              }
            });
            observer.observe(cycle, { childList: true, characterData: true, subtree: true });
            button.click();
          }),
      );
      console.log(`# soak ${model}/${kind}: a click answered in ${ms.toFixed(0)} ms`);
      assert.ok(ms < 100, `the page answered a click in ${ms.toFixed(0)} ms`);
    });
  }
}
