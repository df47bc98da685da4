// Child process of robust.test.mjs (run with --max-old-space-size=2048): one SEQ_SCORE call
// just under the 5,000,000-cell limit through the Excel path, then three at once. Prints a
// JSON report.
import { join } from 'node:path';
import { ROOT, loadExcelAddIn, fileFetch } from './helpers.mjs';

const ROWS = 277_777, COLS = 18;
const { context } = await loadExcelAddIn('http://127.0.0.1:9', { fetchImpl: fileFetch(join(ROOT, 'dist/excel/rapport_bg.wasm')) });
const ratings = Array.from({ length: ROWS }, (_, r) => Array.from({ length: COLS }, (_, c) => 1 + ((r * 7 + c * 3) % 5)));
const start = process.hrtime.bigint();
const out = await context.CustomFunctions.__registry.get('SEQ_SCORE')(ratings, null, null, null);
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const finite = Array.isArray(out) && out.every((row) => row.length === 1 && Number.isFinite(row[0]));
// Three such calls arriving at once: batched, but one wasm call each (memory stays bounded).
const before = context.Rapport.stats().wasmCalls;
const three = await Promise.all([0, 1, 2].map(() => context.CustomFunctions.__registry.get('SEQ_SCORE')(ratings, null, null, null)));
const concurrent = { wasmCalls: context.Rapport.stats().wasmCalls - before, rows: three.map((o) => (Array.isArray(o) ? o.length : 0)) };
console.log(JSON.stringify({ cells: ROWS * COLS, rows: Array.isArray(out) ? out.length : 0, finite, seconds: Math.round(seconds * 100) / 100, concurrent, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
