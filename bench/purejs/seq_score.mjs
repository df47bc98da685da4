// SEQ_SCORE in plain JavaScript (the competitor of the benchmark).
import { Problem, readRating, readNumber } from './cells.mjs';

export const MIN_ANSWERED_WEIGHT_SHARE = 0.5;

/**
 * Each row's score as a number, or {code, message} for that row's problem.
 * `func` names the function in messages (SEQ_SCORE, ACCOUNT_SEQ).
 */
export function respondentScores(func, ratings, weights, min, max) {
  const rows = ratings.length;
  const items = weights.length;
  let total = 0;
  for (const w of weights) total += w;
  const span = max - min;
  const out = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = ratings[r];
    let answered = 0, answeredWeight = 0, weightedSum = 0;
    let problem = null;
    for (let c = 0; c < items; c++) {
      let x;
      try {
        x = readRating(c < row.length ? row[c] : null, min, max);
      } catch (e) {
        if (!(e instanceof Problem)) throw e;
        problem = { code: e.code, message: `${func}: ratings row ${r + 1}, column ${c + 1}: ${e.message}` };
        break;
      }
      if (x !== null) {
        answered++;
        answeredWeight += weights[c];
        weightedSum += weights[c] * ((x - min) / span);
      }
    }
    if (problem) out[r] = problem;
    else if (answeredWeight < MIN_ANSWERED_WEIGHT_SHARE * total || answeredWeight <= 0) {
      out[r] = {
        code: '#N/A',
        message: `${func}: ratings row ${r + 1}: too few answers: ${answered} of ${items} (answers must carry at least half the item weight)`,
      };
    } else out[r] = (100 * weightedSum) / answeredWeight;
  }
  return out;
}

/** The optional `weights` list, or all 1 (the benchmark always omits it). */
export function itemWeights(weights, items) {
  if (weights === null || weights === undefined) return new Array(items).fill(1);
  const list = (Array.isArray(weights) ? weights.flat() : [weights]).map(readNumber);
  if (list.length !== items || list.some((w) => w === null || w < 0) || list.every((w) => w === 0)) {
    throw new Problem('#VALUE!', 'weights: must be one weight ≥ 0 per item column, not all 0');
  }
  return list;
}

/** SEQ_SCORE(ratings, [weights], [scale_min], [scale_max]) as an Excel custom function. */
export function seqScore(makeError, ratings, weights = null, scaleMin = null, scaleMax = null) {
  const min = scaleMin ?? 1, max = scaleMax ?? 5;
  if (!(min < max)) return makeError('#VALUE!', `SEQ_SCORE: scale_min (${min}) must be less than scale_max (${max})`);
  const items = ratings.reduce((m, row) => Math.max(m, row.length), 0);
  let w;
  try {
    w = itemWeights(weights, items);
  } catch (e) {
    return makeError(e.code, `SEQ_SCORE: ${e.message}`);
  }
  const scores = respondentScores('SEQ_SCORE', ratings, w, min, max);
  return scores.map((s) => [typeof s === 'number' ? s : makeError(s.code, s.message)]);
}
