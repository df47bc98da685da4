// The benchmark harness, shared by `node bench/run.mjs` (full size, timed) and the test suite
// (small size, results only). Each workload runs through four paths:
//   rapport  the built Excel add-in (dist/excel/functions.js under the Office stand-in),
//            called through CustomFunctions' registry, i.e. its batching path, to the wasm;
//   purejs   bench/purejs: the same semantics (docs/functions.md, docs/methodology.md) in
//            plain JavaScript;
//   native   target/release/rapport-bench: the engine's entry point on the same packed data,
//            no JavaScript;
//   floor    one JavaScript pass reading every input cell once (bench/floor.mjs).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, loadExcelAddIn, callExcel } from './excel-host.mjs';
import { workload, WORKLOAD_IDS, dataBytes } from './data.mjs';
import { PURE_JS } from './purejs/index.mjs';
import { floor, copyInFloor, resultFloor, seqScoreArithmetic } from './floor.mjs';
import { fromExcel, excelVisible, differences } from './compare.mjs';

export const NATIVE_BIN = join(ROOT, 'target/release/rapport-bench');
const OUT = join(ROOT, 'build/bench');

/**
 * ACCOUNT_SEQ's Low and High (columns 6, 7) come from a different random stream in pure JS:
 * each bound must keep Low ≤ SEQ ≤ High and lie within this share of Rapport's interval width
 * of Rapport's bound (accounts of 3–5 respondents have discrete resample distributions, so two
 * streams can land on neighbouring atoms).
 */
export const INTERVAL_TOLERANCE = 0.5;
const intervalCheck = (lowOrHigh) => (a, b, rowA, rowB, r) => {
  if (r === 0 || typeof a !== 'number' || typeof b !== 'number') return a === b || (a && b && a.error === b.error);
  const [seqA, seqB, width] = [rowA[3], rowB[3], rowA[6] - rowA[5]];
  const inside = lowOrHigh === 'low' ? a <= seqA && b <= seqB : a >= seqA && b >= seqB;
  return inside && Math.abs(a - b) <= INTERVAL_TOLERANCE * width + 1e-9;
};

/**
 * RELATIONSHIP_VALUE's Value (column 3): Rapport computes 0.5^(age/half-life) with libm's exp2
 * (the same bits on every host); plain JavaScript's `2 ** x` is V8's pow, which can differ in
 * the last bit, and the sum carries that on. Relative tolerance for that column only.
 */
export const VALUE_REL_TOLERANCE = 1e-12;
const valueCheck = (a, b, rowA, rowB, r) =>
  Object.is(a, b) || (r > 0 && typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= VALUE_REL_TOLERANCE * Math.max(1, Math.abs(a)));

/** Timing plans: warm-up runs (not timed), then timed runs; the median is reported. */
export const PLANS = {
  full: { W1: [2, 7], W2: [1, 5], W3: [2, 7], W4: [3, 15] },
  small: { W1: [0, 1], W2: [0, 1], W3: [0, 1], W4: [0, 1] },
};

export const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  const n = v.length;
  return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
};

const gc = globalThis.gc ?? (() => {});
const status = () => readFileSync('/proc/self/status', 'utf8');
const kbField = (name) => Number((status().match(new RegExp(`${name}:\\s+(\\d+)`)) || [0, 0])[1]) * 1024;
/** Resets the kernel's peak-RSS mark (VmHWM) to the current RSS (Linux). */
function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `once` (sync or async) under a memory probe, then `warmup` untimed and `runs` timed
 * times. The first, probed run counts as a warm-up. Returns {runs, median, peakRss, rss0, result}.
 */
async function measure(once, warmup, runs) {
  gc();
  gc();
  const rss0 = process.memoryUsage.rss();
  const canProbe = resetPeak();
  const t0 = performance.now();
  let result = await once();
  const first = performance.now() - t0;
  const peak = canProbe ? kbField('VmHWM') : process.memoryUsage.rss();
  for (let i = 1; i < warmup; i++) result = await once();
  const times = [];
  for (let i = 0; i < runs; i++) {
    result = null;
    const t = performance.now();
    result = await once();
    times.push(performance.now() - t);
  }
  return { first, executions: Math.max(1, warmup) + runs, runs: times, median: times.length ? median(times) : NaN, rss0, peakRss: peak, peakExtra: Math.max(0, peak - rss0), result };
}

/**
 * A lower bound's time: the fastest of `runs` runs after `warmup`; with `fresh`, each run starts
 * on a freshly collected heap (garbage other runs left is not charged to it).
 * {median: fastest, runs}.
 */
function lowerBound(once, warmup, runs, { fresh = false } = {}) {
  for (let i = 0; i < warmup; i++) once();
  const times = [];
  for (let i = 0; i < runs; i++) {
    if (fresh) gc();
    const t = performance.now();
    once();
    times.push(performance.now() - t);
  }
  return { median: Math.min(...times), runs: times };
}

/** Writes each workload for the native binary and runs it: {W1: {call_ms, wire_ms, results…}}. */
export function runNative(list, plan) {
  if (!existsSync(NATIVE_BIN)) throw new Error('build the native bench first: cargo build --release --bin rapport-bench');
  mkdirSync(OUT, { recursive: true });
  const files = list.map((w) => {
    const file = join(OUT, `${w.id}.json`);
    const [warmup, runs] = plan[w.id];
    writeFileSync(file, JSON.stringify({ id: w.id, function: w.fn, calls: w.calls, warmup: Math.max(1, warmup), runs }));
    return file;
  });
  const out = JSON.parse(execFileSync(NATIVE_BIN, files, { encoding: 'utf8', maxBuffer: 1 << 30 }));
  for (const f of files) rmSync(f, { force: true });
  return out;
}

/**
 * Peak memory of a path's first call, measured in a fresh process (bench/memory-probe.mjs):
 * {rss0, peakRss, peakExtra, wasmMemory} in bytes.
 */
export function probeMemory(id, size, path) {
  const out = execFileSync(process.execPath, ['--expose-gc', join(ROOT, 'bench/memory-probe.mjs'), id, size, path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out);
}

/** The pure-JS path: what an Excel add-in written in plain JavaScript would return. */
export function pureJsOnce(w, makeError) {
  const f = PURE_JS[w.fn];
  const out = new Array(w.calls.length);
  for (let i = 0; i < w.calls.length; i++) out[i] = f(makeError, ...w.calls[i]);
  return out;
}

/**
 * Compares the paths' results; returns {identical: [...], notes: [...], problems: [...]}.
 * Rapport and native must agree exactly; pure JS too, except ACCOUNT_SEQ's interval columns.
 */
export function checkResults(w, rapport, purejs, native) {
  const R = rapport.map(fromExcel);
  const P = purejs.map(fromExcel);
  const N = native.map(excelVisible);
  const problems = [];
  const columns =
    w.fn === 'ACCOUNT_SEQ' ? { 5: intervalCheck('low'), 6: intervalCheck('high') } : w.fn === 'RELATIONSHIP_VALUE' ? { 2: valueCheck } : {};
  for (let i = 0; i < R.length; i++) {
    for (const [label, other, cols] of [['native', N[i], {}], ['pure JS', P[i], columns]]) {
      const d = differences(R[i], other, { columns: cols });
      if (d.length) problems.push(`${w.id} call ${i + 1}: Rapport vs ${label}: ${d.join('; ')}`);
      if (problems.length > 10) return problems;
    }
  }
  return problems;
}

/** ACCOUNT_SEQ: how far pure JS's bootstrap interval lies from Rapport's (absolute points). */
export function intervalGap(rapport, purejs) {
  const R = fromExcel(rapport[0]), P = fromExcel(purejs[0]);
  const gaps = [], shares = [];
  for (let r = 1; r < R.length; r++) {
    for (const c of [5, 6]) {
      if (typeof R[r][c] !== 'number' || typeof P[r][c] !== 'number') continue;
      gaps.push(Math.abs(R[r][c] - P[r][c]));
      const width = R[r][6] - R[r][5];
      if (width > 0) shares.push(Math.abs(R[r][c] - P[r][c]) / width);
    }
  }
  gaps.sort((a, b) => a - b);
  shares.sort((a, b) => a - b);
  return { cells: gaps.length, median: median(gaps), p99: gaps[Math.floor(gaps.length * 0.99)], max: gaps[gaps.length - 1], maxShare: shares[shares.length - 1] ?? 0 };
}

/** RELATIONSHIP_VALUE: how many Value cells of pure JS differ from Rapport's, and by how much. */
export function valueGap(rapport, purejs) {
  const R = fromExcel(rapport[0]), P = fromExcel(purejs[0]);
  let differ = 0, maxRel = 0;
  for (let r = 1; r < R.length; r++) {
    const a = R[r][2], b = P[r][2];
    if (typeof a === 'number' && !Object.is(a, b)) {
      differ++;
      maxRel = Math.max(maxRel, Math.abs(a - b) / Math.max(1, Math.abs(a)));
    }
  }
  return { cells: R.length - 1, differ, maxRel };
}

/**
 * Runs every workload on every path. `size`: 'full' or 'small'; `log`: progress lines.
 * Returns one record per workload with its timings (ms), memory and the result check.
 */
export async function runBench({ size = 'full', log = () => {}, only = null, probe = size === 'full' } = {}) {
  const plan = PLANS[size];
  const records = [];
  for (const id of WORKLOAD_IDS.filter((x) => !only || only.includes(x))) {
    // One workload's data at a time: the JS heap holds only what this workload needs.
    gc();
    const w = workload(id, size);
    const [warmup, runs] = plan[w.id];
    log(`${w.id} ${w.what}: native …`);
    const native = runNative([w], plan);
    const bytes = dataBytes(w.calls);
    log(`${w.id}: floor …`);
    const fl = await measure(() => floor(w.calls), warmup + 1, runs);
    log(`${w.id}: pure JS …`);
    const addIn = await loadExcelAddIn();
    const pj = await measure(() => pureJsOnce(w, addIn.makeError), warmup + 1, runs);
    const purejsResult = pj.result;
    pj.result = null;
    log(`${w.id}: Rapport (Excel add-in → wasm) …`);
    const wasmBefore = addIn.wasmMemoryBytes();
    let excelCalls = addIn.adopt(w.calls);
    const rp = await measure(() => callExcel(addIn, w.fn, excelCalls), warmup + 1, runs);
    excelCalls = null;
    const rapportResult = rp.result;
    rp.result = null;
    // The lower bounds of any engine behind a boundary: taking the cells in, handing results
    // back (of the shapes Rapport returned).
    log(`${w.id}: lower bounds …`);
    const shapes = rapportResult.map((g) => (Array.isArray(g) ? [g.length, g.length ? g[0].length : 0] : [1, 1]));
    const copyIn = lowerBound(copyInFloor(w.calls), warmup + 1, runs);
    const results = lowerBound(resultFloor(shapes), warmup + 1, runs, { fresh: true });
    // SEQ_SCORE's arithmetic alone (W1), the computing any implementation must do.
    const arithmetic = w.fn === 'SEQ_SCORE' && w.calls.length === 1 ? lowerBound(seqScoreArithmetic(w.calls[0][0]), warmup + 1, runs) : null;
    const problems = checkResults(w, rapportResult, purejsResult, native[w.id].results);
    if (probe) {
      // Memory in fresh processes (the figures measured here are kept as `inProcess`).
      log(`${w.id}: peak memory of the first calls, each in a fresh process …`);
      for (const [key, rec] of [['rapport', rp], ['purejs', pj]]) {
        const m = probeMemory(w.id, size, key);
        rec.inProcess = { rss0: rec.rss0, peakRss: rec.peakRss, peakExtra: rec.peakExtra };
        Object.assign(rec, { rss0: m.rss0, peakRss: m.peakRss, peakExtra: m.peakExtra });
      }
    }
    const record = {
      id: w.id,
      fn: w.fn,
      what: w.what,
      calls: w.calls.length,
      dataBytes: bytes,
      floor: fl,
      copyIn,
      results,
      arithmetic,
      purejs: pj,
      rapport: { ...rp, wasmMemoryBefore: wasmBefore, wasmMemoryAfter: addIn.wasmMemoryBytes(), wasmCalls: addIn.stats().wasmCalls },
      native: { median: native[w.id].wire_ms, runs: native[w.id].wire_runs_ms, call: native[w.id].call_ms, encode: native[w.id].encode_ms },
      problems,
    };
    if (w.fn === 'ACCOUNT_SEQ') record.intervalGap = intervalGap(rapportResult, purejsResult);
    if (w.fn === 'RELATIONSHIP_VALUE') record.valueGap = valueGap(rapportResult, purejsResult);
    delete fl.result;
    records.push(record);
    log(`${w.id}: first calls: pure JS ${pj.first.toFixed(0)} ms, Rapport ${rp.first.toFixed(0)} ms`);
    log(`${w.id}: floor ${fl.median.toFixed(2)} ms, pure JS ${pj.median.toFixed(2)} ms, Rapport ${rp.median.toFixed(2)} ms, native ${record.native.median.toFixed(2)} ms${problems.length ? ' — RESULTS DIFFER' : ' — results agree'}`);
  }
  return records;
}
