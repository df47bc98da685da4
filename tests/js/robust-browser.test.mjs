// Panic containment in Chromium: after a trap, the glue starts a fresh instance synchronously
// from the compiled module on the page's main thread (as in Excel on the web), and the next
// calls work. Uses the test-only engine (build/test-pkg, cargo feature `test-trap`).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveStatic, launchChromium } from './helpers.mjs';
import { buildTrapPkg, TEST_TRAP } from './trap-build.mjs';

let server, browser;
after(async () => {
  await browser?.close();
  await server?.close();
});

test('in Chromium, a trap answers #VALUE! for its call and the engine goes on', async () => {
  const dir = buildTrapPkg();
  const page_ = `<!doctype html><meta charset="utf-8"><script type="module">
import init, * as glue from '/pkg/rapport.js';
import { createEngine } from '/core/engine.js';
await init({ module_or_path: '/pkg/rapport_bg.wasm' });
window.engine = createEngine(glue);
</script>`;
  server = await serveStatic(dir, {
    '/trap.html': { type: 'text/html; charset=utf-8', body: page_ },
    '/pkg/rapport.js': { type: 'text/javascript', body: readFileSync(join(dir, 'rapport.js')) },
    '/pkg/rapport_bg.wasm': { type: 'application/wasm', body: readFileSync(join(dir, 'rapport_bg.wasm')) },
    '/core/engine.js': { type: 'text/javascript', body: readFileSync(join(ROOT, 'js/core/engine.js')) },
  });
  browser = await launchChromium();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/trap.html`);
  await page.waitForFunction(() => window.engine !== undefined, null, { timeout: 60_000 });
  const out = await page.evaluate((trap) => {
    const e = window.engine;
    const first = e.call('SEQ_SCORE', [[[4]]]);
    const trapped = e.call('SEQ_SCORE', [[[trap]]]);
    const next = e.call('SEQ_SCORE', [[[4]]]);
    const batch = e.callBatch('SEQ_LEVEL', [[[[90]]], [[[trap]]], [[[10]]]]);
    return { first, trapped: { code: trapped.code, message: trapped.message }, next, batch: [batch[0], batch[1].code, batch[2]], traps: e.stats.traps };
  }, TEST_TRAP);
  assert.deepEqual(errors, []);
  assert.deepEqual(out.first, [[75]]);
  assert.deepEqual(out.trapped, { code: '#VALUE!', message: 'SEQ_SCORE: internal error — please report' });
  assert.deepEqual(out.next, [[75]]);
  assert.deepEqual(out.batch, [[['Trusted Advisor']], '#VALUE!', [['Antagonistic']]]);
  assert.equal(out.traps, 3);
});
