// Rapport for Google Sheets: the engine bundle behind the generated custom functions in
// Code.js. Apps Script has no ES modules, no fetch of our files, no TextEncoder and no secure
// random source, so the build bundles this file, the wasm-bindgen glue and the core adapter
// into one classic script (global `RapportSheets`) with the wasm embedded as base64, and the
// engine starts synchronously on the first call of each execution. The glue is wasm-bindgen's
// `--target web` output: its only `import.meta` use is in the async default-path loader, which
// is never called here (initSync takes the bytes), so it runs as a classic script; the Sheets
// test proves it in a bare V8 context.
//
// How values cross (docs/sheets.md):
//   in:  empty cells ("") are blank; a Date is its serial day number in the spreadsheet's time
//        zone; text that is exactly an error code ("#N/A", "#VALUE!" …) is that error, so one
//        Rapport result can feed another.
//   out: blank → ""; an error inside a result → its code as text ("#N/A"); an error of the
//        whole call → a thrown Error, which Sheets shows as #ERROR! with the message on hover.

import './polyfills.js'; // first: the glue creates its TextDecoder when it loads
// Named imports only: the glue's fetching loader stays out of the bundle.
import { initSync, catalogue, labels, version, call_packed, call_input, input_tags, input_nums, wasm_memory, __wbg_reset_state } from '../../build/pkg/rapport.js';

const glue = { initSync, catalogue, labels, version, call_packed, call_input, input_tags, input_nums, wasm_memory, __wbg_reset_state };
import { createEngine, CellError } from '../core/engine.js';

/* global __RAPPORT_WASM_BASE64__, SpreadsheetApp, Utilities */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes of a base64 text (no web atob in Apps Script's plain V8). */
export function decodeBase64(text) {
  const lookup = new Uint8Array(128);
  for (let i = 0; i < ALPHABET.length; i++) lookup[ALPHABET.charCodeAt(i)] = i;
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let n = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const a = lookup[clean.charCodeAt(i)], b = lookup[clean.charCodeAt(i + 1)];
    const c = i + 2 < clean.length ? lookup[clean.charCodeAt(i + 2)] : 0;
    const d = i + 3 < clean.length ? lookup[clean.charCodeAt(i + 3)] : 0;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[n++] = v >> 16;
    if (i + 2 < clean.length) out[n++] = (v >> 8) & 255;
    if (i + 3 < clean.length) out[n++] = v & 255;
  }
  return out.subarray(0, n);
}

let engine = null;

/** The engine, started on first use (Apps Script reloads the script for every execution). */
export function getEngine() {
  if (engine === null) {
    glue.initSync({ module: decodeBase64(__RAPPORT_WASM_BASE64__) });
    engine = createEngine(glue);
  }
  return engine;
}

const ERROR_TEXT = /^#(VALUE!|NUM!|N\/A|DIV\/0!|REF!|NAME\?|NULL!|ERROR!)$/;

let timeZone; // undefined: not looked up yet; null: none available (outside Sheets)

/** The spreadsheet's time zone, when running inside Sheets. */
function spreadsheetTimeZone() {
  if (timeZone === undefined) {
    timeZone = null;
    try {
      if (typeof SpreadsheetApp !== 'undefined') timeZone = SpreadsheetApp.getActive().getSpreadsheetTimeZone();
    } catch {
      timeZone = null;
    }
  }
  return timeZone;
}

const DAY_MS = 86_400_000;
const SERIAL_OF_UNIX_EPOCH = 25_569; // 1970-01-01 as a Sheets/Excel serial day number

/** A Date as the serial day number Sheets itself shows for it (its wall-clock date and time). */
export function dateToSerial(d) {
  let wall;
  const tz = spreadsheetTimeZone();
  if (tz !== null && typeof Utilities !== 'undefined') {
    const [y, mo, day, h, mi, s] = Utilities.formatDate(d, tz, 'yyyy-MM-dd-HH-mm-ss').split('-').map(Number);
    wall = Date.UTC(y, mo - 1, day, h, mi, s, d.getMilliseconds());
  } else {
    wall = Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  }
  return wall / DAY_MS + SERIAL_OF_UNIX_EPOCH;
}

function fromSheets(v) {
  if (Array.isArray(v)) return v.map(fromSheets);
  if (typeof v === 'string' && ERROR_TEXT.test(v)) return new CellError(v, '');
  if (v instanceof Date) return dateToSerial(v);
  return v;
}

function toSheets(v) {
  if (v === null) return '';
  if (v instanceof CellError) return v.code;
  return v;
}

/**
 * Runs one Rapport function with the arguments Sheets passed (an `arguments` object or array)
 * and returns what Sheets should show.
 */
export function run(name, args) {
  const list = Array.prototype.slice.call(args);
  while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
  const result = getEngine().call(name, list.map(fromSheets));
  if (result instanceof CellError) throw new Error(result.message ? `${result.code} ${result.message}` : result.code);
  return result.map((row) => row.map(toSheets));
}
