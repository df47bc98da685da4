// The Excel add-in's page (dist/excel/functions.html) in a real browser, with the Office
// stand-in served in place of Office.js: every vector case is called through the functions the
// page associates, and must equal the native engine's result exactly (messages where Excel shows
// them). This is the browser path of the add-in, not Node's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveStatic, loadVectors, nativeResults, assertSameResult } from './helpers.mjs';
import { launchChromium, isLoopback, CHROMIUM } from './playground-browser.mjs';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const skip = !existsSync(CHROMIUM) && 'Chromium is missing: run make setup-test';
let server, browser, page;
const requests = [];

before(async () => {
  if (skip) return;
  server = await serveStatic(join(ROOT, 'dist/excel'));
  browser = await launchChromium();
  const standIn = readFileSync(join(ROOT, 'js/excel/office-stand-in.js'), 'utf8');
  await browser.context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: standIn });
    if (isLoopback(url)) return route.continue();
    return route.abort();
  });
  browser.context.on('request', (r) => requests.push(r.url()));
  page = await browser.context.newPage();
  await page.goto(`${server.url}/functions.html`);
  await page.evaluate(() => globalThis.Rapport.ready);
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

/** Calls one associated function in the page the way Excel does; returns the vector JSON form. */
function callInPage(name, params, args) {
  return page.evaluate(
    async ({ name, params, args }) => {
      const CF = globalThis.CustomFunctions;
      const cell = (v) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          if (typeof v.error === 'string') return new CF.Error(v.error);
          if (v.number === 'NaN') return NaN;
          if (v.number === 'Infinity') return Infinity;
          if (v.number === '-Infinity') return -Infinity;
        }
        return v;
      };
      const grid = (a) => {
        const rows = Array.isArray(a) ? a : [[a]];
        const cols = Math.max(0, ...rows.map((r) => r.length));
        return rows.map((r) => Array.from({ length: cols }, (_, c) => cell(c < r.length ? r[c] : null)));
      };
      const xs = params.map((p, i) => {
        const a = i < args.length ? args[i] : null;
        if (a === null) return null;
        const g = grid(a);
        return p.dimensionality === 'matrix' ? g : g[0][0];
      });
      const from = (v) => {
        if (v instanceof CF.Error) return { error: v.code, message: v.message || undefined };
        if (Array.isArray(v)) return v.map((row) => row.map((x) => (x === '' ? null : from(x))));
        return v;
      };
      return from(await CF.__registry.get(name)(...xs));
    },
    { name, params, args },
  );
}

const excelVisible = (v) => {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.error === 'string') return ['#VALUE!', '#N/A'].includes(v.error) ? v : { error: v.error, message: undefined };
  if (Array.isArray(v)) return v.map(excelVisible);
  return v;
};

test('functions.html loads with the Office stand-in and associates all 22 functions', { skip }, async () => {
  const ids = await page.evaluate(() => [...globalThis.CustomFunctions.__registry.keys()].sort());
  assert.equal(ids.length, 22);
  assert.match(await page.evaluate(() => globalThis.Rapport.version()), /^\d+\.\d+\.\d+/);
});

test('every vector case called in the page equals the native result', { skip }, async () => {
  const catalogue = JSON.parse(readFileSync(join(ROOT, 'dist/excel/functions.json'), 'utf8')).functions;
  const native = nativeResults();
  let n = 0;
  for (const file of loadVectors()) {
    const fn = catalogue.find((f) => f.id === file.function);
    for (const [k, c] of file.cases.entries()) {
      if (c.args.length > fn.parameters.length) continue;
      if (fn.parameters.some((p, i) => !p.optional && (c.args[i] === undefined || c.args[i] === null))) continue;
      const got = await callInPage(file.function, fn.parameters, c.args);
      const want = excelVisible(native[file.function][k]);
      const blankSeed = c.args[1] === undefined || c.args[1] === null || (Array.isArray(c.args[1]) && c.args[1].length === 1 && c.args[1][0].length === 1 && c.args[1][0][0] === null);
      if (fn.options?.volatile === true && blankSeed) {
        assert.deepEqual(got[0], want[0], `${file.function} / ${c.name}: header`); // fresh random data by design
      } else {
        assertSameResult(got, want, `${file.function} / ${c.name}`);
      }
      n++;
    }
  }
  assert.ok(n > 200, `only ${n} vector cases ran`);
});

test('the add-in page requests only its own files (Office.js is the stand-in)', { skip }, () => {
  const outside = requests.filter((u) => !isLoopback(u));
  assert.deepEqual([...new Set(outside)], [OFFICE_JS]);
  assert.ok(requests.some((u) => u.endsWith('/rapport_bg.wasm')));
});
