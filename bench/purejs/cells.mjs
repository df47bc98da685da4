// Reading spreadsheet cells the way Rapport's rules ask (docs/functions.md, "Rules shared by
// every function"; docs/methodology.md §11), written as a JavaScript developer would without
// Rapport: blanks and survey markers, 0 as blank in a rating, numeric text, errors.

const MARKERS = new Set(['n/a', 'na', '-', '\u2014', '?', 'dk', "don't know", 'don\u2019t know', 'no answer']);
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A problem with one cell: its error code and message (the caller adds the position). */
export class Problem {
  constructor(code, message) {
    this.code = code;
    this.message = message;
  }
}

/** Is `v` an error value passed in by the sheet (Excel's CustomFunctions.Error, `{error}`)? */
export function sheetErrorCode(v) {
  if (typeof v.code === 'string' && v.code.startsWith('#')) return v.code;
  if (typeof v.error === 'string' && v.error.startsWith('#')) return v.error;
  return null;
}

export function isBlankText(s) {
  const t = s.trim();
  return t === '' || MARKERS.has(t.toLowerCase());
}

export function formatNumber(x) {
  if (x === 0) return '0';
  return String(x);
}

export function describe(v) {
  if (v === null || v === undefined) return 'a blank cell';
  if (typeof v === 'string') return `'${[...v].length > 40 ? [...v].slice(0, 40).join('') + '…' : v}'`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : formatNumber(v);
  return String(v);
}

function finite(x) {
  if (!Number.isFinite(x)) throw new Problem('#NUM!', `${describe(x)} is not a finite number`);
  return x === 0 ? 0 : x;
}

/** A number, or null for a blank; throws a Problem for anything else. */
export function readNumber(v) {
  if (typeof v === 'number') return finite(v);
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '' || MARKERS.has(t.toLowerCase())) return null;
    if (!NUMBER_TEXT.test(t)) throw new Problem('#VALUE!', `${describe(v)} is not a number`);
    return finite(Number(t));
  }
  if (typeof v === 'object') {
    const code = sheetErrorCode(v);
    if (code) throw new Problem(code, `the cell holds ${code}`);
  }
  throw new Problem('#VALUE!', `${describe(v)} is not a number`);
}

/** A rating on [min, max], or null when unanswered (0 is unanswered when min ≥ 1). */
export function readRating(v, min, max) {
  const x = readNumber(v);
  if (x === null || (x === 0 && min >= 1)) return null;
  if (x < min || x > max) {
    throw new Problem('#NUM!', `${formatNumber(x)} is outside the scale ${formatNumber(min)}–${formatNumber(max)}`);
  }
  return x;
}

/** An account key: trimmed text, a number as text, or null for a blank. */
export function readKey(v) {
  if (typeof v === 'string') return isBlankText(v) ? null : v.trim();
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Problem('#NUM!', `${describe(v)} is not a valid key`);
    return formatNumber(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  const code = sheetErrorCode(v);
  if (code) throw new Problem(code, `the cell holds ${code}`);
  return String(v).trim();
}

/** A date: an Excel serial day number (0 … 9999-12-31) or YYYY-MM-DD text; null for a blank. */
export function readDate(v) {
  if (typeof v === 'string' && !isBlankText(v) && !NUMBER_TEXT.test(v.trim())) {
    const serial = isoSerial(v.trim());
    if (serial === null) throw new Problem('#VALUE!', `${describe(v)} is not a date (use a date serial or YYYY-MM-DD)`);
    return serial;
  }
  if (typeof v === 'boolean') throw new Problem('#VALUE!', `${describe(v)} is not a date (use a date serial or YYYY-MM-DD)`);
  const x = readNumber(v);
  if (x === null) return null;
  if (x < 0 || x >= MAX_SERIAL + 1) throw new Problem('#NUM!', `${formatNumber(x)} is not a date serial (0 to ${MAX_SERIAL})`);
  return x;
}

const MAX_SERIAL = 2958465;

function isoSerial(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return null;
  if (y === 1900 && mo === 2 && d === 29) return 60;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > dim) return null;
  const days = (Date.UTC(y, mo - 1, d) - Date.UTC(1899, 11, 31)) / 86400000;
  return y > 1900 || mo >= 3 ? days + 1 : days;
}

/** A label's comparison form: lower case without white space, `_` or `-`. */
export function labelKey(s) {
  return s.replace(/[\s_-]/g, '').toLowerCase();
}
