// The npm package as a BI developer gets it: `npm pack` of dist/npm, installed from the tarball
// into a fresh folder, imported as 'rapport'. Every vector runs through the generic `call` and
// through the typed per-function API, in Node and in Chromium (a page on 127.0.0.1); results
// must equal the native engine's exactly. tsc checks a consumer against the published types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { chromium } from 'playwright-core';
import { ROOT, loadVectors, nativeResults, vectorGrid, assertSameResult, serveStatic } from './helpers.mjs';

let dir, R, native, catalogue;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-npm-'));
  const out = execFileSync('npm', ['pack', join(ROOT, 'dist/npm'), '--pack-destination', dir, '--json'], { encoding: 'utf8' });
  const tarball = join(dir, JSON.parse(out)[0].filename);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', tarball, '--no-audit', '--no-fund', '--ignore-scripts', '--offline'], { cwd: dir, stdio: 'pipe' });
  // Bare specifiers resolve from the consumer folder, through the package's "exports".
  writeFileSync(join(dir, 'load.mjs'), "export * as R from 'rapport';\nexport * as D from 'rapport/duckdb';\n");
  ({ R } = await import(pathToFileURL(join(dir, 'load.mjs')).href));
  await R.init();
  native = nativeResults();
  catalogue = R.catalogue();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const fromValue = (v) => (v instanceof R.CellError ? { error: v.code, message: v.message } : v);
const fromGrid = (g) => (g instanceof R.CellError ? fromValue(g) : g.map((row) => row.map(fromValue)));
const isBlankArg = (a) => a === undefined || a === null || (Array.isArray(a) && a.length === 1 && a[0].length === 1 && a[0][0] === null);
const camel = (s) => s.toLowerCase().replace(/[^a-z0-9]+(.)/g, (_, c) => c.toUpperCase());

/** Same result, except SAMPLE_SURVEY without a seed, which is fresh random data by design. */
function check(fn, args, got, want, where) {
  if (fn.volatile && isBlankArg(args[1]) && Array.isArray(want)) {
    assert.ok(Array.isArray(got), where);
    assert.deepEqual(got[0], want[0], `${where}: header`);
  } else {
    assertSameResult(got, want, where);
  }
}

/** A typed-API result back in the spreadsheet's rows-of-cells form. */
function typedToGrid(fn, v) {
  const r = fn.result;
  if (r.kind === 'element_wise') return fromGrid(v);
  if (r.kind === 'per_row') return v.map((x) => (r.columns === 1 ? [fromValue(x)] : x.map(fromValue)));
  if (r.kind === 'table') return [r.header, ...v.map((o) => r.header.map((h) => fromValue(o[camel(h)])))];
  return r.rows === 1 ? [r.columns === 1 ? [fromValue(v)] : v.map(fromValue)] : fromGrid(v);
}

/** Calls the typed function for a vector case, or returns undefined when its API cannot say it. */
function typedCall(fn, args) {
  const name = camel(fn.name);
  if (typeof R[name] !== 'function' || name === 'version' || args.length > fn.params.length) return undefined;
  const positional = [], options = {};
  for (const [i, p] of fn.params.entries()) {
    const a = i < args.length ? args[i] : null;
    if (!p.optional && a === null) return undefined;
    const grid = a === null ? null : vectorGrid(a, (code) => new R.CellError(code, ''));
    if (!p.optional) positional.push(grid);
    else if (grid !== null) options[camel(p.name)] = grid;
  }
  try {
    return typedToGrid(fn, R[name](...positional, ...(fn.params.some((p) => p.optional) ? [options] : [])));
  } catch (e) {
    if (!(e instanceof R.RapportError)) throw e;
    return { error: e.code, message: e.cellError.message };
  }
}

test('every vector gives exactly the native result through call() and the typed API (Node, from the tarball)', () => {
  let viaCall = 0, viaTyped = 0;
  for (const file of loadVectors()) {
    const fn = catalogue.find((f) => f.name === file.function);
    for (const [k, c] of file.cases.entries()) {
      const where = `${file.function} / ${c.name}`;
      const want = native[file.function][k];
      const args = c.args.map((a) => (a === null ? null : vectorGrid(a, (code) => new R.CellError(code, ''))));
      check(fn, c.args, fromGrid(R.call(file.function, args)), want, `${where} (call)`);
      viaCall++;
      const typed = typedCall(fn, c.args);
      if (typed !== undefined) {
        check(fn, c.args, typed, want, `${where} (typed)`);
        viaTyped++;
      }
    }
  }
  assert.ok(viaCall > 250 && viaTyped > 200, `only ${viaCall} / ${viaTyped} cases ran`);
});

test('the typed API takes plain arrays and returns plain values, lists, rows and objects', () => {
  assert.deepEqual(R.seqScore([[4, 4], [5, 'n/a']]), [75, 100]);
  assert.equal(R.seqLevel(72), 'Predisposed');
  assert.deepEqual(R.seqLevel([72, null, 90]), ['Predisposed', null, 'Trusted Advisor']);
  assert.deepEqual(R.seqLevel([[72, 90]], { cutoffs: [40, 60, 80] }), [['Predisposed', 'Trusted Advisor']]);
  assert.equal(R.stage(true, 6, 3, 1, 'yes'), 'Interconnected');
  assert.deepEqual(R.stage([false, true], 3, 2, 1, 'no'), ['Exploratory', 'Collaborative']);
  assert.deepEqual(R.contactRisk(['Acme', 'Acme', 'Beta'], ['User', 'Champion', 'Decision Maker']), [
    { account: 'Acme', contacts: 2, risk: 'No decision maker' },
    { account: 'Beta', contacts: 1, risk: 'Single-threaded' },
  ]);
  assert.equal(R.version(), R.call('VERSION', [])[0][0]);
  // call() takes a single value as the only argument too (it never throws on input).
  assert.deepEqual(R.call('SEQ_SCORE', 5), [[100]]);
  assert.deepEqual(R.call('VERSION'), [[R.version()]]);
  // The engine's labels, in the order its functions use them.
  assert.deepEqual(R.labels().levels, R.levelMix([['Trusted Advisor']]).slice(0, 4).map((r) => r.level));
  assert.equal(R.labels().roles.length, 5);
});

test('error cells are CellError values; a whole-call error throws a RapportError', () => {
  const [ok, bad] = R.seqScore([[4, 4], [9, 4]]);
  assert.equal(ok, 75);
  assert.ok(R.isCellError(bad) && bad.code === '#NUM!' && /SEQ_SCORE: ratings row 2/.test(bad.message));
  assert.throws(() => R.seqScore([[4]], { scaleMin: 5, scaleMax: 1 }), (e) => e instanceof R.RapportError && e instanceof Error && e.code === '#VALUE!');
  assert.throws(() => R.seqScore([[4]], { scalemin: 1 }), /unknown option 'scalemin'/);
});

test('dates are read as serial day numbers (UTC), like the spreadsheet hosts', () => {
  const dates = [new Date(Date.UTC(2024, 0, 1)), new Date(Date.UTC(2024, 6, 1, 12)), new Date(Date.UTC(2025, 0, 1))];
  assert.deepEqual(R.seqTrend(dates, [50, 60, 70]), R.seqTrend([45292, 45474.5, 45658], [50, 60, 70]));
});

test('initSync loads the engine from bytes (a fresh module instance)', async () => {
  const fresh = await import(pathToFileURL(join(dir, 'node_modules/rapport/runtime.js')).href + '?fresh');
  assert.throws(() => fresh.call('VERSION', []), /not loaded/);
  fresh.initSync(readFileSync(join(dir, 'node_modules/rapport/rapport_bg.wasm')));
  assert.deepEqual(fresh.call('SEQ_LEVEL', [[[85]]]), [['Trusted Advisor']]);
});

test('the published types contain no `any`', () => {
  const pkg = join(dir, 'node_modules/rapport');
  const dts = readdirSync(pkg).filter((f) => f.endsWith('.d.ts'));
  assert.deepEqual(dts.sort(), ['duckdb.d.ts', 'index.d.ts']);
  for (const f of dts) {
    const src = ts.createSourceFile(f, readFileSync(join(pkg, f), 'utf8'), ts.ScriptTarget.Latest, true);
    const anys = [];
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) anys.push(src.getLineAndCharacterOfPosition(node.getStart()).line + 1);
      ts.forEachChild(node, visit);
    };
    visit(src);
    assert.deepEqual(anys, [], `${f}: 'any' on lines ${anys.join(', ')}`);
  }
});

const TSCONFIG = { compilerOptions: { strict: true, noImplicitAny: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022', 'dom'], types: [] } };

function tsc(files) {
  const project = mkdtempSync(join(dir, 'ts-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ ...TSCONFIG, files: Object.keys(files) }));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
  try {
    execFileSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', project], { encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, out: '' };
  } catch (e) {
    return { ok: false, out: `${e.stdout}${e.stderr}` };
  }
}

test('tsc type-checks a consumer against the .d.ts with noImplicitAny, and rejects misuse', () => {
  const good = tsc({
    'consumer.ts': `import { init, seqScore, seqLevel, accountSeq, stage, seqTrend, call, isCellError, CellError, RapportError, type Value, type AccountSeqRow } from 'rapport';
import { registerRapportFunctions } from 'rapport/duckdb';
await init();
const scores: Value[] = seqScore([[4, 5, 'n/a'], [2, 3, 3]], { scaleMin: 1, scaleMax: 5 });
const one: Value = seqLevel(72);
const many: Value[] = seqLevel([72, 91], { cutoffs: [50, 70, 85] });
const grid: Value[][] = seqLevel([[72, 91]]);
const rows: AccountSeqRow[] = accountSeq(['Acme', 'Acme'], [[4, 5], [3, 4]], { roles: ['Champion', 'User'] });
const level: Value = rows[0].level;
const s: Value = stage(true, 6, 3, 1, false);
const [slope, verdict]: [Value, Value] = seqTrend([new Date(), 45600], [60, 70]);
const raw = call('SEQ_SCORE', [[[4, 5]]]);
if (!(raw instanceof CellError)) console.log(raw[0][0]);
if (isCellError(one)) console.log(one.code, one.message);
try { seqScore([[4]]); } catch (e) { if (e instanceof RapportError) console.log(e.code); }
declare const conn: { createScalarFunction(name: string, returns: object, func: (...args: any[]) => void): void; query(sql: string): unknown };
const names: string[] = registerRapportFunctions(conn, { errors: 'null' });
console.log(scores, many, grid, level, s, slope, verdict, names);
`,
  });
  assert.ok(good.ok, good.out);
  const bad = tsc({ 'bad.ts': "import { seqScore } from 'rapport';\nseqScore([[4]], { scaleMin: 'one' });\nseqScore([[4]], { scalemin: 1 });\n" });
  assert.equal(bad.ok, false);
  assert.match(bad.out, /bad\.ts\(2,/);
  assert.match(bad.out, /bad\.ts\(3,/);
});

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

test('every vector gives exactly the native result in Chromium (the package on a plain page)', async () => {
  const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module">
import * as R from '/node_modules/rapport/index.js';
await R.init();
window.R = R;
window.rapportReady = true;
</script>`;
  const server = await serveStatic(dir, { '/': { type: 'text/html; charset=utf-8', body: page } });
  const profile = mkdtempSync(join(tmpdir(), 'rapport-chromium-'));
  let browser;
  try {
    // A fresh profile folder (playwright passes it to Chromium as --user-data-dir).
    browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${server.url}/`);
    await tab.waitForFunction(() => window.rapportReady === true);
    assert.deepEqual(errors, []);
    const cases = loadVectors().flatMap((file) => file.cases.map((c, k) => ({ fn: file.function, k, name: c.name, args: c.args })));
    // Inputs and outputs cross as JSON with errors and -0/NaN/±Infinity spelled out.
    const results = await tab.evaluate((cases) => {
      const { R } = window;
      const inCell = (v) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          if (typeof v.error === 'string') return new R.CellError(v.error, '');
          return { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity }[v.number];
        }
        return v;
      };
      const inArg = (a) => {
        if (a === null) return null;
        const rows = Array.isArray(a) ? a : [[a]];
        const cols = Math.max(0, ...rows.map((r) => r.length));
        return rows.map((r) => Array.from({ length: cols }, (_, c) => inCell(c < r.length ? r[c] : null)));
      };
      const outCell = (v) => (v instanceof R.CellError ? { error: v.code, message: v.message } : Object.is(v, -0) ? { negativeZero: true } : v);
      return cases.map((c) => {
        const out = R.call(c.fn, c.args.map(inArg));
        return out instanceof R.CellError ? outCell(out) : out.map((row) => row.map(outCell));
      });
    }, cases);
    const back = (v) => (v && v.negativeZero ? -0 : v);
    let n = 0;
    for (const [i, c] of cases.entries()) {
      const got = Array.isArray(results[i]) ? results[i].map((row) => row.map(back)) : results[i];
      const fn = catalogue.find((f) => f.name === c.fn);
      check(fn, c.args, got, native[c.fn][c.k], `${c.fn} / ${c.name} (Chromium)`);
      n++;
    }
    assert.ok(n > 250, `only ${n} cases ran`);
    assert.ok(server.requests.every((u) => u === '/' || u.startsWith('/node_modules/rapport/')), server.requests.join(' '));
  } finally {
    if (browser) await browser.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
