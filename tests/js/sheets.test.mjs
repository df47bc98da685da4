// The Google Sheets project as Apps Script runs it: dist/sheets/RapportEngine.js and Code.js
// loaded into a bare `vm.createContext({})` (JavaScript built-ins only: no TextEncoder, no
// crypto, no fetch, no atob), every vector called through the generated custom functions the
// way Sheets passes arguments. Results must equal the native engine's under the Sheets mapping:
// blank → "", an error cell → its code as text, a whole-call error → a thrown Error.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { readFileSync, statSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, loadVectors, nativeResults, vectorGrid, assertSameResult } from './helpers.mjs';
import { Utf8Encoder, Utf8Decoder } from '../../js/sheets/polyfills.js';

const DIST = join(ROOT, 'dist/sheets');
const ERROR_TEXT = /^#(VALUE!|NUM!|N\/A|DIV\/0!|REF!|NAME\?|NULL!|ERROR!)$/;

let ctx, catalogue, native;

before(() => {
  ctx = vm.createContext({});
  vm.runInContext(readFileSync(join(DIST, 'RapportEngine.js'), 'utf8'), ctx, { filename: 'RapportEngine.js' });
  vm.runInContext(readFileSync(join(DIST, 'Code.js'), 'utf8'), ctx, { filename: 'Code.js' });
  catalogue = JSON.parse(readFileSync(join(ROOT, 'build/catalogue.json'), 'utf8'));
  native = nativeResults(sheetsVectorDir());
});

/** Sheets cannot tell an error value from its code typed as text: both arrive as text. So the
 *  native engine is asked about the inputs as Rapport reads them in Sheets, with such text as
 *  the error value (the few vectors that tell the two apart are then compared fairly). */
function sheetsVectorDir() {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-sheets-vectors-'));
  const asRead = (v) => (Array.isArray(v) ? v.map(asRead) : typeof v === 'string' && ERROR_TEXT.test(v) ? { error: v } : v);
  for (const file of loadVectors()) {
    const cases = file.cases.map((c) => ({ ...c, args: c.args.map(asRead) }));
    writeFileSync(join(dir, `${file.function.toLowerCase()}.json`), JSON.stringify({ ...file, cases }));
  }
  return dir;
}

/** A copy with this realm's arrays (keeps -0, unlike a JSON round trip). */
const plain = (v) => (Array.isArray(v) ? Array.from(v, plain) : v);

/** Calls a custom function inside the context, as Sheets would. */
function sheetsCall(name, args) {
  ctx.__args = args;
  try {
    return { value: plain(vm.runInContext(`${name}.apply(null, __args)`, ctx)) };
  } catch (e) {
    return { thrown: e.message };
  }
}

/** A vector argument as Sheets passes it: a single cell as a value, a range as a 2-D array of
 *  values with "" for empty cells; error cells arrive as their code text. */
function sheetsArg(a) {
  if (a === null) return undefined;
  const grid = vectorGrid(a, (code) => code).map((row) => row.map((v) => (v === null ? '' : v)));
  return grid.length === 1 && grid[0].length === 1 ? grid[0][0] : grid;
}

/** The native result under the Sheets mapping, or {thrown} for a whole-call error. */
function sheetsExpected(v) {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.error === 'string') {
    return { thrown: v.message ? `${v.error} ${v.message}` : v.error };
  }
  return { value: v.map((row) => row.map((c) => (c === null ? '' : c && typeof c === 'object' ? c.error : c))) };
}

const isBlankArg = (a) => a === undefined || a === null || (Array.isArray(a) && a.length === 1 && a[0].length === 1 && a[0][0] === null);

test('the bare context really lacks what Apps Script lacks', () => {
  for (const name of ['crypto', 'fetch', 'atob', 'setTimeout', 'process', 'require']) {
    assert.equal(vm.runInContext(`typeof ${name}`, ctx), 'undefined', name);
  }
  // The polyfills were installed by the bundle itself.
  assert.equal(vm.runInContext('typeof TextEncoder', ctx), 'function');
});

test('every catalogue function is a global custom function with @customfunction help', () => {
  const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
  for (const f of catalogue) {
    assert.equal(vm.runInContext(`typeof ${f.name}`, ctx), 'function', f.name);
    assert.equal(vm.runInContext(`${f.name}.length`, ctx), f.params.length, `${f.name} parameters`);
    const doc = code.slice(0, code.indexOf(`function ${f.name}(`));
    const block = doc.slice(doc.lastIndexOf('/**'));
    assert.match(block, /@customfunction/, f.name);
    for (const p of f.params) assert.match(block, new RegExp(`@param ${p.name} \\S`), `${f.name} ${p.name}`);
    assert.doesNotMatch(block, /RAPPORT\./, `${f.name}: Sheets names have no namespace`);
  }
  const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
  assert.equal(manifest.runtimeVersion, 'V8');
});

test('every vector gives the native result through the Sheets functions', () => {
  let n = 0;
  for (const file of loadVectors()) {
    for (const [k, c] of file.cases.entries()) {
      const where = `${file.function} / ${c.name}`;
      const got = sheetsCall(file.function, c.args.map(sheetsArg));
      const fn = catalogue.find((f) => f.name === file.function);
      if (fn.volatile && isBlankArg(c.args[1])) {
        // SAMPLE_SURVEY without a seed: no secure random source here, so #N/A asking for one.
        assert.match(got.thrown ?? '', /^#N\/A .*seed/, where);
      } else {
        const want = sheetsExpected(native[file.function][k]);
        if (want.thrown !== undefined) assert.equal(got.thrown, want.thrown, where);
        else {
          assert.equal(got.thrown, undefined, `${where}: threw ${got.thrown}`);
          assertSameResult(got.value, want.value, where);
        }
      }
      n++;
    }
  }
  assert.ok(n > 250, `only ${n} vector cases ran`);
});

test('SAMPLE_SURVEY without a seed asks for one (no secure random source in Apps Script)', () => {
  const got = sheetsCall('SAMPLE_SURVEY', []);
  assert.match(got.thrown, /^#N\/A SAMPLE_SURVEY: .*seed/);
  assert.equal(sheetsCall('SAMPLE_SURVEY', [2, 7]).value.length > 2, true);
});

test('error codes as text from another Rapport result propagate to their own cell', () => {
  const got = sheetsCall('SEQ_SCORE', [[[4, 4], ['#DIV/0!', 5], ['', 5]]]);
  assert.deepEqual(got.value, [[75], ['#DIV/0!'], [100]]);
  // A per-cell error feeding a second function stays an error there, a blank stays blank.
  assert.deepEqual(sheetsCall('SEQ_LEVEL', [[[75], ['#N/A'], ['']]]).value, [['Predisposed'], ['#N/A'], ['']]);
});

test('a whole-call error is thrown with its code and message (Sheets shows #ERROR! and the message)', () => {
  const got = sheetsCall('SEQ_SCORE', [[[4, 5]], undefined, 5, 1]);
  assert.match(got.thrown, /^#VALUE! SEQ_SCORE: /);
});

test('date cells (Date objects) read as their serial day numbers', () => {
  const dates = vm.runInContext('[[new Date(2024, 0, 1)], [new Date(2024, 6, 1, 12)], [new Date(2025, 0, 1)]]', ctx);
  const serials = [[45292], [45474.5], [45658]];
  assert.deepEqual(sheetsCall('SEQ_TREND', [dates, [[50], [60], [70]]]), sheetsCall('SEQ_TREND', [serials, [[50], [60], [70]]]));
  const [[slope, verdict]] = sheetsCall('SEQ_TREND', [dates, [[50], [60], [70]]]).value;
  assert.ok(slope > 19 && slope < 21, `slope ${slope}`);
  assert.equal(verdict, 'Improving');
});

test('the TextEncoder/TextDecoder polyfills agree with the platform on any text', () => {
  const samples = ['', 'plain ASCII', 'Größe — “quotes” ’', '😀 emoji and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d'];
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < 200; i++) {
    samples.push(Array.from({ length: 1 + Math.floor(rand() * 40) }, () => String.fromCharCode(Math.floor(rand() * 0x10000))).join(''));
  }
  const enc = new Utf8Encoder(), dec = new Utf8Decoder();
  for (const s of samples) {
    const bytes = enc.encode(s);
    assert.deepEqual(bytes, new TextEncoder().encode(s), JSON.stringify(s));
    assert.equal(dec.decode(bytes), new TextDecoder().decode(bytes));
  }
  for (let i = 0; i < 300; i++) {
    const bytes = Uint8Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * 256));
    assert.equal(dec.decode(bytes), new TextDecoder().decode(bytes), `bytes ${[...bytes]}`);
  }
});

test('the project stays small: well under Apps Script file limits', () => {
  const size = statSync(join(DIST, 'RapportEngine.js')).size;
  assert.ok(size < 1_000_000, `RapportEngine.js is ${size} bytes`);
});
