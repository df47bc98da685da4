// Workbooks in and out of the playground, entirely in the page (and, for the sample XLSX, in the
// build): XLSX through ExcelJS, CSV through Papa Parse. Loaded cells are data: text that looks
// like a formula stays text. Exported text cells starting with =, +, -, @ (or a tab or carriage
// return) are neutralised with a leading apostrophe, so no spreadsheet runs them as formulas.

import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/** Text a spreadsheet might run as a formula (OWASP's CSV-injection list). */
const RISKY_TEXT = /^[=+\-@\t\r]/;

/** Neutralises text that a spreadsheet would read as a formula. */
export function neutralise(text) {
  return RISKY_TEXT.test(text) ? `'${text}` : text;
}

/** Loaded text as a raw cell: never a formula (HyperFormula reads a leading ' as "text"). */
function dataCell(text) {
  return typeof text === 'string' && /^[=']/.test(text) ? `'${text}` : text;
}

/** A1-style column letters for a 0-based column. */
export function columnName(col) {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A CSV file's text as one sheet. */
export function sheetFromCsv(text, name) {
  const parsed = Papa.parse(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  return { name, cells: parsed.data.map((row) => row.map((v) => (v === '' ? null : dataCell(v)))) };
}

function fromExcelValue(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string') return dataCell(v);
  if (typeof v !== 'object') return v;
  if (typeof v.formula === 'string') return `=${v.formula}`;
  if (typeof v.sharedFormula === 'string') return v.result ?? null; // a copy of a shared formula: keep its value
  if (Array.isArray(v.richText)) return dataCell(v.richText.map((r) => r.text).join(''));
  if (typeof v.error === 'string') return v.error;
  if (typeof v.text === 'string') return dataCell(v.text); // hyperlink
  if ('result' in v) return v.result ?? null;
  return null;
}

/** An XLSX file's bytes as sheets of raw cells (formulas kept as formulas). */
export async function sheetsFromXlsx(bytes) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const sheets = [];
  wb.eachSheet((ws) => {
    const cells = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const out = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        out[c - 1] = fromExcelValue(cell.value);
      });
      cells[r - 1] = Array.from(out, (v) => (v === undefined ? null : v));
    });
    sheets.push({ name: ws.name, cells: Array.from(cells, (row) => row ?? []) });
  });
  return sheets;
}

function excelValue(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return { error: v.error };
  if (typeof v === 'string') return neutralise(v);
  return v;
}

/**
 * Writes sheets of raw cells, with their calculated values (`snapshot` from calc.js), as XLSX
 * bytes. A Rapport table is written as an array formula over the cells its result fills, so
 * every spreadsheet shows the whole table with the last calculated values.
 */
export async function xlsxFromSheets(sheets, snapshot) {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Rapport';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    const values = snapshot.sheets.find((s) => s.name === sheet.name)?.values ?? [];
    const valueAt = (r, c) => (values[r] ? values[r][c] ?? null : null);
    const arrays = new Map();
    for (const x of snapshot.rapport) {
      if (x.sheet === sheet.name && Array.isArray(x.result)) arrays.set(`${x.row}:${x.col}`, x.result);
    }
    const rows = Math.max(sheet.cells.length, values.length);
    for (let r = 0; r < rows; r++) {
      const cols = Math.max(sheet.cells[r]?.length ?? 0, values[r]?.length ?? 0);
      for (let c = 0; c < cols; c++) {
        const raw = sheet.cells[r]?.[c] ?? null;
        const value = valueAt(r, c);
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof raw === 'string' && raw.startsWith('=')) {
          const formula = raw.slice(1);
          const grid = arrays.get(`${r}:${c}`);
          const result = excelValue(value);
          if (grid && (grid.length > 1 || grid[0].length > 1)) {
            const ref = `${columnName(c)}${r + 1}:${columnName(c + grid[0].length - 1)}${r + grid.length}`;
            cell.value = { formula, result, shareType: 'array', ref };
          } else {
            cell.value = { formula, result };
          }
        } else if (value !== null) {
          cell.value = excelValue(value);
        }
      }
    }
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.getRow(1).font = { bold: true };
  }
  return wb.xlsx.writeBuffer();
}
