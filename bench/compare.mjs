// Results of the four paths in one form (the vector JSON form: null = blank, errors as
// {error, message}) and their comparison.

/** An Excel result (blank = '', errors = CustomFunctions.Error) in the JSON form. */
export function fromExcel(v) {
  if (Array.isArray(v)) return v.map(fromExcel);
  if (v === '') return null;
  if (v && typeof v === 'object' && typeof v.code === 'string') return { error: v.code, message: v.message || undefined };
  return v;
}

/** A native result with messages only where Excel can show them (#VALUE!, #N/A). */
export function excelVisible(v) {
  if (Array.isArray(v)) return v.map(excelVisible);
  if (v && typeof v === 'object' && typeof v.error === 'string') {
    return ['#VALUE!', '#N/A'].includes(v.error) ? { error: v.error, message: v.message } : { error: v.error, message: undefined };
  }
  return v;
}

function sameCell(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  if (a && typeof a === 'object' && b && typeof b === 'object') return a.error === b.error && a.message === b.message;
  return a === b;
}

/**
 * Compares two results cell by cell. `columns` maps a column index to a custom check
 * `(a, b, rowA, rowB) => true|false` (used for the bootstrap interval). Returns a list of
 * differences (at most `limit`), empty when equal.
 */
export function differences(a, b, { columns = {}, limit = 5 } = {}) {
  const out = [];
  const note = (msg) => out.length < limit && out.push(msg);
  const walk = (x, y, where) => {
    if (Array.isArray(x) !== Array.isArray(y)) return note(`${where}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    if (!Array.isArray(x)) return sameCell(x, y) || note(`${where}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    if (x.length !== y.length) return note(`${where}: ${x.length} vs ${y.length} entries`);
    x.forEach((v, i) => walk(v, y[i], `${where}[${i}]`));
  };
  if (!Array.isArray(a) || !Array.isArray(b) || !Array.isArray(a[0])) {
    walk(a, b, 'result');
    return out;
  }
  if (a.length !== b.length) return [`${a.length} rows vs ${b.length} rows`];
  for (let r = 0; r < a.length && out.length < limit; r++) {
    const ra = a[r], rb = b[r];
    if (ra.length !== rb.length) {
      note(`row ${r}: ${ra.length} vs ${rb.length} columns`);
      continue;
    }
    for (let c = 0; c < ra.length; c++) {
      const check = columns[c];
      const ok = check ? check(ra[c], rb[c], ra, rb, r) : sameCell(ra[c], rb[c]);
      if (!ok) note(`row ${r + 1}, column ${c + 1}: ${JSON.stringify(ra[c])} vs ${JSON.stringify(rb[c])}`);
    }
  }
  return out;
}
