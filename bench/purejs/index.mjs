// The pure-JavaScript competitor: the same semantics as Rapport's functions (docs/functions.md,
// docs/methodology.md), written the way a competent JavaScript developer would without Rapport.
// Each function takes an error factory `makeError(code, message)` (Excel's
// CustomFunctions.Error) and Excel's arguments, and returns Excel's result (blank = '').
export { seqScore } from './seq_score.mjs';
export { seqLevel } from './seq_level.mjs';
export { accountSeq } from './account_seq.mjs';
export { relationshipValue } from './relationship_value.mjs';

import { seqScore } from './seq_score.mjs';
import { seqLevel } from './seq_level.mjs';
import { accountSeq } from './account_seq.mjs';
import { relationshipValue } from './relationship_value.mjs';

export const PURE_JS = {
  SEQ_SCORE: seqScore,
  SEQ_LEVEL: seqLevel,
  ACCOUNT_SEQ: accountSeq,
  RELATIONSHIP_VALUE: relationshipValue,
};
