// ACCOUNT_SEQ in plain JavaScript: respondent scores, role-weighted account means, levels, and
// a 90% bootstrap interval from a small seeded generator (mulberry32) seeded from each
// account's own data. Its intervals are as valid as Rapport's but not bit-identical to them:
// the random streams differ.
import { Problem, readKey, labelKey, sheetErrorCode } from './cells.mjs';
import { respondentScores, itemWeights } from './seq_score.mjs';
import { seqLevelName } from './seq_level.mjs';
import { seeded } from '../data.mjs'; // the project's one small seeded generator (mulberry32)

const ROLE_WEIGHTS = new Map([
  ['decisionmaker', 2],
  ['economicbuyer', 2],
  ['champion', 1.5],
  ['influencer', 1],
  ['user', 1],
]);
export const RESAMPLES = 1000;

function roleWeight(v) {
  if (typeof v === 'string') return ROLE_WEIGHTS.get(labelKey(v)) ?? 1;
  if (v !== null && typeof v === 'object') {
    const code = sheetErrorCode(v);
    if (code) throw new Problem(code, `the cell holds ${code}`);
  }
  return 1;
}

/** FNV-1a (32-bit) over the account key and its scores and weights. */
function accountSeed(key, scores, weights) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  const f = new Float64Array(2);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < scores.length; i++) {
    f[0] = scores[i];
    f[1] = weights[i];
    for (let k = 0; k < 4; k++) h = Math.imul(h ^ u[k], 0x01000193);
  }
  return h >>> 0;
}

function weightedMean(scores, weights) {
  let sum = 0, total = 0;
  for (let i = 0; i < scores.length; i++) {
    sum += weights[i] * scores[i];
    total += weights[i];
  }
  return total > 0 ? sum / total : null;
}

function percentileSorted(sorted, p) {
  const last = sorted.length - 1;
  const h = p * last;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, last);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function bootstrapInterval(scores, weights, seed, estimate) {
  const n = scores.length;
  const rng = seeded(seed);
  const means = new Float64Array(RESAMPLES);
  let k = 0;
  for (let b = 0; b < RESAMPLES; b++) {
    let sum = 0, total = 0;
    for (let j = 0; j < n; j++) {
      const i = Math.floor(rng() * n);
      sum += weights[i] * scores[i];
      total += weights[i];
    }
    if (total > 0) means[k++] = sum / total;
  }
  const sorted = means.subarray(0, k).sort();
  return [Math.min(percentileSorted(sorted, 0.05), estimate), Math.max(percentileSorted(sorted, 0.95), estimate)];
}

/** ACCOUNT_SEQ(accounts, ratings, [roles], [weights], [scale_min], [scale_max]). */
export function accountSeq(makeError, accounts, ratings, roles = null, weights = null, scaleMin = null, scaleMax = null) {
  const func = 'ACCOUNT_SEQ';
  const min = scaleMin ?? 1, max = scaleMax ?? 5;
  if (!(min < max)) return makeError('#VALUE!', `${func}: scale_min (${min}) must be less than scale_max (${max})`);
  if (accounts.length !== ratings.length || (roles && roles.length !== accounts.length)) {
    return makeError('#VALUE!', `${func}: parallel ranges must have the same number of rows`);
  }
  const items = ratings.reduce((m, row) => Math.max(m, row.length), 0);
  let w;
  try {
    w = itemWeights(weights, items);
  } catch (e) {
    return makeError(e.code, `${func}: ${e.message}`);
  }
  const scores = respondentScores(func, ratings, w, min, max);
  const index = new Map();
  const list = [];
  for (let r = 0; r < accounts.length; r++) {
    let name;
    try {
      name = readKey(accounts[r][0]);
    } catch (e) {
      name = '\u0000' + e.code; // an error in the accounts column: its own entity (rare)
    }
    if (name === null) continue;
    const key = name.toLowerCase();
    let a = index.get(key);
    if (a === undefined) {
      a = { name, scores: [], weights: [], excluded: 0, firstExclusion: null };
      index.set(key, a);
      list.push(a);
    }
    const s = scores[r];
    let rw = 1, roleProblem = null;
    if (roles) {
      try {
        rw = roleWeight(roles[r][0]);
      } catch (e) {
        roleProblem = { code: e.code, message: `${func}: roles row ${r + 1}, column 1: ${e.message}` };
      }
    }
    if (typeof s === 'number' && !roleProblem) {
      a.scores.push(s);
      a.weights.push(rw);
    } else {
      a.excluded++;
      a.firstExclusion ??= typeof s === 'number' ? roleProblem : s;
    }
  }
  const out = [['Account', 'Respondents', 'Excluded', 'SEQ', 'Level', 'Low', 'High']];
  for (const a of list) {
    const seq = weightedMean(a.scores, a.weights);
    if (seq === null) {
      const why = a.firstExclusion ? ` (first: ${a.firstExclusion.message})` : '';
      const na = () => makeError('#N/A', `${func}: account '${a.name}': no usable respondent, ${a.excluded} excluded${why}`);
      out.push([a.name, a.scores.length, a.excluded, na(), na(), na(), na()]);
      continue;
    }
    let low = '', high = '';
    if (a.scores.length >= 2) [low, high] = bootstrapInterval(a.scores, a.weights, accountSeed(a.name.toLowerCase(), a.scores, a.weights), seq);
    out.push([a.name, a.scores.length, a.excluded, seq, seqLevelName(seq), low, high]);
  }
  return out;
}
