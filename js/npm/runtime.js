// Rapport for JavaScript and TypeScript (the npm package's runtime). Bundled by js/build/npm.mjs
// with the wasm-bindgen glue and js/core/engine.js into dist/npm/runtime.js; the per-function
// API (dist/npm/index.js, index.d.ts) is generated from the catalogue and calls `invoke` below.
// Nothing here scores anything: every result comes from the wasm engine.

import initGlue, * as glue from '../../build/pkg/rapport.js';
import { createEngine, CellError } from '../core/engine.js';

export { CellError };

/** A whole-call error (a bad option, mismatched shapes, not enough data for the whole call). */
export class RapportError extends Error {
  constructor(code, message) {
    super(message ? `${code} ${message}` : code);
    this.name = 'RapportError';
    this.code = code;
    this.cellError = new CellError(code, message);
  }
}

/** Is `v` an error cell? */
export function isCellError(v) {
  return v instanceof CellError;
}

let engine = null;

function start() {
  // The whole glue: packing in place, and a fresh instance after a trap (__wbg_reset_state).
  engine = createEngine(glue);
}

const isNode = () => typeof process !== 'undefined' && process.versions != null && typeof process.versions.node === 'string';

/**
 * Loads the engine. Without an argument: the wasm beside this module (fetched in browsers, read
 * from disk in Node). Or give a URL, a fetch Response, or the wasm bytes.
 */
export async function init(source) {
  if (engine !== null) return;
  let src = await source;
  if (src === undefined || src === null) src = new URL('./rapport_bg.wasm', import.meta.url);
  if (typeof src === 'string') src = new URL(src, typeof location !== 'undefined' ? location.href : import.meta.url);
  if (src instanceof URL && src.protocol === 'file:' && isNode()) {
    const fs = 'node:fs/promises'; // a variable, so browser bundlers leave it alone
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fs);
    src = await readFile(src);
  }
  if (src instanceof URL) {
    await initGlue({ module_or_path: src });
  } else if (typeof src.arrayBuffer === 'function' && !ArrayBuffer.isView(src)) {
    await initGlue({ module_or_path: src });
  } else {
    glue.initSync({ module: src });
  }
  if (engine === null) start();
}

/** Loads the engine synchronously from the wasm bytes (or a compiled WebAssembly.Module). */
export function initSync(bytes) {
  if (engine !== null) return;
  glue.initSync({ module: bytes });
  start();
}

function ready() {
  if (engine === null) throw new Error('Rapport is not loaded yet: call `await init()` (or `initSync(bytes)`) first');
  return engine;
}

/** Every function with its parameters and help, as the engine describes itself. */
export function catalogue() {
  return ready().catalogue;
}

/** The engine's version text. */
export function version() {
  return ready().version;
}

/** The labels the engine reads and writes, each list low → high: {levels, stages, roles}. */
export function labels() {
  return ready().labels;
}

const DAY_MS = 86_400_000;
const SERIAL_OF_UNIX_EPOCH = 25_569; // 1970-01-01 as a spreadsheet serial day number

/** Dates as serial day numbers (UTC), as spreadsheets pass them to the engine. */
function withSerialDates(arg) {
  if (arg instanceof Date) return arg.getTime() / DAY_MS + SERIAL_OF_UNIX_EPOCH;
  if (Array.isArray(arg) && arg.some((v) => v instanceof Date || Array.isArray(v))) return arg.map(withSerialDates);
  return arg;
}

/**
 * Calls a function by its catalogue name with spreadsheet-style arguments (a value, a list =
 * one column, or rows of values). Returns rows of result cells, or a CellError for the whole call.
 */
export function call(name, args) {
  const list = Array.isArray(args) ? args : args === null || args === undefined ? [] : [args];
  return ready().call(name, list.map(withSerialDates));
}

const dims = (a) => (Array.isArray(a) ? (a.some(Array.isArray) ? 2 : 1) : 0);

/**
 * The typed API's call (used by the generated functions): `spec` describes the function,
 * `positional` are its required arguments, `options` its optional ones by camelCase name.
 */
export function invoke(spec, positional, options) {
  // A required argument given as null/undefined is a blank cell, not an omitted argument.
  const args = positional.map((a) => (a === null || a === undefined ? [[null]] : a));
  if (options !== undefined && options !== null) {
    for (const key of Object.keys(options)) {
      if (!spec.options.includes(key)) {
        throw new RapportError('#VALUE!', `${spec.js}: unknown option '${key}' (options: ${spec.options.join(', ') || 'none'})`);
      }
    }
    spec.options.forEach((key, i) => (args[positional.length + i] = options[key]));
  }
  const result = call(spec.name, args);
  if (result instanceof CellError) throw new RapportError(result.code, result.message);
  switch (spec.kind) {
    case 'element_wise': {
      const d = Math.max(...spec.shaping.map((i) => dims(positional[i])));
      return d === 2 ? result : d === 1 ? result.map((row) => row[0]) : result[0][0];
    }
    case 'per_row': {
      const single = spec.shaping.every((i) => dims(positional[i]) === 0);
      const rows = spec.columns === 1 ? result.map((row) => row[0]) : result;
      return single ? rows[0] : rows;
    }
    case 'table':
      return result.slice(1).map((row) => Object.fromEntries(spec.keys.map((k, c) => [k, row[c]])));
    default:
      return spec.rows === 1 ? (spec.columns === 1 ? result[0][0] : result[0]) : result;
  }
}
