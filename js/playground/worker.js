// The playground's calculation worker: HyperFormula with Rapport's functions (calc.js), on the
// wasm module the page compiled and posted. Running here keeps the page responsive during long
// recalculations; Rapport calls report progress as they happen.
//
// This worker never touches the network: it gets the wasm from the page, and the network APIs
// are removed before anything else runs.

// Named imports only: the glue's fetching loader stays out of the bundle.
import { initSync, catalogue, labels, version, call_packed, call_input, input_tags, input_nums, wasm_memory, __wbg_reset_state } from '../../build/pkg/rapport.js';

const glue = { initSync, catalogue, labels, version, call_packed, call_input, input_tags, input_nums, wasm_memory, __wbg_reset_state };
import { createEngine } from '../core/engine.js';
import { Calculation, countRapportFormulas } from './calc.js';

for (const api of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts']) {
  try {
    Object.defineProperty(self, api, { value: undefined, configurable: false, writable: false });
  } catch {
    /* not there to remove */
  }
}

let calc = null;
let total = 0;
let reported = 0;

function progress(done) {
  // Messages queue while this worker is busy; the page shows them as they arrive.
  if (done - reported >= Math.max(1, total / 50) || done === total) {
    reported = done;
    self.postMessage({ type: 'progress', done, total });
  }
}

function result(started) {
  return { type: 'result', ...calc.snapshot(), ms: performance.now() - started };
}

const handlers = {
  init({ module }) {
    glue.initSync({ module });
    const engine = createEngine(glue);
    calc = new Calculation(engine, progress);
    return { type: 'ready', version: engine.version, labels: engine.labels, functions: engine.catalogue.map((f) => ({ name: f.name, description: f.description, example: f.example })) };
  },
  load({ sheets }) {
    const started = performance.now();
    total = countRapportFormulas(sheets);
    reported = 0;
    self.postMessage({ type: 'progress', done: 0, total });
    calc.load(sheets);
    return result(started);
  },
  set({ sheet, row, col, value }) {
    const started = performance.now();
    total = 0; // unknown: only the dependents recalculate
    reported = 0;
    calc.set(sheet, row, col, value);
    return result(started);
  },
};

self.onmessage = (event) => {
  const { id, type } = event.data;
  try {
    self.postMessage({ id, ...handlers[type](event.data) });
  } catch (err) {
    self.postMessage({ id, type: 'error', message: String((err && err.message) || err) });
  }
};
