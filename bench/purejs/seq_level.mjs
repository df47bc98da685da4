// SEQ_LEVEL in plain JavaScript, written as a synchronous Excel custom function.
import { Problem, readNumber } from './cells.mjs';

const CUTOFFS = [50, 70, 85];

export function seqLevelName(score, [c1, c2, c3] = CUTOFFS) {
  return score < c1 ? 'Antagonistic' : score < c2 ? 'Transactional' : score < c3 ? 'Predisposed' : 'Trusted Advisor';
}

/** SEQ_LEVEL(scores) with the default cut points: element-wise; blank → blank ('' in Excel). */
export function seqLevel(makeError, scores) {
  return scores.map((row, r) =>
    row.map((v, c) => {
      try {
        const x = readNumber(v);
        if (x === null) return '';
        if (x < 0 || x > 100) return makeError('#NUM!');
        return seqLevelName(x);
      } catch (e) {
        if (!(e instanceof Problem)) throw e;
        return makeError(e.code, `SEQ_LEVEL: scores row ${r + 1}, column ${c + 1}: ${e.message}`);
      }
    }),
  );
}
