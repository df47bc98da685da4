// Peak memory of one path's first call on one workload, in a fresh Node process that holds
// only that workload's inputs (and, for Rapport, a freshly loaded add-in). A fresh process keeps
// the figure clean: in the bench's own process, memory that earlier workloads leave behind is
// released in the background while a later call runs and hides that call's growth.
//   node --expose-gc bench/memory-probe.mjs <W1|W2|W3|W4> <full|small> <rapport|purejs>
// Prints JSON: {rss0, peakRss, peakExtra, wasmMemory} (bytes).
import { writeFileSync, readFileSync } from 'node:fs';
import { loadExcelAddIn, callExcel } from './excel-host.mjs';
import { workload } from './data.mjs';
import { pureJsOnce } from './harness.mjs';

const [id, size, path] = process.argv.slice(2);
const gc = globalThis.gc;
if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
const kb = (name) => Number((readFileSync('/proc/self/status', 'utf8').match(new RegExp(`${name}:\\s+(\\d+)`)) || [0, 0])[1]) * 1024;

const w = workload(id, size);
let run;
let addIn = null;
if (path === 'rapport') {
  addIn = await loadExcelAddIn();
  const calls = addIn.adopt(w.calls);
  w.calls = null; // the add-in's own copy is all this process keeps
  run = () => callExcel(addIn, w.fn, calls);
} else if (path === 'purejs') {
  const makeError = (await loadExcelAddIn()).makeError;
  run = () => pureJsOnce(w, makeError);
} else {
  throw new Error(`unknown path ${path}`);
}
// The baseline: after full collections, once the memory they free has gone back to the system
// (V8 returns pages in the background), i.e. once the resident size stops falling.
let rss0 = Infinity;
for (let i = 0; i < 40; i++) {
  gc();
  await new Promise((r) => setTimeout(r, 100));
  const now = process.memoryUsage.rss();
  const settled = rss0 - now < 256 * 1024;
  rss0 = Math.min(rss0, now);
  if (settled && i >= 3) break;
}
rss0 = process.memoryUsage.rss();
writeFileSync('/proc/self/clear_refs', '5'); // the peak mark (VmHWM) starts from here
let result = await run();
const peakRss = kb('VmHWM');
result = null;
process.stdout.write(JSON.stringify({ rss0, peakRss, peakExtra: Math.max(0, peakRss - rss0), wasmMemory: addIn ? addIn.wasmMemoryBytes() : 0 }));
