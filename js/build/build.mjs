// Builds every Rapport host from the Rust engine:
//   wasm (release) → wasm-bindgen (web glue) → wasm-opt -Oz → catalogue → dist/excel (…)
// Usage: node js/build/build.mjs   (make build). RAPPORT_BASE_URL sets the add-in's origin.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { excelFunctionsJson, helpHtml, functionsMarkdown } from './generate.mjs';
import { writeIcons } from './icons.mjs';
import { ROOT, kb, sizes, escapeHtml } from './util.mjs';
import { buildPlayground } from './playground.mjs';
import { buildSheets } from './sheets.mjs';
import { buildNpm } from './npm.mjs';

export { ROOT };
export const BASE_URL = process.env.RAPPORT_BASE_URL || 'https://localhost:3000';
const BUILD = join(ROOT, 'build');
const PKG = join(BUILD, 'pkg');
const DIST = join(ROOT, 'dist');

const step = (msg) => console.log(`\n▸ ${msg}`);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });

function buildWasm() {
  step('Compiling the engine to WebAssembly (release)');
  run('cargo', ['build', '--lib', '--release', '--target', 'wasm32-unknown-unknown']);
  const raw = join(ROOT, 'target/wasm32-unknown-unknown/release/rapport.wasm');
  step('Generating the JavaScript glue (wasm-bindgen --target web)');
  rmSync(PKG, { recursive: true, force: true });
  // --experimental-reset-state-function: the glue can start a fresh instance after a trap
  // (panic containment in js/core/engine.js).
  run('wasm-bindgen', ['--target', 'web', '--experimental-reset-state-function', '--out-dir', PKG, '--out-name', 'rapport', raw]);
  step('Shrinking the wasm (wasm-opt -Oz, from the npm binaryen package)');
  const wasm = join(PKG, 'rapport_bg.wasm');
  const before = statSync(wasm).size;
  run(join(ROOT, 'node_modules/.bin/wasm-opt'), ['-Oz', '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  const bytes = readFileSync(wasm);
  console.log(`  wasm: ${kb(before)} → ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip`);
  return bytes;
}

async function readCatalogue(bytes) {
  const glue = await import(join(PKG, 'rapport.js'));
  glue.initSync({ module: bytes });
  const catalogue = glue.catalogue();
  writeFileSync(join(BUILD, 'catalogue.json'), JSON.stringify(catalogue, null, 2) + '\n');
  writeFileSync(join(BUILD, 'excel-functions.json'), JSON.stringify(catalogue.map((f) => [f.name, f.params.length])) + '\n');
  return { catalogue, version: glue.version() };
}

function functionList(catalogue) {
  return catalogue
    .map(
      (f) =>
        `<div class="fn"><span class="name">${f.name}</span> — ${escapeHtml(f.description)}<span class="ex">${escapeHtml(f.example)}</span></div>`,
    )
    .join('\n');
}


async function buildExcel(bytes, catalogue, version) {
  step('Writing dist/excel (the Excel add-in)');
  const out = join(DIST, 'excel');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'assets'), { recursive: true });
  writeFileSync(join(out, 'rapport_bg.wasm'), bytes);
  await esbuild.build({
    entryPoints: [join(ROOT, 'js/excel/functions.js')],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    outfile: join(out, 'functions.js'),
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' },
  });
  writeFileSync(join(out, 'functions.json'), JSON.stringify(excelFunctionsJson(catalogue, BASE_URL), null, 2) + '\n');
  const manifest = readFileSync(join(ROOT, 'manifest/manifest.xml'), 'utf8')
    .replaceAll('{{BASE_URL}}', BASE_URL)
    .replaceAll('{{VERSION}}', version.split('-')[0].split('.').concat(['0', '0', '0']).slice(0, 3).join('.'));
  writeFileSync(join(out, 'manifest.xml'), manifest);
  const page = readFileSync(join(ROOT, 'js/excel/functions.html'), 'utf8').replace('<!-- FUNCTION LIST -->', functionList(catalogue));
  writeFileSync(join(out, 'functions.html'), page);
  copyFileSync(join(ROOT, 'js/excel/rapport.css'), join(out, 'rapport.css'));
  writeFileSync(join(out, 'help.html'), helpHtml(catalogue, version));
  writeIcons(join(out, 'assets'));
}

/**
 * The function reference for the docs, written to build/functions.md: `make docs` copies it to
 * docs/functions.md, and a test fails while the committed copy differs (the build itself never
 * rewrites a committed file, so CI sees a stale doc).
 */
function writeDocs(catalogue) {
  step('Writing build/functions.md from the catalogue (make docs updates docs/functions.md)');
  writeFileSync(join(BUILD, 'functions.md'), functionsMarkdown(catalogue));
}

function report() {
  const files = ['functions.js', 'functions.json', 'functions.html', 'help.html', 'rapport.css', 'manifest.xml', 'rapport_bg.wasm', 'assets/icon-16.png', 'assets/icon-32.png', 'assets/icon-64.png', 'assets/icon-80.png'];
  const { raw, gz } = sizes(join(DIST, 'excel'), files);
  console.log(`\n✓ dist/excel: ${kb(raw)} raw, ${kb(gz)} gzip`);
}

export async function build() {
  mkdirSync(BUILD, { recursive: true });
  const bytes = buildWasm();
  const { catalogue, version } = await readCatalogue(bytes);
  console.log(`  catalogue: ${catalogue.length} functions, engine ${version}`);
  await buildExcel(bytes, catalogue, version);
  writeDocs(catalogue);
  report();
  await buildPlayground({ bytes, catalogue, version });
  await buildSheets({ bytes, catalogue, version });
  await buildNpm({ bytes, catalogue, version });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
