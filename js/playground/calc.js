// A workbook calculated by HyperFormula with Rapport's functions: used by the playground's worker
// and, at build time, to write the sample XLSX with its results. Only plain data goes in and out.

import { HyperFormula } from 'hyperformula';
import { rapportPlugin } from './rapport-plugin.js';

let registeredFor = null;
let onCall = () => {};

/** A Rapport error or value as plain data: errors are {error, message}. */
const plainCell = (v) => (v && typeof v === 'object' && typeof v.code === 'string' ? { error: v.code, message: v.message } : v);
const plainResult = (r) => (Array.isArray(r) ? r.map((row) => row.map(plainCell)) : plainCell(r));

/** HyperFormula's value as plain data. */
function plainValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return { error: v.value, message: v.message ?? '' };
  return v;
}

/** Counts the Rapport formulas in sheets of raw cells (for progress). */
export function countRapportFormulas(sheets) {
  let n = 0;
  for (const s of sheets) for (const row of s.cells) for (const c of row || []) if (typeof c === 'string' && c.trim().startsWith('=') && /RAPPORT\./i.test(c)) n++;
  return n;
}

export class Calculation {
  /** @param engine from createEngine @param progress (done) => void, called per Rapport call */
  constructor(engine, progress = () => {}) {
    if (registeredFor !== engine) {
      // HyperFormula keeps plugins globally: register once per engine.
      if (registeredFor) HyperFormula.unregisterFunctionPlugin(registeredFor.plugin);
      const made = rapportPlugin(engine, (fn, address, result) => onCall(fn, address, result));
      HyperFormula.registerFunctionPlugin(made.plugin, made.translations);
      registeredFor = engine;
      registeredFor.plugin = made.plugin;
    }
    this.results = new Map();
    this.calls = 0;
    this.progress = progress;
    this.hf = null;
  }

  #listen() {
    onCall = (fn, address, result) => {
      this.results.set(`${address.sheet}:${address.row}:${address.col}`, { sheet: address.sheet, row: address.row, col: address.col, fn, result });
      this.calls++;
      this.progress(this.calls);
    };
  }

  /** Replaces the workbook: sheets = [{name, cells}]. */
  load(sheets) {
    this.#listen();
    this.results.clear();
    this.calls = 0;
    if (this.hf) this.hf.destroy();
    // 'gpl-v3' is HyperFormula's free licence key (see docs/playground.md). smartRounding off:
    // cells show the engine's numbers exactly, as Excel stores them.
    this.hf = HyperFormula.buildFromSheets(Object.fromEntries(sheets.map((s) => [s.name, s.cells])), { licenseKey: 'gpl-v3', maxRows: 100_000, maxColumns: 1_000, smartRounding: false });
  }

  /** Sets one cell's raw content (a formula is text starting with "="). */
  set(sheet, row, col, value) {
    this.#listen();
    this.calls = 0;
    this.hf.setCellContents({ sheet: this.hf.getSheetId(sheet), row, col }, [[value]]);
    if (value === null || value === '') this.#retrySpills();
  }

  /** Clearing a cell may free room for a blocked spill: HyperFormula only notices when the
   *  blocked formula is entered again, so re-enter each #SPILL! formula (same text). */
  #retrySpills() {
    const hf = this.hf;
    for (const name of hf.getSheetNames()) {
      const sheet = hf.getSheetId(name);
      hf.getSheetValues(sheet).forEach((row, r) =>
        row.forEach((v, c) => {
          if (v && typeof v === 'object' && v.type === 'SPILL') {
            const formula = hf.getCellFormula({ sheet, row: r, col: c });
            if (formula) hf.setCellContents({ sheet, row: r, col: c }, [[formula]]);
          }
        }),
      );
    }
  }

  /** Every sheet's values, and every Rapport formula's own result, as plain data. */
  snapshot() {
    const hf = this.hf;
    const sheets = hf.getSheetNames().map((name) => ({ name, values: hf.getSheetValues(hf.getSheetId(name)).map((row) => row.map(plainValue)) }));
    const rapport = [];
    for (const [key, r] of this.results) {
      const formula = hf.getCellFormula({ sheet: r.sheet, row: r.row, col: r.col });
      if (!formula || !formula.toUpperCase().includes(`RAPPORT.${r.fn}(`)) {
        this.results.delete(key);
        continue;
      }
      rapport.push({ sheet: hf.getSheetName(r.sheet), sheetIndex: r.sheet, row: r.row, col: r.col, fn: r.fn, result: plainResult(r.result) });
    }
    rapport.sort((a, b) => a.sheetIndex - b.sheetIndex || a.row - b.row || a.col - b.col);
    return { sheets, rapport, calls: this.calls };
  }
}
