// Same numbers everywhere: every vector case and a few thousand seeded random calls give
// bit-identical results natively (target/release/rapport), in Node's wasm, in Chromium's wasm,
// through the Google Sheets bundle and through the npm package. Numbers are compared by their
// 64 bits (so 0 and -0 differ), errors by code and message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, loadVectors, nativeResults, serveStatic, launchChromium } from './helpers.mjs';
import { CellError } from '../../js/core/engine.js';

/** Random calls per run, and their seed (fixed: a failure must be reproducible). */
const RANDOM_CASES = 3000;
const SEED = 20261128;

/**
 * Runs cases through an engine and returns one canonical text per case. The same source runs
 * in Node and (serialised by playwright) in the page, so both sides convert identically.
 * `env` is {engine, CellError}.
 */
function runCanonical(env, cases) {
  const { engine, CellError } = env;
  const bits = (x) => {
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x);
    return 'f64:' + v.getBigUint64(0).toString(16);
  };
  const toJs = (v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (typeof v.error === 'string') return new CellError(v.error, v.message ?? '');
      if (v.number === 'NaN') return NaN;
      if (v.number === 'Infinity') return Infinity;
      if (v.number === '-Infinity') return -Infinity;
    }
    return v;
  };
  const grid = (a) => {
    if (a === null) return null;
    const rows = Array.isArray(a) ? a : [[a]];
    const cols = Math.max(0, ...rows.map((r) => r.length));
    return rows.map((r) => Array.from({ length: cols }, (_, c) => toJs(c < r.length ? r[c] : null)));
  };
  const canonCell = (v) => (typeof v === 'number' ? bits(v) : v instanceof CellError || (v && typeof v.code === 'string') ? { e: v.code, m: v.message } : v);
  const canon = (r) => JSON.stringify(Array.isArray(r) ? r.map((row) => row.map(canonCell)) : canonCell(r));
  return cases.map((c) => {
    if (c.native !== undefined) return canon(Array.isArray(c.native) ? c.native.map((row) => row.map(toJs)) : toJs(c.native));
    return canon(engine.call(c.function, c.args.map(grid)));
  });
}

let cases, nativeCanon;

before(() => {
  const random = JSON.parse(execFileSync(join(ROOT, 'target/release/rapport'), ['random-cases', String(RANDOM_CASES), String(SEED)], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const native = nativeResults();
  const fromVectors = [];
  for (const file of loadVectors()) {
    file.cases.forEach((c, k) => {
      // SAMPLE_SURVEY without a seed asks for fresh random data by design.
      const unseeded = file.function === 'SAMPLE_SURVEY' && (c.args.length < 2 || c.args[1] === null || (Array.isArray(c.args[1]) && c.args[1][0]?.[0] === null));
      if (!unseeded) fromVectors.push({ function: file.function, args: c.args, result: native[file.function][k] });
    });
  }
  cases = [...fromVectors, ...random];
  // The native side, put in canonical form by the same code.
  nativeCanon = runCanonical({ engine: null, CellError }, cases.map((c) => ({ native: c.result })));
  assert.ok(fromVectors.length > 200 && random.length === RANDOM_CASES);
});

function compare(got, where) {
  assert.equal(got.length, nativeCanon.length);
  let differ = 0;
  const first = [];
  got.forEach((g, i) => {
    if (g !== nativeCanon[i]) {
      differ++;
      if (first.length < 3) first.push(`${cases[i].function} case ${i}: native ${nativeCanon[i].slice(0, 300)}\n   ${where} ${g.slice(0, 300)}`);
    }
  });
  assert.equal(differ, 0, `${differ} of ${got.length} cases differ in ${where}:\n${first.join('\n')}`);
}

test('Node wasm gives bit-identical results to native for every vector and random case', async () => {
  const glue = await import(join(ROOT, 'build/pkg/rapport.js'));
  glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
  const { createEngine } = await import(join(ROOT, 'js/core/engine.js'));
  const engine = createEngine(glue);
  compare(runCanonical({ engine, CellError }, cases), 'Node');
});

let server, browser;
after(async () => {
  await browser?.close();
  await server?.close();
});

test('Chromium wasm gives bit-identical results to native for every vector and random case', async () => {
  const page_ = `<!doctype html><meta charset="utf-8"><script type="module">
import init, * as glue from '/build/pkg/rapport.js';
import { createEngine, CellError } from '/js/core/engine.js';
await init({ module_or_path: '/build/pkg/rapport_bg.wasm' });
window.rapportEnv = { engine: createEngine(glue), CellError };
</script>`;
  // Only the engine's own files are served (the glue, the wasm, the JS core).
  server = await serveStatic(join(ROOT, 'build/pkg'), {
    '/determinism.html': { type: 'text/html; charset=utf-8', body: page_ },
    '/build/pkg/rapport.js': { type: 'text/javascript', body: readFileSync(join(ROOT, 'build/pkg/rapport.js')) },
    '/build/pkg/rapport_bg.wasm': { type: 'application/wasm', body: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) },
    '/js/core/engine.js': { type: 'text/javascript', body: readFileSync(join(ROOT, 'js/core/engine.js')) },
  });
  browser = await launchChromium();
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}/determinism.html`);
  await page.waitForFunction(() => window.rapportEnv !== undefined, null, { timeout: 60_000 });
  const got = await page.evaluate(
    ([src, list]) => {
      const run = new Function(`return (${src})`)();
      return run(window.rapportEnv, list);
    },
    [runCanonical.toString(), cases.map(({ function: f, args }) => ({ function: f, args }))],
  );
  assert.deepEqual(errors, []);
  compare(got, 'Chromium');
});

test('the Google Sheets bundle (bare V8 context, polyfilled text codecs) gives bit-identical results', async () => {
  const vm = await import('node:vm');
  const ctx = vm.createContext({});
  vm.runInContext(readFileSync(join(ROOT, 'dist/sheets/RapportEngine.js'), 'utf8'), ctx, { filename: 'RapportEngine.js' });
  ctx.__cases = JSON.stringify(cases.map(({ function: f, args }) => ({ function: f, args })));
  const got = vm.runInContext(
    `(${runCanonical.toString()})({ engine: RapportSheets.getEngine(), CellError: class { constructor(c, m) { this.code = c; this.message = m; } } }, JSON.parse(__cases))`,
    ctx,
  );
  compare([...got], 'Sheets');
});

test('the npm package gives bit-identical results', async () => {
  const npm = await import(join(ROOT, 'dist/npm/index.js'));
  npm.initSync(readFileSync(join(ROOT, 'dist/npm/rapport_bg.wasm')));
  compare(runCanonical({ engine: { call: npm.call }, CellError: npm.CellError }, cases), 'npm');
});
