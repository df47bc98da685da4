// Loads the built Excel add-in (dist/excel/functions.js) the way Excel's shared runtime does
// (the tests' loader, tests/js/helpers.mjs): a fresh context with the Office stand-in, its wasm
// fetched from beside the script — here from the disk (no server, no network). Calls go
// through CustomFunctions.associate's registry, i.e. through the add-in's batching path.
import vm from 'node:vm';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadExcelAddIn as loadAddIn, fileFetch } from '../tests/js/helpers.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist/excel');
const BASE = 'https://localhost:3000';

/** A fresh add-in: {context, registry, makeError, wasmMemoryBytes()}. */
export async function loadExcelAddIn() {
  // The wasm is read from dist/excel by the stand-in fetch: no server, no network.
  const { context } = await loadAddIn(BASE, { fetchImpl: fileFetch(join(DIST, 'rapport_bg.wasm')), webAssembly: instrumentedWebAssembly() });
  const memories = context.WebAssembly.__memories;
  // A deep copy of argument arrays made by code of the add-in's own realm.
  const copyIn = vm.runInContext(
    '(() => { const isArray = Array.isArray; return function copy(v) { if (!isArray(v)) return v; const out = new Array(v.length); for (let i = 0; i < v.length; i++) out[i] = copy(v[i]); return out; }; })()',
    context,
  );
  return {
    context,
    /**
     * The argument lists as Excel hands them to an add-in: arrays of the add-in's own realm
     * (Excel's runtime builds them there). Arrays of another realm (the bench's main context)
     * are several times slower for the add-in's code to walk, a cost no add-in meets in Excel.
     */
    adopt: (calls) => copyIn(calls),
    registry: context.CustomFunctions.__registry,
    makeError: (code, message) =>
      ['#VALUE!', '#N/A'].includes(code) && message !== undefined
        ? new context.CustomFunctions.Error(code, message)
        : new context.CustomFunctions.Error(code),
    /** The wasm linear memory's current size in bytes (it only grows). */
    wasmMemoryBytes: () => memories.reduce((n, m) => n + m.buffer.byteLength, 0),
    stats: () => context.Rapport.stats(),
  };
}

/** WebAssembly, noting every instance's exported memory (to report its size). */
function instrumentedWebAssembly() {
  const memories = [];
  const note = (result) => {
    const instance = result instanceof WebAssembly.Instance ? result : result.instance;
    for (const v of Object.values(instance.exports)) if (v instanceof WebAssembly.Memory) memories.push(v);
    return result;
  };
  const W = Object.create(WebAssembly);
  W.__memories = memories;
  W.instantiate = (...a) => WebAssembly.instantiate(...a).then(note);
  W.instantiateStreaming = (...a) => WebAssembly.instantiateStreaming(...a).then(note);
  return W;
}

/** Calls a registered function once per argument list, all in the same tick (Excel's batching). */
export function callExcel(addIn, name, calls) {
  const fn = addIn.registry.get(name);
  return Promise.all(calls.map((args) => fn(...args)));
}
