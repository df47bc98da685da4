// The JavaScript core's packing (js/core/engine.js) against the shapes it must read: arguments
// are shaped from their first row and checked row by row as they are packed, so ragged and
// mixed arguments must come out exactly as when read in full; the input buffers live on in the
// engine between calls, so one call must never see another's cells.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import * as glue from '../../build/pkg/rapport.js';
import { createEngine, CellError } from '../../js/core/engine.js';

glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
const engine = createEngine(glue);

test('a ragged grid reads as its rows padded with blanks, however its first row looks', () => {
  const ragged = [[5], [4, 4, 4], [3, 3]];
  const padded = [[5, null, null], [4, 4, 4], [3, 3, null]];
  const got = engine.call('SEQ_SCORE', [ragged]);
  assert.deepEqual(got, engine.call('SEQ_SCORE', [padded]));
  // 5 alone is too few answers of three items; 4,4,4 scores 75; 3,3 scores 50.
  assert.ok(got[0][0] instanceof CellError);
  assert.equal(got[0][0].code, '#N/A');
  assert.deepEqual(got.slice(1), [[75], [50]]);
});

test('an argument whose later rows are not arrays is a column, as when read in full', () => {
  // A column of cells: arrays in it are cells read as their text ("70").
  const mixed = [[70], [90], 40];
  const asColumn = ['70', '90', 40];
  assert.deepEqual(engine.call('SEQ_LEVEL', [mixed]), engine.call('SEQ_LEVEL', [asColumn]));
  assert.deepEqual(engine.call('SEQ_LEVEL', [mixed]), [['Predisposed'], ['Trusted Advisor'], ['Antagonistic']]);
  // A hole first.
  const holey = [];
  holey[1] = [90];
  assert.deepEqual(engine.call('SEQ_LEVEL', [holey]), engine.call('SEQ_LEVEL', [[null, '90']]));
});

test('in a batch, a ragged call is read right and its neighbours keep their answers', () => {
  const calls = [[[[4, 4]]], [[[5], [4, 4]]], [[[2, 2]]]];
  const batch = engine.callBatch('SEQ_SCORE', calls);
  assert.deepEqual(batch, calls.map((args) => engine.call('SEQ_SCORE', args)));
  assert.deepEqual(batch[0], [[75]]);
  assert.deepEqual(batch[2], [[25]]);
  assert.deepEqual(batch[1][1], [75]);
});

test("the input buffers carry nothing from one call to the next", () => {
  // Texts, blanks, booleans and errors first, then a call of numbers only over the same cells:
  // every cell of the second call must read as the number it is.
  const first = engine.call('SEQ_SCORE', [[['n/a', null, true, new CellError('#N/A', '')], ['x', 'y', 'z', 'w']]]);
  assert.ok(first[0][0] instanceof CellError);
  assert.deepEqual(engine.call('SEQ_SCORE', [[[5, 5, 5, 5], [1, 1, 1, 1]]]), [[100], [0]]);
  // Smaller calls after a larger one read only their own cells.
  assert.deepEqual(engine.call('SEQ_SCORE', [[[3]]]), [[50]]);
});

test('a cell whose text comes from a Rapport call of its own is read right, and so is that call', () => {
  // Packing the outer call reads the cell's text, which makes a call of its own, a large one:
  // it must not write into the buffers the outer call is packing, and if it grows the engine's
  // memory (detaching the outer call's views), the outer call must still see all its cells.
  let inner = null;
  const big = Array.from({ length: 200_000 }, (_, r) => [1 + (r % 5), 2, 3]);
  const sneaky = {
    toString() {
      inner = engine.call('SEQ_SCORE', [big]);
      return '4';
    },
  };
  const outer = engine.call('SEQ_SCORE', [[[4, sneaky, 4], [5, 5, 5]]]);
  assert.deepEqual(outer, [[75], [100]]);
  assert.equal(inner.length, 200_000);
  assert.deepEqual(inner.slice(0, 5), engine.call('SEQ_SCORE', [big.slice(0, 5)]));
});

test("the engine's labels are the ones its functions write, in order", () => {
  const { levels, stages, roles } = engine.labels;
  assert.deepEqual(engine.call('SEQ_LEVEL', [[[10], [60], [80], [95]]]).flat(), levels);
  const mix = engine.call('LEVEL_MIX', [levels.map((l) => [l])]);
  assert.deepEqual(mix.slice(1, 5).map((r) => r[0]), levels);
  assert.equal(stages.length, 4);
  const footprints = [[[false], [true], [true], [true]], [[1], [2], [12], [12]], [[1], [1], [3], [4]], [[1], [1], [2], [2]], [[false], [false], [false], [true]]];
  assert.deepEqual(engine.call('STAGE', footprints).flat(), stages);
  assert.equal(roles.length, 5);
});

test('calls made one after another while a batch is packing never write into its buffers', () => {
  // Two nested calls in one packing, without growing the memory: the outer call must still
  // see its own cells (the second nested call must not pack into the shared buffers).
  engine.call('SEQ_SCORE', [[[1, 1, 1]]]);
  const sneaky = {
    toString() {
      engine.call('SEQ_SCORE', [[[1, 1, 1], [1, 1, 1]]]);
      return '4';
    },
  };
  assert.deepEqual(engine.call('SEQ_SCORE', [[[5, 5, 5], [4, sneaky, 4], [4, sneaky, 4], [5, 5, 5]]]), [[100], [75], [75], [100]]);
  // The same through a second engine on the same wasm instance.
  const other = createEngine(glue);
  const viaOther = {
    toString() {
      other.call('SEQ_SCORE', [[[1, 1, 1], [1, 1, 1]]]);
      return '4';
    },
  };
  assert.deepEqual(engine.call('SEQ_SCORE', [[[5, 5, 5], [4, viaOther, 4], [5, 5, 5]]]), [[100], [75], [100]]);
});

test('a range over the cell limit by its first row alone is read in full before it is refused', () => {
  // 600,000 rows: a first row of 10 numbers, then single values — a column of 600,000 cells
  // (a row that is an array reads as its text), under the 5,000,000-cell limit.
  const rows = 600_000;
  const arg = new Array(rows);
  arg[0] = [70, 70, 70, 70, 70, 70, 70, 70, 70, 70];
  for (let r = 1; r < rows; r++) arg[r] = 70 + (r % 3);
  const out = engine.call('SEQ_LEVEL', [arg]);
  assert.ok(Array.isArray(out), String(out));
  assert.equal(out.length, rows);
  assert.deepEqual(out.slice(1, 4), [['Predisposed'], ['Predisposed'], ['Predisposed']]);
});
