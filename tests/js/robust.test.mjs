// Robustness through the Excel path: hostile inputs (fast-check) for every function, panic
// containment with a test-only trap, and the 5,000,000-cell limit. Users may throw anything at
// Rapport: every call answers with a result of the catalogue's shape or a CustomFunctions.Error —
// never a thrown exception, a hang, or a non-finite number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import { ROOT, serveStatic, loadExcelAddIn, fileFetch } from './helpers.mjs';
import { buildTrapPkg, TEST_TRAP, TEST_PKG } from './trap-build.mjs';

const DIST = join(ROOT, 'dist/excel');
let server, ctx, registry, catalogue;

before(async () => {
  server = await serveStatic(DIST);
  ctx = (await loadExcelAddIn(server.url)).context;
  registry = ctx.CustomFunctions.__registry;
  catalogue = JSON.parse(readFileSync(join(ROOT, 'build/catalogue.json'), 'utf8'));
});
after(() => server.close());

const isExcelError = (v) => v instanceof ctx.CustomFunctions.Error;

/** Calls an Excel function as Excel would; fails on a throw, a rejection or a hang. */
async function callExcel(name, args) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name}: no answer within 60 s`)), 60_000);
  });
  try {
    return await Promise.race([registry.get(name)(...args), hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** The shape the engine reads an argument as (ragged rows padded; empty = one blank cell). */
function argShape(a) {
  if (a === null || a === undefined) return null;
  if (!Array.isArray(a)) return [1, 1];
  if (a.length > 0 && a.every(Array.isArray)) {
    const cols = Math.max(...a.map((r) => r.length));
    return cols === 0 ? [1, 1] : [a.length, cols];
  }
  return a.length === 0 ? [1, 1] : [a.length, 1];
}

/** Checks one answer against the catalogue's contract for `fn` and returns a reason, or null. */
function contractViolation(fn, args, out) {
  // An internal error (a malformed call, a trap) is a bug, whatever the input.
  const internal = (e) => /internal error/.test(e.message ?? '');
  if (isExcelError(out)) {
    if (internal(out)) return `an internal error: ${out.message}`;
    return Object.values(ctx.CustomFunctions.ErrorCode).includes(out.code) ? null : `unknown code ${out.code}`;
  }
  if (!Array.isArray(out) || out.length === 0) return `not a grid or an error: ${typeof out}`;
  const cols = out[0].length;
  for (const row of out) {
    if (!Array.isArray(row) || row.length !== cols || cols === 0) return 'rows of unequal or zero width';
    for (const v of row) {
      if (typeof v === 'number' && !Number.isFinite(v)) return `a non-finite number ${v}`;
      if (!(typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || isExcelError(v))) return `a cell of type ${typeof v}`;
      if (isExcelError(v) && internal(v)) return `an internal error: ${v.message}`;
    }
  }
  const shape = fn.result;
  const first = argShape(args[0]);
  switch (shape.kind) {
    case 'per_row':
      if (cols !== shape.columns) return `expected ${shape.columns} columns, got ${cols}`;
      if (first && first[0] > 1 && out.length !== first[0]) return `expected ${first[0]} rows (one per input row), got ${out.length}`;
      return null;
    case 'element_wise': {
      const shapes = args.map(argShape).filter(Boolean);
      const ok = first && first[0] * first[1] > 1 ? out.length === first[0] && cols === first[1] : shapes.some(([r, c]) => out.length === r && cols === c);
      return ok ? null : `expected the shape of the input, got ${out.length}×${cols}`;
    }
    case 'table':
      if (cols !== shape.header.length) return `expected ${shape.header.length} columns, got ${cols}`;
      return out[0].every((h, i) => h === shape.header[i]) ? null : `header ${JSON.stringify(out[0])}`;
    case 'fixed':
      return out.length === shape.rows && cols === shape.columns ? null : `expected ${shape.rows}×${shape.columns}, got ${out.length}×${cols}`;
    default:
      return `unknown result kind ${shape.kind}`;
  }
}

const MEGABYTE = 'x'.repeat(1 << 20);

/** Hostile cells: edge numbers, odd strings, booleans, blanks, error objects and non-values. */
function cellArb() {
  const makeError = (code) => new ctx.CustomFunctions.Error(code);
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, 2.2250738585072014e-308, Number.MAX_SAFE_INTEGER + 2, 1, 2, 3, 4, 5, 50, 85, 100, 45000) },
    { weight: 3, arbitrary: fc.double() },
    { weight: 2, arbitrary: fc.integer({ min: -10, max: 120 }) },
    { weight: 3, arbitrary: fc.constantFrom('', ' ', '\t', '\u00a0', '\u3000', 'n/a', 'Don’t know', '😀', '👩‍👩‍👧', 'e\u0301', '\u202e', '\ud800', '\ud83d', '\ude00', 'a\ud83d', '\ude00b', '4', ' 4.5 ', '1e3', '-0', '1,5', '0x1F', 'Infinity', 'NaN', '1e309', 'Trusted Advisor', 'basic', 'Decision Maker', 'Acme', '2024-05-01', '#N/A', 'yes', 'x', 'TRUE') },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constant(MEGABYTE) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 2, arbitrary: fc.constantFrom(null, undefined) },
    { weight: 1, arbitrary: fc.constantFrom('#VALUE!', '#N/A', '#NUM!', '#DIV/0!', '#REF!', '#NAME?', '#NULL!').map(makeError) },
    { weight: 1, arbitrary: fc.constantFrom({}, { error: '#N/A' }, { code: 7 }, [], [[1]], new Date(0), 10n, Symbol('s'), () => 1, Object.create(null)) },
  );
}

/** Hostile arguments: grids (ragged), columns, scalars, empties, non-arrays. */
function argArb() {
  const cell = cellArb();
  return fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 8 }) },
    { weight: 2, arbitrary: fc.array(cell, { maxLength: 6 }) },
    { weight: 2, arbitrary: cell },
    { weight: 1, arbitrary: fc.constantFrom([], [[]], [[], []], null, undefined) },
  );
}

test('hostile inputs through the Excel path: every function answers by the contract', async () => {
  const arg = argArb();
  let calls = 0;
  for (const fn of catalogue) {
    const n = fn.params.length;
    // Right argument counts mostly, wrong ones (too few, too many) too.
    const argsArb = fc.oneof({ weight: 4, arbitrary: fc.array(arg, { minLength: n, maxLength: n }) }, { weight: 1, arbitrary: fc.array(arg, { minLength: 0, maxLength: n + 2 }) });
    await fc.assert(
      fc.asyncProperty(argsArb, async (args) => {
        calls++;
        const out = await callExcel(fn.name, args);
        const why = contractViolation(fn, args, out);
        if (why) throw new Error(`${fn.name}: ${why}`);
      }),
      { numRuns: 120, seed: 7, endOnFailure: true },
    );
  }
  assert.ok(calls >= 22 * 120);
});

test('hostile calls arriving together (one batch) each get their own answer', async () => {
  const batch = [
    registry.get('SEQ_SCORE')([[4, MEGABYTE]], null, null, null),
    registry.get('SEQ_SCORE')([[NaN, Infinity]], [[1, 1]], null, null),
    registry.get('SEQ_SCORE')('not an array', 'x', {}, []),
    registry.get('SEQ_SCORE')([[4]], null, null, null),
  ];
  const [a, b, c, d] = await Promise.all(batch);
  assert.ok(isExcelError(a[0][0]) && a[0][0].code === '#VALUE!');
  assert.ok(isExcelError(b[0][0]) && b[0][0].code === '#NUM!');
  assert.ok(isExcelError(c));
  assert.equal(d[0][0], 75);
});

test('half a surrogate pair in one cell and the other half in the next never break a batch', async () => {
  // Found by this suite: the halves joined into one character across the cell boundary, the
  // engine could not split the texts back, and every call of the batch failed as malformed.
  const [split, neighbour, rowWise] = await Promise.all([
    callExcel('SEQ_SCORE', [[['\ud83d', '\ude00', 4]], null, null, null]),
    callExcel('SEQ_SCORE', [[[4]], null, null, null]),
    callExcel('CONTACT_RISK', [[['Acme\ud83d'], ['\ude00Acme']], [['User'], ['User']]]),
  ]);
  assert.equal(split[0][0].code, '#VALUE!');
  assert.match(split[0][0].message, /^SEQ_SCORE: ratings row 1, column 1: '\ufffd' is not a number$/);
  assert.equal(neighbour[0][0], 75);
  assert.deepEqual(JSON.parse(JSON.stringify(rowWise)), [['Account', 'Contacts', 'Risk'], ['Acme\ufffd', 1, 'Single-threaded'], ['\ufffdAcme', 1, 'Single-threaded']]);
});

// ---- Panic containment -------------------------------------------------------------------------

let trapPkg;
function trapBuild() {
  trapPkg ??= buildTrapPkg();
  return trapPkg;
}

test('the shipped wasm has no test trap (only test builds can trap on purpose)', () => {
  for (const wasm of [join(ROOT, 'build/pkg/rapport_bg.wasm'), join(DIST, 'rapport_bg.wasm')]) {
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(wasm))).map((e) => e.name);
    assert.ok(exports.includes('call_packed'), wasm);
    assert.ok(!exports.some((e) => /trap/i.test(e)), `${wasm} exports ${exports.filter((e) => /trap/i.test(e))}`);
  }
  assert.ok(!readFileSync(join(DIST, 'functions.js'), 'utf8').includes(TEST_TRAP));
  assert.ok(!catalogue.some((f) => /trap/i.test(f.name)));
  // …and the shipped glue can start a fresh instance after a trap.
  assert.match(readFileSync(join(ROOT, 'build/pkg/rapport.js'), 'utf8'), /export function __wbg_reset_state\s*\(/);
});

test('a trap in the engine is contained: #VALUE! for that call, a fresh instance, the next calls work', async () => {
  const dir = trapBuild();
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(dir, 'rapport_bg.wasm')))).map((e) => e.name);
  assert.ok(exports.includes('test_trap_build'), 'the test build has its marker');
  const glue = await import(join(dir, 'rapport.js'));
  glue.initSync({ module: readFileSync(join(dir, 'rapport_bg.wasm')) });
  const { createEngine } = await import(join(ROOT, 'js/core/engine.js'));
  const engine = createEngine(glue);
  assert.deepEqual(engine.call('SEQ_SCORE', [[[4]]]), [[75]]);
  // The trap really kills an instance: calling the glue directly throws a RuntimeError.
  assert.throws(() => glue.call_packed('SEQ_SCORE', Uint32Array.from([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]), Uint8Array.from([2]), new Float64Array(0), TEST_TRAP, Uint32Array.from([TEST_TRAP.length])), WebAssembly.RuntimeError);
  glue.__wbg_reset_state();
  const trapped = engine.call('SEQ_SCORE', [[[TEST_TRAP]]]);
  assert.equal(trapped.code, '#VALUE!');
  assert.equal(trapped.message, 'SEQ_SCORE: internal error — please report');
  assert.equal(engine.stats.traps, 1);
  assert.deepEqual(engine.call('SEQ_SCORE', [[[4]]]), [[75]]);
  assert.deepEqual(engine.call('STAGE', [[[true]], [[6]], [[3]], [[1]], [[true]]]), [['Interconnected']]);
  // In a batch, only the call that trapped fails; its neighbours are answered.
  const out = engine.callBatch('SEQ_SCORE', [[[[5]]], [[[TEST_TRAP]]], [[[3]]], [[[1, 5]]]]);
  assert.deepEqual(out[0], [[100]]);
  assert.equal(out[1].code, '#VALUE!');
  assert.deepEqual(out[2], [[50]]);
  assert.deepEqual(out[3], [[50]]);
  // Many traps in a row never wear the engine out.
  for (let i = 0; i < 20; i++) assert.equal(engine.call('SEQ_LEVEL', [[[TEST_TRAP]]]).code, '#VALUE!');
  assert.deepEqual(engine.call('SEQ_LEVEL', [[[90]]]), [['Trusted Advisor']]);
});

test('a trap in a call made while another batch is packing leaves that batch right', async () => {
  const dir = trapBuild();
  const glue = await import(join(dir, 'rapport.js'));
  glue.initSync({ module: readFileSync(join(dir, 'rapport_bg.wasm')) });
  const { createEngine } = await import(join(ROOT, 'js/core/engine.js'));
  const engine = createEngine(glue);
  // The nested call traps: its instance (and the input buffers the outer batch was packing
  // into) is replaced, and the outer batch must be packed again, not read as malformed.
  let nested = null;
  const sneaky = {
    toString() {
      nested = engine.call('SEQ_SCORE', [[[TEST_TRAP]]]);
      return '4';
    },
  };
  assert.deepEqual(engine.call('SEQ_SCORE', [[[5, 5, 5], [4, sneaky, 4], [5, 5, 5]]]), [[100], [75], [100]]);
  assert.equal(nested.code, '#VALUE!');
  // Packing again reads the cell again, so its call is made (and traps) twice.
  assert.equal(engine.stats.traps, 2);
  assert.deepEqual(engine.call('SEQ_SCORE', [[[4]]]), [[75]]);
});

test('a trap is contained through the Excel path too', async () => {
  const dir = trapBuild();
  // The add-in bundled against the test engine (the shipped bundle cannot trap on purpose).
  const bundle = await esbuild.build({
    entryPoints: [join(ROOT, 'js/excel/functions.js')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    plugins: [{ name: 'test-pkg', setup: (b) => b.onResolve({ filter: /build\/pkg\/rapport\.js$/ }, () => ({ path: join(dir, 'rapport.js') })) }],
  });
  const { context } = await loadExcelAddIn('http://127.0.0.1:9', { script: bundle.outputFiles[0].text, fetchImpl: fileFetch(join(dir, 'rapport_bg.wasm')) });
  const reg = context.CustomFunctions.__registry;
  const [before, trapped, neighbour] = await Promise.all([reg.get('SEQ_SCORE')([[4]], null, null, null), reg.get('SEQ_SCORE')([[TEST_TRAP]], null, null, null), reg.get('SEQ_SCORE')([[2]], null, null, null)]);
  assert.equal(before[0][0], 75);
  assert.ok(trapped instanceof context.CustomFunctions.Error);
  assert.equal(trapped.code, '#VALUE!');
  assert.match(trapped.message, /internal error — please report/);
  assert.equal(neighbour[0][0], 25);
  const after = await reg.get('SEQ_LEVEL')([[90, 10]], null);
  assert.deepEqual(JSON.parse(JSON.stringify(after)), [['Trusted Advisor', 'Antagonistic']]);
  // Two restarts: the batch that trapped, then that call again on its own.
  assert.equal(context.Rapport.stats().traps, 2);
});

// ---- Size limits ---------------------------------------------------------------------------------

test('a call over 5,000,000 cells in total is #NUM! before any wasm call', async () => {
  const before = ctx.Rapport.stats().wasmCalls;
  // 2,500,001 accounts + 2,500,001 ratings: each argument is under the limit, the call is not.
  const col = Array.from({ length: 2_500_001 }, () => ['Acme']);
  const ratings = Array.from({ length: 2_500_001 }, () => [4]);
  const out = await callExcel('ACCOUNT_SEQ', [col, ratings, null, null, null, null]);
  assert.ok(isExcelError(out));
  assert.equal(out.code, '#NUM!');
  assert.equal(ctx.Rapport.stats().wasmCalls, before, 'the engine never saw it');
});

test('a sparse array billions of rows long is #NUM! at once, never walked', async () => {
  // Found by this suite: the shape check walked every hole of the array (minutes).
  const tall = new Array(2 ** 32 - 1);
  tall[0] = [4];
  const wide = new Array(2 ** 32 - 1);
  wide[0] = 4;
  for (const arg of [tall, [wide]]) {
    const out = await callExcel('SEQ_SCORE', [arg, null, null, null]);
    assert.ok(isExcelError(out));
    assert.equal(out.code, '#NUM!');
  }
});

test('a call just under the limit (277,777 × 18 = 4,999,986 cells) succeeds in Node within 2 GB, three at once too', () => {
  const child = join(ROOT, 'tests/js/robust-size-child.mjs');
  const out = execFileSync(process.execPath, ['--max-old-space-size=2048', child], { encoding: 'utf8', timeout: 280_000 });
  const report = JSON.parse(out.trim().split('\n').pop());
  console.log(`# just-under-limit call: ${report.cells} cells, ${report.seconds} s; with three more at once, peak RSS ${report.peakRssMB} MB`);
  assert.equal(report.rows, 277_777);
  assert.equal(report.finite, true);
  assert.deepEqual(report.concurrent, { wasmCalls: 3, rows: [277_777, 277_777, 277_777] }, 'large calls arriving together: one wasm call each');
  assert.ok(report.peakRssMB < 2048, `peak RSS ${report.peakRssMB} MB`);
});
