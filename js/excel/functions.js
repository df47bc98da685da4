// Rapport's Excel custom functions (shared runtime). Every catalogue function is associated
// under its name; calls that arrive in the same tick are batched into one wasm call per
// function (Microsoft's batching pattern), and results are routed back to each caller.
// Nothing here touches the network: the wasm is loaded once from the add-in's own origin.

import initWasm, * as wasm from '../../build/pkg/rapport.js';
import { createEngine, CellError } from '../core/engine.js';
// [name, number of parameters] per function, written by the build from the catalogue.
import functionList from '../../build/excel-functions.json';

/* global CustomFunctions, Office */

const ERROR_CODE_NAMES = {
  '#VALUE!': 'invalidValue',
  '#N/A': 'notAvailable',
  '#NUM!': 'invalidNumber',
  '#DIV/0!': 'divisionByZero',
  '#NULL!': 'nullReference',
  '#NAME?': 'invalidName',
  '#REF!': 'invalidReference',
};

/** A Rapport CellError as Excel's error; Excel shows messages for #VALUE! and #N/A only. */
function toExcelError(e) {
  const name = ERROR_CODE_NAMES[e.code] ?? 'invalidValue';
  const code = CustomFunctions.ErrorCode[name];
  return name === 'invalidValue' || name === 'notAvailable'
    ? new CustomFunctions.Error(code, e.message)
    : new CustomFunctions.Error(code);
}

/**
 * A Rapport result as Excel's. The engine already writes its grids in Excel's form (blanks as
 * empty text, error cells as Excel errors: see `createEngine` below); a whole-call error
 * becomes one Excel error.
 */
function toExcel(result) {
  return result instanceof CellError ? toExcelError(result) : result;
}

/** Where the wasm sits: beside this script. */
function wasmUrl() {
  const here = (typeof document !== 'undefined' && document.currentScript && document.currentScript.src) || '';
  return new URL('rapport_bg.wasm', here || globalThis.location.href).href;
}

let engine = null;
const url = wasmUrl();
const ready = initWasm({ module_or_path: url }).then(() => {
  engine = createEngine(wasm, { blank: '', error: toExcelError });
  return engine;
});

// One queue per function; flushed once per tick.
const queues = new Map();
let scheduled = false;

/**
 * Runs `flush` as a new task once the calls arriving now have all been queued. A message to
 * ourselves is the prompt way in every Excel runtime (a browser, WebView2, WKWebView):
 * setTimeout(…, 0) waits 1–4 ms more. Without MessageChannel, setTimeout.
 */
const scheduleFlush = (() => {
  if (typeof MessageChannel !== 'function') return () => setTimeout(flush, 0);
  const channel = new MessageChannel();
  // Node only (the tests' stand-in): the channel keeps the process alive only while a flush
  // is pending.
  const port = channel.port1;
  const hold = typeof port.ref === 'function' ? () => port.ref() : () => {};
  const release = typeof port.unref === 'function' ? () => port.unref() : () => {};
  port.onmessage = () => {
    release();
    flush();
  };
  release();
  return () => {
    hold();
    channel.port2.postMessage(null);
  };
})();
/** Calls per wasm call (bounded so one batch never holds an unbounded input). */
const MAX_BATCH_CALLS = 20_000;

function flush() {
  scheduled = false;
  const batches = [...queues.entries()];
  queues.clear();
  for (const [name, calls] of batches) {
    for (let start = 0; start < calls.length; start += MAX_BATCH_CALLS) {
      const chunk = calls.slice(start, start + MAX_BATCH_CALLS);
      let results;
      try {
        results = engine.callBatch(name, chunk.map((c) => c.args));
      } catch (err) {
        const e = new CellError('#VALUE!', `${name}: internal error — please report (${err && err.message})`);
        results = chunk.map(() => e);
      }
      chunk.forEach((c, i) => {
        try {
          c.resolve(toExcel(results[i]));
        } catch (err) {
          c.resolve(new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, `${name}: internal error — please report (${err && err.message})`));
        }
      });
    }
  }
}

function enqueue(name, args) {
  return new Promise((resolve) => {
    let q = queues.get(name);
    if (!q) queues.set(name, (q = []));
    q.push({ args, resolve });
    if (!scheduled) {
      scheduled = true;
      ready.then(scheduleFlush, (err) => {
        // Answer everyone waiting, and let later calls be answered the same way.
        scheduled = false;
        for (const calls of queues.values()) {
          for (const c of calls) c.resolve(toExcelError(new CellError('#VALUE!', `Rapport could not start: ${err && err.message}`)));
        }
        queues.clear();
      });
    }
  });
}

for (const [name, n] of functionList) {
  // Excel appends an invocation object after the declared parameters; keep only ours.
  CustomFunctions.associate(name, (...args) => enqueue(name, args.slice(0, n)));
}

/** Shows the engine's state in the task pane (the page may still be parsing its body). */
function showStatus() {
  const status = document.getElementById('rapport-status');
  if (status) {
    ready.then(
      (e) => (status.textContent = `Rapport ${e.version} is ready: ${e.catalogue.length} functions.`),
      (err) => (status.textContent = `Rapport could not start: ${err && err.message}`),
    );
  }
}

if (typeof Office !== 'undefined' && Office.onReady) {
  Office.onReady(() => {
    if (typeof document === 'undefined') return;
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', showStatus);
    else showStatus();
  });
}

// For the task pane and tests.
globalThis.Rapport = { ready, stats: () => engine && engine.stats, version: () => engine && engine.version };
