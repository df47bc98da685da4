// Where Rapport's time goes: the JavaScript core (js/core/engine.js) over the wasm of
// build/pkg, with timers around its three steps — packing the cells (JS, straight into the
// engine's input buffers), the wasm call (the engine reads the cells where they lie, computes,
// packs its results), and unpacking (reading the results in place and building JS cells) —
// plus the full Excel path for comparison (the add-in's batching and its values).
//   node --expose-gc bench/profile.mjs [W1,W2,W3] [repeats]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, loadExcelAddIn, callExcel } from './excel-host.mjs';
import { workload } from './data.mjs';
import { createEngine } from '../js/core/engine.js';
import { median } from './harness.mjs';

const ids = (process.argv[2] || 'W1,W2,W3').split(',');
const repeats = Number(process.argv[3] || 3);

/** The wasm glue with timers: enter/leave of the call and the result getters. */
async function timedEngine() {
  const glue = await import(join(ROOT, 'build/pkg/rapport.js'));
  glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
  const marks = {};
  const timedResult = (packed) => {
    let getters = 0;
    const timed = (f) => (...a) => {
      const t = performance.now();
      const v = f(...a);
      getters += performance.now() - t;
      return v;
    };
    const out = {};
    for (const k of ['shapes', 'tags', 'nums', 'text', 'text_lens', 'tags_ptr', 'tags_len', 'nums_ptr', 'nums_len']) out[k] = timed(() => packed[k]());
    out.free = () => {
      marks.getters = getters;
      packed.free();
    };
    return out;
  };
  const timedCall = (f) => (...args) => {
    marks.enter = performance.now();
    const packed = f(...args);
    marks.leave = performance.now();
    return timedResult(packed);
  };
  const wrapped = {
    ...glue,
    call_packed: timedCall(glue.call_packed),
    call_input: timedCall(glue.call_input),
  };
  return { engine: createEngine(wrapped), marks, memory: () => glue.__wbg_get_memory?.() };
}

const { engine, marks } = await timedEngine();
for (const id of ids) {
  const w = workload(id);
  const rows = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    engine.callBatch(w.fn, w.calls);
    const t1 = performance.now();
    rows.push({ total: t1 - t0, pack: marks.enter - t0, wasm: marks.leave - marks.enter, copyOut: marks.getters, unpack: t1 - marks.leave - marks.getters });
  }
  const addIn = await loadExcelAddIn();
  const excelCalls = addIn.adopt(w.calls);
  const excel = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    await callExcel(addIn, w.fn, excelCalls);
    excel.push(performance.now() - t);
  }
  const m = (k) => median(rows.slice(1).map((r) => r[k])).toFixed(1);
  console.log(`${w.id} ${w.fn}: first engine call ${rows[0].total.toFixed(0)} ms (pack ${rows[0].pack.toFixed(0)}, wasm ${rows[0].wasm.toFixed(0)}, copy out ${rows[0].copyOut.toFixed(0)}, unpack ${rows[0].unpack.toFixed(0)}); first Excel call ${excel[0].toFixed(0)} ms`);
  console.log(`   later (median of ${repeats - 1}): engine ${m('total')} ms = pack ${m('pack')} + wasm ${m('wasm')} + copy out ${m('copyOut')} + unpack ${m('unpack')}; Excel path ${median(excel.slice(1)).toFixed(1)} ms`);
}
