// Builds the offline playground (dist/playground) and the sample workbook for Excel
// (dist/excel/rapport-sample.xlsx, with the last calculated values of every formula).
import { mkdirSync, writeFileSync, copyFileSync, rmSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { ROOT, kb } from './util.mjs';

const SRC = join(ROOT, 'js/playground');
const OUT = join(ROOT, 'dist/playground');

/** Calculates the sample workbook with the engine (as the playground does) and writes it as XLSX. */
export async function writeSampleXlsx(bytes, file) {
  const glue = await import(join(ROOT, 'build/pkg/rapport.js'));
  glue.initSync({ module: bytes });
  const { createEngine } = await import('../core/engine.js');
  const { Calculation } = await import('../playground/calc.js');
  const { sampleWorkbook } = await import('../playground/sample.js');
  const { xlsxFromSheets } = await import('../playground/xlsx.js');
  const { sheets } = sampleWorkbook();
  const calc = new Calculation(createEngine(glue));
  calc.load(sheets);
  const out = await xlsxFromSheets(sheets, calc.snapshot());
  writeFileSync(file, Buffer.from(out));
  return out.byteLength;
}

export async function buildPlayground({ bytes }) {
  console.log('\n▸ Writing dist/playground (the offline playground) and dist/excel/rapport-sample.xlsx');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const common = {
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'linked', // each bundle's licence notices beside it (*.LEGAL.txt)
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
  };
  await esbuild.build({ ...common, entryPoints: [join(SRC, 'main.js')], outfile: join(OUT, 'playground.js') });
  await esbuild.build({ ...common, entryPoints: [join(SRC, 'worker.js')], outfile: join(OUT, 'worker.js') });
  writeFileSync(join(OUT, 'rapport_bg.wasm'), bytes);
  copyFileSync(join(SRC, 'index.html'), join(OUT, 'index.html'));
  copyFileSync(join(SRC, 'playground.css'), join(OUT, 'playground.css'));
  // The page links one licence file: the bundled libraries, their notices, and HyperFormula's
  // licence in full (the playground bundle is distributed under its GPLv3 option).
  const legal = readdirSync(OUT).filter((f) => f.endsWith('.LEGAL.txt')).sort();
  const libraries = ['hyperformula', 'chart.js', 'exceljs', 'papaparse'].map((name) => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    return `  ${pkg.name} ${pkg.version} — ${pkg.license}`;
  });
  const notices = [
    'Rapport playground — third-party software in this page\n',
    ...libraries,
    '\nThe Rapport engine and this page\'s own code: MIT OR Apache-2.0. HyperFormula is used under its GPLv3',
    'option, so this playground bundle as a whole is distributed under the GPLv3; its source is the Rapport',
    'repository (js/playground/) and the npm packages named above.\n',
    ...legal.map((f) => `# Notices in ${f.replace('.LEGAL.txt', '')}\n\n${readFileSync(join(OUT, f), 'utf8')}`),
    `# HyperFormula licence\n\n${readFileSync(join(ROOT, 'node_modules/hyperformula/LICENSE.txt'), 'utf8')}`,
  ].join('\n');
  for (const f of legal) rmSync(join(OUT, f));
  writeFileSync(join(OUT, 'licences.txt'), notices);

  let raw = 0, gz = 0;
  const sizes = [];
  for (const f of readdirSync(OUT).sort()) {
    const b = readFileSync(join(OUT, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
    if (/\.(js|wasm)$/.test(f)) sizes.push(`${f} ${kb(b.length)} (${kb(gzipSync(b, { level: 9 }).length)} gzip)`);
  }
  console.log(`  ${sizes.join(', ')}`);
  mkdirSync(join(ROOT, 'dist/excel'), { recursive: true });
  const xlsx = await writeSampleXlsx(bytes, join(ROOT, 'dist/excel/rapport-sample.xlsx'));
  console.log(`  rapport-sample.xlsx ${kb(xlsx)}`);
  console.log(`\n✓ dist/playground: ${kb(raw)} raw, ${kb(gz)} gzip`);
}
