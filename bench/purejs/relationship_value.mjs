// RELATIONSHIP_VALUE in plain JavaScript: per account, Σ effect · 0.5^(age / half-life), the
// interaction count, the cost, and the 90-day trend.
import { Problem, readKey, readDate, readNumber, formatNumber } from './cells.mjs';

const TREND_WINDOW_DAYS = 90;

/** RELATIONSHIP_VALUE(accounts, dates, effects, [costs], [half_life_days], [as_of]). */
export function relationshipValue(makeError, accounts, dates, effects, costs = null, halfLife = null, asOf = null) {
  const func = 'RELATIONSHIP_VALUE';
  const hl = halfLife ?? 180;
  if (!(hl > 0)) return makeError('#VALUE!', `${func}: half_life_days: must be > 0, got ${formatNumber(hl)}`);
  const n = accounts.length;
  if (dates.length !== n || effects.length !== n || (costs && costs.length !== n)) {
    return makeError('#VALUE!', `${func}: parallel ranges must have the same number of rows`);
  }
  const index = new Map();
  const list = [];
  let latest = -Infinity;
  for (let r = 0; r < n; r++) {
    let name;
    try {
      name = readKey(accounts[r][0]);
    } catch (e) {
      name = '\u0001' + e.code;
    }
    if (name === null) continue;
    const key = name.toLowerCase();
    let a = index.get(key);
    if (a === undefined) {
      a = { name, rows: [], problem: null, undated: null };
      index.set(key, a);
      list.push(a);
    }
    // Each cell is read in argument order; the first problem is the account's (as Rapport).
    let arg = 'dates';
    try {
      const d = readDate(dates[r][0]);
      if (d !== null && d > latest) latest = d;
      arg = 'effects';
      const effect = readNumber(effects[r][0]) ?? 0;
      let cost = 0;
      if (costs) {
        arg = 'costs';
        cost = readNumber(costs[r][0]) ?? 0;
        if (cost < 0) throw new Problem('#NUM!', `cost ${formatNumber(cost)} is negative (costs must be ≥ 0)`);
      }
      if (d === null) a.undated ??= { code: '#N/A', message: `${func}: dates row ${r + 1}: no date (every interaction needs a date)` };
      else a.rows.push(d, effect, cost);
    } catch (e) {
      if (!(e instanceof Problem)) throw e;
      a.problem ??= { code: e.code, message: `${func}: ${arg} row ${r + 1}, column 1: ${e.message}` };
    }
  }
  const at = asOf ?? (latest === -Infinity ? null : latest);
  const out = [['Account', 'Interactions', 'Value', 'Cost', 'Trend']];
  for (const a of list) {
    const p = a.problem ?? a.undated ?? (at === null ? { code: '#N/A', message: `${func}: dates: no valid date to value at` } : null);
    if (p) {
      out.push([a.name, makeError(p.code, p.message), makeError(p.code, p.message), makeError(p.code, p.message), makeError(p.code, p.message)]);
      continue;
    }
    let count = 0, value = 0, cost = 0, recent = 0, earlier = 0;
    const rows = a.rows;
    for (let i = 0; i < rows.length; i += 3) {
      const age = at - rows[i];
      if (age < 0) continue;
      const effect = rows[i + 1];
      count++;
      value += effect * 2 ** (-age / hl);
      cost += rows[i + 2];
      if (age < TREND_WINDOW_DAYS) recent += effect;
      else if (age < 2 * TREND_WINDOW_DAYS) earlier += effect;
    }
    out.push([a.name, count, value, cost, recent > earlier ? 'Rising' : recent < earlier ? 'Falling' : 'Flat']);
  }
  return out;
}
