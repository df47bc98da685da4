// The playground's calculation (HyperFormula + Rapport's plugin) in Node: spills, errors with
// their messages, blocked spills, and the reserved spill area.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import * as glue from '../../build/pkg/rapport.js';
import { createEngine } from '../../js/core/engine.js';
import { Calculation } from '../../js/playground/calc.js';

glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
const engine = createEngine(glue);
const calc = new Calculation(engine);
const values = () => calc.snapshot().sheets[0].values;

test('an element-wise function spills one value per input cell', () => {
  calc.load([{ name: 'S', cells: [[40, '=RAPPORT.SEQ_LEVEL(A1:A3)'], [60], [90]] }]);
  assert.deepEqual(values().map((r) => r[1]), ['Antagonistic', 'Transactional', 'Trusted Advisor']);
});

test("Rapport's errors keep their code and message, per cell and for the whole call", () => {
  calc.load([{ name: 'S', cells: [[4, 'abc', '=RAPPORT.SEQ_SCORE(A1:B1)', '=RAPPORT.SEQ_SCORE(A1:A1, {-1})']] }]);
  const [row] = values();
  assert.deepEqual(row[2], { error: '#VALUE!', message: "SEQ_SCORE: ratings row 1, column 2: 'abc' is not a number" });
  assert.equal(row[3].error, '#VALUE!');
  assert.match(row[3].message, /^SEQ_SCORE: weights/);
});

test('a blocked spill is #SPILL! and recovers when the blocking cell is cleared', () => {
  calc.load([{ name: 'S', cells: [[40, '=RAPPORT.SEQ_LEVEL(A1:A3)'], [60], [90]] }]);
  calc.set('S', 2, 1, 'in the way');
  assert.equal(values()[0][1].error, '#SPILL!');
  calc.set('S', 2, 1, null);
  assert.deepEqual(values().map((r) => r[1]), ['Antagonistic', 'Transactional', 'Trusted Advisor']);
});

test('a table reserves one row per input row and leaves the unused rows blank', () => {
  calc.load([{ name: 'S', cells: [['Acme', 'Trusted Advisor', '=RAPPORT.AT_RISK(A1:A3, B1:B3)'], ['Beta', 'Antagonistic'], ['Core', 'Predisposed']] }]);
  const v = values();
  assert.deepEqual([v[0][2], v[0][3]], ['Account', 'Level']);
  assert.deepEqual([v[1][2], v[1][3]], ['Beta', 'Antagonistic']);
  assert.equal(v[2][2] ?? null, null);
  assert.deepEqual(calc.snapshot().rapport[0].result, [['Account', 'Level'], ['Beta', 'Antagonistic']]);
});

test('built-in spreadsheet functions work on Rapport results', () => {
  calc.load([{ name: 'S', cells: [[4, 5, '=RAPPORT.SEQ_SCORE(A1:B2)', '=SUM(C1:C2)'], [5, 5]] }]);
  const v = values();
  assert.equal(v[0][3], engine.call('SEQ_SCORE', [[[4, 5], [5, 5]]]).flat().reduce((a, b) => a + b, 0));
});
