// The benchmark harness at a small size: every path (the Excel add-in over the wasm, the
// pure-JavaScript competitor, the native engine) returns the same results on the same seeded
// workloads. No timing is asserted here; `make bench` measures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runBench } from '../../bench/harness.mjs';
import { floor } from '../../bench/floor.mjs';
import { workloads, dataBytes } from '../../bench/data.mjs';

test('the workloads are seeded: the same seed gives the same data', () => {
  const a = workloads('small');
  const b = workloads('small');
  assert.deepEqual(a, b);
  assert.notDeepEqual(workloads('small', 1)[0].calls, a[0].calls);
});

test('the floor reads every cell and produces nothing but a tally', () => {
  const calls = [[[[1, 'n/a', null]], null, 7]];
  assert.equal(floor(calls), 1 + 3 + 0 + 1);
  assert.equal(dataBytes(calls), 4 * 8 + 3);
});

test('Rapport, pure JavaScript and native Rust agree on every small workload', async () => {
  const records = await runBench({ size: 'small' });
  assert.deepEqual(records.map((r) => r.id), ['W1', 'W2', 'W3', 'W4']);
  for (const r of records) {
    assert.deepEqual(r.problems, [], `${r.id}: ${r.problems.join('\n')}`);
    assert.ok(r.rapport.wasmCalls >= 1, `${r.id} reached the wasm`);
  }
  // W4's 300 single-cell calls arrived together and travelled in one wasm call per run.
  const w4 = records.find((r) => r.id === 'W4');
  assert.equal(w4.calls, 300);
  assert.equal(w4.rapport.wasmCalls, w4.rapport.executions);
});
