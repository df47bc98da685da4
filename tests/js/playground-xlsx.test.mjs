// The sample workbook for Excel (dist/excel/rapport-sample.xlsx) and the playground's file
// handling: RAPPORT formulas on every sheet with their calculated values, formula injection
// neutralised on export, loaded text never turned into formulas, and LibreOffice opens the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from './helpers.mjs';
import * as glue from '../../build/pkg/rapport.js';
import { createEngine } from '../../js/core/engine.js';
import { Calculation } from '../../js/playground/calc.js';
import { sampleWorkbook } from '../../js/playground/sample.js';
import { xlsxFromSheets, sheetsFromXlsx, sheetFromCsv, neutralise } from '../../js/playground/xlsx.js';

const SAMPLE = join(ROOT, 'dist/excel/rapport-sample.xlsx');

async function readSample() {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(SAMPLE));
  return wb;
}

function formulasOf(ws) {
  const out = [];
  ws.eachRow((row) => row.eachCell((cell) => {
    if (cell.value && typeof cell.value === 'object' && typeof cell.value.formula === 'string') out.push({ address: cell.address, ...cell.value });
  }));
  return out;
}

test('the sample XLSX has the playground sheets, each with RAPPORT formulas', async () => {
  const wb = await readSample();
  const names = wb.worksheets.map((ws) => ws.name);
  assert.deepEqual(names, sampleWorkbook().sheets.map((s) => s.name));
  const used = new Set();
  for (const ws of wb.worksheets) {
    const formulas = formulasOf(ws).filter((f) => f.formula.startsWith('RAPPORT.'));
    assert.ok(formulas.length > 0, `${ws.name} has no RAPPORT formula`);
    for (const f of formulas) used.add(/^RAPPORT\.([A-Z_]+)\(/.exec(f.formula)[1]);
  }
  glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
  assert.deepEqual([...used].sort(), createEngine(glue).catalogue.map((f) => f.name).sort());
});

test('tables are array formulas over the cells they fill, with the calculated values', async () => {
  glue.initSync({ module: readFileSync(join(ROOT, 'build/pkg/rapport_bg.wasm')) });
  const calc = new Calculation(createEngine(glue));
  calc.load(sampleWorkbook().sheets);
  const accounts = calc.snapshot().rapport.find((r) => r.fn === 'ACCOUNT_SEQ').result;
  const ws = (await readSample()).getWorksheet('Summary');
  const anchor = ws.getCell('A3').value;
  assert.match(anchor.formula, /^RAPPORT\.ACCOUNT_SEQ\(/);
  assert.equal(anchor.shareType, 'array');
  assert.equal(anchor.ref, `A3:G${3 + accounts.length - 1}`);
  assert.equal(anchor.result, 'Account');
  accounts.slice(1).forEach((row, i) => {
    assert.equal(ws.getCell(`A${4 + i}`).value, row[0]);
    assert.ok(Object.is(ws.getCell(`D${4 + i}`).value, row[3]), `SEQ of ${row[0]}`);
  });
});

test('exported text that a spreadsheet would run as a formula is neutralised', async () => {
  const risky = ['=HYPERLINK("http://example.invalid","x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', 'plain', 'n/a'];
  const sheets = [{ name: 'Data', cells: [risky.map((t) => `'${t}`), [3, '=1+2']] }];
  const snapshot = { sheets: [{ name: 'Data', values: [risky, [3, 3]] }], rapport: [] };
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await xlsxFromSheets(sheets, snapshot));
  const ws = wb.getWorksheet('Data');
  const row1 = risky.map((_, c) => ws.getCell(1, c + 1).value);
  assert.deepEqual(row1, ["'" + risky[0], "'+1+2", "'-2+3", "'@SUM(A1)", "'\tx", 'plain', 'n/a']);
  assert.deepEqual(ws.getCell(2, 2).value, { formula: '1+2', result: 3 }); // the user's own formula stays a formula
  assert.equal(neutralise('42'), '42');
});

test('loaded CSV and XLSX text never becomes a formula; XLSX formulas stay formulas', async () => {
  const csv = sheetFromCsv('\uFEFFAccount,Note\nAcme,"=HYPERLINK(""http://example.invalid"")"\nBeta,plain\n', 'data');
  assert.deepEqual(csv.cells, [['Account', 'Note'], ['Acme', `'=HYPERLINK("http://example.invalid")`], ['Beta', 'plain']]);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  ws.getCell('A1').value = '=not a formula';
  ws.getCell('A2').value = { formula: 'RAPPORT.SEQ_LEVEL(B1:B3)', result: 'Trusted Advisor' };
  ws.getCell('A3').value = 4.5;
  const [sheet] = await sheetsFromXlsx(await wb.xlsx.writeBuffer());
  assert.deepEqual(sheet.cells, [["'=not a formula"], ['=RAPPORT.SEQ_LEVEL(B1:B3)'], [4.5]]);
  const sample = await sheetsFromXlsx(readFileSync(SAMPLE));
  assert.equal(sample[0].cells[2][0], sampleWorkbook().sheets[0].cells[2][0]);
});

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
test('LibreOffice opens the sample XLSX (converts it to PDF)', { skip: !soffice && 'LibreOffice is missing: run make setup-test' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-lo-'));
  try {
    execFileSync(soffice, [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, SAMPLE], { stdio: 'pipe', timeout: 180_000 });
    const pdf = join(dir, 'rapport-sample.pdf');
    assert.ok(existsSync(pdf), 'no PDF written');
    assert.ok(statSync(pdf).size > 10_000, 'the PDF is nearly empty');
    assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
