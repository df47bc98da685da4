// The Excel add-in as Excel runs it: dist/excel/functions.js loaded into a fresh context with
// the Office stand-in, its wasm fetched from a loopback server, every function called through
// CustomFunctions.associate's registry. Results must equal the native engine's exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, loadVectors, nativeResults, vectorGrid, assertSameResult, serveStatic, loadExcelAddIn } from './helpers.mjs';

const DIST = join(ROOT, 'dist/excel');
let server, ctx, registry, catalogue, native;

before(async () => {
  server = await serveStatic(DIST);
  const loaded = await loadExcelAddIn(server.url);
  ctx = loaded.context;
  ctx.fetches = loaded.fetches;
  registry = ctx.CustomFunctions.__registry;
  catalogue = JSON.parse(readFileSync(join(DIST, 'functions.json'), 'utf8')).functions;
  native = nativeResults();
});
after(() => server.close());

const makeError = (code) => new ctx.CustomFunctions.Error(code);
/** Arrays made inside the add-in's context have its own prototypes: compare plain copies. */
const plain = (v) => JSON.parse(JSON.stringify(v));

/** Arguments as Excel passes them: matrices for ranges, scalars for typed options. */
function excelArgs(fn, args, blank = null) {
  return fn.parameters.map((p, i) => {
    const a = i < args.length ? args[i] : null;
    if (a === null) return null;
    const grid = vectorGrid(a, makeError).map((row) => row.map((v) => (v === null ? blank : v)));
    return p.dimensionality === 'matrix' ? grid : grid[0][0];
  });
}

/** Excel's result in the vector JSON form: '' is blank, errors as {error, message}. */
function fromExcel(v) {
  if (v instanceof ctx.CustomFunctions.Error) return { error: v.code, message: v.message || undefined };
  if (Array.isArray(v)) return v.map((row) => row.map((x) => (x === '' ? null : fromExcel(x))));
  return v;
}

/** A native result with messages only where Excel can show them. */
function excelVisible(v) {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.error === 'string') {
    return ['#VALUE!', '#N/A'].includes(v.error) ? v : { error: v.error, message: undefined };
  }
  if (Array.isArray(v)) return v.map(excelVisible);
  return v;
}

/**
 * Excel always passes a value for a required argument, null for an omitted option, and never
 * more arguments than declared: other vector cases exercise the JS API, not Excel.
 */
function excelCanCall(fn, args) {
  if (args.length > fn.parameters.length) return false;
  return !fn.parameters.some((p, i) => !p.optional && (args[i] === undefined || args[i] === null));
}

const isBlankArg = (a) => a === undefined || a === null || (Array.isArray(a) && a.length === 1 && a[0].length === 1 && a[0][0] === null);
const isRandom = (fn, args) => fn.options?.volatile === true && isBlankArg(args[1]);

test('every catalogue function is associated, with the same name as functions.json', () => {
  const ids = catalogue.map((f) => f.id).sort();
  assert.deepEqual([...registry.keys()].sort(), ids);
  assert.equal(ids.length, 22);
});

test('the wasm is fetched once, from the add-in origin only', () => {
  assert.deepEqual(ctx.fetches, [`${server.url}/rapport_bg.wasm`]);
});

test('every vector gives exactly the native result through the Excel path', async () => {
  let n = 0;
  for (const file of loadVectors()) {
    const fn = catalogue.find((f) => f.id === file.function);
    for (const [k, c] of file.cases.entries()) {
      // Excel always passes a value for a required argument and null for an omitted option;
      // a vector that omits a required argument is a JS-API case, not an Excel one.
      if (!excelCanCall(fn, c.args)) continue;
      if (process.env.DEBUG_VECTORS) console.error(file.function, c.name);
      const got = fromExcel(await registry.get(file.function)(...excelArgs(fn, c.args)));
      const want = excelVisible(native[file.function][k]);
      if (isRandom(fn, c.args)) {
        // SAMPLE_SURVEY without a seed: fresh data by design, so only the shape can agree.
        assert.equal(Array.isArray(got), Array.isArray(want), `${file.function} / ${c.name}`);
        if (Array.isArray(want)) assert.deepEqual(got[0], want[0], `${file.function} / ${c.name}: header`);
      } else {
        assertSameResult(got, want, `${file.function} / ${c.name}`);
      }
      n++;
    }
  }
  assert.ok(n > 200, `only ${n} vector cases ran`);
});

const RATING_ARGS = { SEQ_SCORE: [0], CLIMATE: [0], BLIND_SPOTS: [0, 1], ACCOUNT_SEQ: [1], DEPENDENCE: [0, 1, 2] };

test('blank rating cells sent as 0 (Excel desktop) give the same results as null (Excel on the web)', async () => {
  let n = 0;
  for (const file of loadVectors().filter((f) => RATING_ARGS[f.function])) {
    const fn = catalogue.find((f) => f.id === file.function);
    for (const [k, c] of file.cases.entries()) {
      if (!excelCanCall(fn, c.args)) continue;
      // Only on the default 1–5 scale, where a 0 means "no answer".
      if (fn.parameters.some((p, i) => p.name === 'scale_min' && c.args[i] !== undefined && c.args[i] !== null)) continue;
      const args = excelArgs(fn, c.args).map((a, i) =>
        RATING_ARGS[file.function].includes(i) && Array.isArray(a) ? a.map((row) => row.map((v) => (v === null ? 0 : v))) : a,
      );
      const got = fromExcel(await registry.get(file.function)(...args));
      assertSameResult(got, excelVisible(native[file.function][k]), `${file.function} / ${c.name} (blanks as 0)`);
      n++;
    }
  }
  assert.ok(n > 20, `only ${n} cases ran`);
});

test('error values from the sheet propagate to their own output cell', async () => {
  const out = await registry.get('SEQ_SCORE')([[4, 4], [makeError('#DIV/0!'), 5]], null, null, null);
  assert.equal(out[0][0], 75);
  assert.ok(out[1][0] instanceof ctx.CustomFunctions.Error);
  assert.equal(out[1][0].code, '#DIV/0!');
});

test('a whole-call error is a single Excel error with its message', async () => {
  const out = await registry.get('SEQ_SCORE')([[4, 4]], [[-1, 1]], null, null);
  assert.ok(out instanceof ctx.CustomFunctions.Error);
  assert.equal(out.code, '#VALUE!');
  assert.match(out.message, /^SEQ_SCORE: weights/);
});

test('#NUM! errors carry no message (Excel shows messages for #VALUE! and #N/A only)', async () => {
  const out = await registry.get('SEQ_SCORE')([[9, 4]], null, null, null);
  assert.equal(out[0][0].code, '#NUM!');
  assert.equal(out[0][0].message, '');
});

test('a single cell works as a 1×1 range', async () => {
  const out = await registry.get('SEQ_SCORE')([[4]], null, null, null);
  assert.deepEqual(plain(out), [[75]]);
});

test('an Excel invocation object after the arguments is ignored', async () => {
  const out = await registry.get('SEQ_SCORE')([[4]], null, null, null, { address: 'Sheet1!A1' });
  assert.deepEqual(plain(out), [[75]]);
});

test('many concurrent single-cell calls are batched into one wasm call per function', async () => {
  const before = ctx.Rapport.stats().wasmCalls;
  const scores = Array.from({ length: 500 }, (_, i) => (i * 7) % 101);
  const levelCalls = scores.map((s) => registry.get('SEQ_SCORE')([[1 + (s % 5)]], null, null, null));
  const stageCalls = scores.map((s) => registry.get('STAGE')([[true]], [[s % 9]], [[s % 4]], [[1]], [[s % 2 === 0]]));
  const [levels, stages] = await Promise.all([Promise.all(levelCalls), Promise.all(stageCalls)]);
  assert.equal(ctx.Rapport.stats().wasmCalls - before, 2, 'one wasm call for SEQ_SCORE, one for STAGE');
  // Each caller gets its own answer.
  scores.forEach((s, i) => {
    assert.deepEqual(plain(levels[i]), [[((s % 5) * 100) / 4]]);
    const d = s % 4, st = s % 9, plan = s % 2 === 0;
    const expected = plan && d >= 3 && st >= 6 ? 'Interconnected' : st >= 3 && (d >= 2 || 1 >= 2) ? 'Collaborative' : 'Basic';
    assert.deepEqual(plain(stages[i]), [[expected]], `call ${i}`);
  });
});

test('a call over 5,000,000 cells is #NUM! without reaching the engine', async () => {
  const before = ctx.Rapport.stats().wasmCalls;
  const row = new Array(1000).fill(3);
  const big = new Array(5001).fill(row);
  const out = await registry.get('SEQ_SCORE')(big, null, null, null);
  assert.equal(out.code, '#NUM!');
  assert.equal(ctx.Rapport.stats().wasmCalls, before);
});

test("the JS core's cell limit is the engine's", async () => {
  const { MAX_INPUT_CELLS } = await import('../../js/core/engine.js');
  const glue = await import('../../build/pkg/rapport.js');
  glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
  assert.equal(MAX_INPUT_CELLS, glue.max_input_cells());
  assert.equal(MAX_INPUT_CELLS, 5_000_000);
});

test('when the engine cannot start, every call — the first and later ones — answers #VALUE! with why', async () => {
  const missing = async () => new Response('not found', { status: 404 });
  const { context } = await loadExcelAddIn('http://127.0.0.1:9', { fetchImpl: missing, waitForEngine: false });
  await assert.rejects(context.Rapport.ready);
  const seqScore = context.CustomFunctions.__registry.get('SEQ_SCORE');
  for (let attempt = 0; attempt < 3; attempt++) {
    const out = await seqScore([[4]], null, null, null);
    assert.ok(out instanceof context.CustomFunctions.Error, `attempt ${attempt}`);
    assert.equal(out.code, '#VALUE!');
    assert.match(out.message, /^Rapport could not start/);
  }
});
