// Seeded workload data for the benchmark: the same seed gives the same cells on every run.
// Cells are what Excel hands a custom function: numbers, text, and blanks (null on the web,
// 0 on desktop for some parameter kinds).

/** mulberry32: a tiny seeded 32-bit generator; `next()` is uniform in [0, 1). */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/** The four workloads: the function, its Excel arguments (omitted = null), and a label. */
export function workloads(size = 'full', seed = 20261128) {
  const s = SIZES[size];
  const rng = seeded(seed);

  // W1: SEQ_SCORE(ratings)
  const w1 = ratingRows(rng, s.w1Rows, () => 1.5 + rng() * 3.5);

  // W2: ACCOUNT_SEQ(accounts, ratings, roles): respondents scattered over the accounts.
  const moods = Array.from({ length: s.w2Accounts }, () => 1.5 + rng() * 3.5);
  const w2Accounts = new Array(s.w2Rows);
  const w2Roles = new Array(s.w2Rows);
  const w2Account = new Int32Array(s.w2Rows);
  for (let r = 0; r < s.w2Rows; r++) {
    const a = Math.floor(rng() * s.w2Accounts);
    w2Account[r] = a;
    w2Accounts[r] = [accountName(a)];
    w2Roles[r] = [ROLES[Math.floor(rng() * ROLES.length)]];
  }
  const w2Ratings = ratingRows(rng, s.w2Rows, (r) => moods[w2Account[r]]);

  // W3: RELATIONSHIP_VALUE(accounts, dates, effects, costs): two years of interactions.
  const n3 = s.w3Rows;
  const acc = new Array(n3), dates = new Array(n3), effects = new Array(n3), costs = new Array(n3);
  for (let r = 0; r < n3; r++) {
    // Skewed: a few large accounts, a long tail (as in real CRM exports).
    const a = Math.floor(s.w3Accounts * rng() ** 2);
    acc[r] = [accountName(a)];
    dates[r] = [45_000 + Math.floor(rng() * 730)];
    effects[r] = [Math.round((rng() * 6 - 2.5) * 2) / 2];
    const u = rng();
    costs[r] = [u < 0.1 ? null : Math.round(u * 500)];
  }

  // W4: single-cell SEQ_LEVEL(score) calls; 2% blank.
  const w4 = new Array(s.w4Calls);
  for (let i = 0; i < s.w4Calls; i++) w4[i] = rng() < 0.02 ? null : Math.round(rng() * 10000) / 100;

  return [
    { id: 'W1', fn: 'SEQ_SCORE', what: `SEQ_SCORE over ${s.w1Rows.toLocaleString('en')} rows × ${ITEMS} ratings`, calls: [[w1, null, null, null]] },
    {
      id: 'W2',
      fn: 'ACCOUNT_SEQ',
      what: `ACCOUNT_SEQ, ${s.w2Rows.toLocaleString('en')} respondents in ${s.w2Accounts.toLocaleString('en')} accounts, roles, bootstrap`,
      calls: [[w2Accounts, w2Ratings, w2Roles, null, null, null]],
    },
    {
      id: 'W3',
      fn: 'RELATIONSHIP_VALUE',
      what: `RELATIONSHIP_VALUE, ${n3.toLocaleString('en')} interactions in ${s.w3Accounts.toLocaleString('en')} accounts`,
      calls: [[acc, dates, effects, costs, null, null]],
    },
    {
      id: 'W4',
      fn: 'SEQ_LEVEL',
      what: `${s.w4Calls.toLocaleString('en')} single-cell SEQ_LEVEL calls arriving together`,
      calls: w4.map((x) => [[[x]], null]),
    },
  ];
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
