// Seeded workload data for the benchmark: the same seed gives the same cells on every run.
// Cells are what Excel hands a custom function: numbers, text, and blanks (null on the web,
// 0 on desktop for some parameter kinds).

// The playground's sample and the benchmark share one seeded generator (mulberry32).
import { seeded } from '../js/playground/seeded.js';

export { seeded };

/** The sizes of the issue (full) and of the test suite's quick run (small). */
export const SIZES = {
  full: { w1Rows: 100_000, w2Rows: 100_000, w2Accounts: 10_000, w3Rows: 1_000_000, w3Accounts: 20_000, w4Calls: 10_000 },
  small: { w1Rows: 600, w2Rows: 500, w2Accounts: 60, w3Rows: 5_000, w3Accounts: 150, w4Calls: 300 },
};

export const ITEMS = 18;

/**
 * One survey answer sheet: rows × 18 ratings on 1–5 around each respondent's own mood.
 * 2% of cells are blank (half null as Excel on the web passes them, half 0 as Excel desktop
 * does), 1% the marker 'n/a'. Every 5,000th row answers only 6 items (too few: #N/A).
 */
function ratingRows(rng, rows, moodOf) {
  const out = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const mood = moodOf(r);
    const row = new Array(ITEMS);
    const sparse = r % 5000 === 4999;
    for (let c = 0; c < ITEMS; c++) {
      const u = rng();
      if (sparse && c >= 6) row[c] = null;
      else if (u < 0.01) row[c] = null;
      else if (u < 0.02) row[c] = 0;
      else if (u < 0.03) row[c] = 'n/a';
      else row[c] = Math.min(5, Math.max(1, Math.round(mood + (rng() - 0.5) * 2.5)));
    }
    out[r] = row;
  }
  return out;
}

const ROLES = ['Decision Maker', 'Economic Buyer', 'Champion', 'Influencer', 'User', 'User', 'User', null, 'Procurement'];

const accountName = (i) => `Customer ${String(i).padStart(5, '0')}`;

/** The workloads' identifiers, in order. */
export const WORKLOAD_IDS = ['W1', 'W2', 'W3', 'W4'];

/**
 * One workload: the function, its Excel arguments per call (omitted = null), and a label.
 * Each workload has its own generator (seeded from `seed` and its number), so one can be
 * built without the others (the bench holds one workload's data at a time).
 */
export function workload(id, size = 'full', seed = 20261128) {
  const s = SIZES[size];
  const rng = seeded(seed + WORKLOAD_IDS.indexOf(id));
  if (id === 'W1') {
    // SEQ_SCORE(ratings)
    const w1 = ratingRows(rng, s.w1Rows, () => 1.5 + rng() * 3.5);
    return { id, fn: 'SEQ_SCORE', what: `SEQ_SCORE over ${s.w1Rows.toLocaleString('en')} rows × ${ITEMS} ratings`, calls: [[w1, null, null, null]] };
  }
  if (id === 'W2') {
    // ACCOUNT_SEQ(accounts, ratings, roles): respondents scattered over the accounts.
    const moods = Array.from({ length: s.w2Accounts }, () => 1.5 + rng() * 3.5);
    const accounts = new Array(s.w2Rows);
    const roles = new Array(s.w2Rows);
    const accountOf = new Int32Array(s.w2Rows);
    for (let r = 0; r < s.w2Rows; r++) {
      const a = Math.floor(rng() * s.w2Accounts);
      accountOf[r] = a;
      accounts[r] = [accountName(a)];
      roles[r] = [ROLES[Math.floor(rng() * ROLES.length)]];
    }
    const ratings = ratingRows(rng, s.w2Rows, (r) => moods[accountOf[r]]);
    return {
      id,
      fn: 'ACCOUNT_SEQ',
      what: `ACCOUNT_SEQ, ${s.w2Rows.toLocaleString('en')} respondents in ${s.w2Accounts.toLocaleString('en')} accounts, roles, bootstrap`,
      calls: [[accounts, ratings, roles, null, null, null]],
    };
  }
  if (id === 'W3') {
    // RELATIONSHIP_VALUE(accounts, dates, effects, costs): two years of interactions.
    const n = s.w3Rows;
    const acc = new Array(n), dates = new Array(n), effects = new Array(n), costs = new Array(n);
    for (let r = 0; r < n; r++) {
      // Skewed: a few large accounts, a long tail (as in real CRM exports).
      const a = Math.floor(s.w3Accounts * rng() ** 2);
      acc[r] = [accountName(a)];
      dates[r] = [45_000 + Math.floor(rng() * 730)];
      effects[r] = [Math.round((rng() * 6 - 2.5) * 2) / 2];
      const u = rng();
      costs[r] = [u < 0.1 ? null : Math.round(u * 500)];
    }
    return {
      id,
      fn: 'RELATIONSHIP_VALUE',
      what: `RELATIONSHIP_VALUE, ${n.toLocaleString('en')} interactions in ${s.w3Accounts.toLocaleString('en')} accounts`,
      calls: [[acc, dates, effects, costs, null, null]],
    };
  }
  if (id === 'W4') {
    // Single-cell SEQ_LEVEL(score) calls, each a 1×1 range; 2% blank.
    const calls = new Array(s.w4Calls);
    for (let i = 0; i < s.w4Calls; i++) calls[i] = [[[rng() < 0.02 ? null : Math.round(rng() * 10000) / 100]], null];
    return { id, fn: 'SEQ_LEVEL', what: `${s.w4Calls.toLocaleString('en')} single-cell SEQ_LEVEL calls arriving together`, calls };
  }
  throw new Error(`no workload ${id}`);
}

/** Every workload (all data at once: for tests and small sizes). */
export function workloads(size = 'full', seed = 20261128) {
  return WORKLOAD_IDS.map((id) => workload(id, size, seed));
}

/**
 * The input arrays' data size, as defined in docs/performance.md: 8 bytes per cell (a number,
 * a null, or a reference) plus the UTF-8 bytes of every text cell.
 */
export function dataBytes(calls) {
  let bytes = 0;
  const enc = new TextEncoder();
  const cell = (v) => {
    bytes += 8;
    if (typeof v === 'string') bytes += enc.encode(v).length;
  };
  for (const args of calls) {
    for (const a of args) {
      if (a === null || a === undefined) continue;
      if (!Array.isArray(a)) cell(a);
      else for (const row of a) if (Array.isArray(row)) row.forEach(cell); else cell(row);
    }
  }
  return bytes;
}
