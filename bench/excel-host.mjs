// Loads the built Excel add-in (dist/excel/functions.js) the way Excel's shared runtime does:
// a fresh context with the Office stand-in, its wasm fetched from beside the script. Here the
// fetch is served from the disk (no server, no network). Calls go through
// CustomFunctions.associate's registry, i.e. through the add-in's batching path.
import vm from 'node:vm';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist/excel');
const BASE = 'https://localhost:3000';

/** A fresh add-in: {context, registry, makeError, wasmMemoryBytes()}. */
export async function loadExcelAddIn() {
  const context = vm.createContext({
    console,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    URL,
    TextEncoder,
    TextDecoder,
    Response,
    WebAssembly: instrumentedWebAssembly(),
    fetch: async (url) => {
      const path = new URL(String(url)).pathname;
      return new Response(readFileSync(join(DIST, path)), { headers: { 'content-type': 'application/wasm' } });
    },
    document: { currentScript: { src: `${BASE}/functions.js` }, getElementById: () => null },
    location: { href: `${BASE}/functions.html` },
  });
  context.globalThis = context;
  vm.runInContext(readFileSync(join(ROOT, 'js/excel/office-stand-in.js'), 'utf8'), context);
  vm.runInContext(readFileSync(join(DIST, 'functions.js'), 'utf8'), context, { filename: 'functions.js' });
  await context.Rapport.ready;
  const memories = context.WebAssembly.__memories;
  return {
    context,
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
