// Builds dist/npm, the JavaScript/TypeScript package for BI dashboards and notebooks:
//   runtime.js   js/npm/runtime.js + the wasm-bindgen glue + js/core/engine.js (one ES module)
//   index.js     a camelCase function per catalogue entry (generated), re-exporting the runtime
//   index.d.ts   its TypeScript types (generated; no `any`)
//   duckdb.js    DuckDB-WASM scalar SQL functions over the same engine (+ duckdb.d.ts)
//   rapport_bg.wasm, package.json, README.md
// Everything describing the functions is generated from the catalogue; nothing is committed.

import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, kb, sizes, commentText } from './util.mjs';

const OUT = join(ROOT, 'dist/npm');

/** snake_case or words → camelCase: `scale_min` → `scaleMin`, `Cumulative share` → `cumulativeShare`. */
export const camel = (s) =>
  String(s)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w : w[0].toUpperCase() + w.slice(1)))
    .join('');
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
const doc = (s) => commentText(s).replaceAll('RAPPORT.', '');

/** Names the runtime exports itself; VERSION() is the runtime's `version()`. */
export const RUNTIME_EXPORTS = ['init', 'initSync', 'call', 'catalogue', 'version', 'isCellError', 'CellError', 'RapportError'];
/** The catalogue functions that get a typed wrapper (all but those the runtime already covers). */
const typed = (catalogue) => catalogue.filter((f) => !RUNTIME_EXPORTS.includes(camel(f.name)));

/** How the typed API shapes one function's result (read by `invoke` in js/npm/runtime.js). */
export function npmSpec(f) {
  const required = f.params.filter((p) => !p.optional);
  if (f.params.slice(0, required.length).some((p) => p.optional)) {
    throw new Error(`${f.name}: required parameters must come before optional ones`);
  }
  const shapingKinds = f.result.kind === 'element_wise' ? ['range'] : ['range', 'column'];
  return {
    name: f.name,
    js: camel(f.name),
    kind: f.result.kind,
    columns: f.result.columns ?? 0,
    rows: f.result.rows ?? 0,
    keys: f.result.kind === 'table' ? f.result.header.map(camel) : [],
    options: f.params.filter((p) => p.optional).map((p) => camel(p.name)),
    shaping: required.map((p, i) => (shapingKinds.includes(p.kind) ? i : -1)).filter((i) => i >= 0),
  };
}

/** index.js: the per-function API. */
export function npmIndexJs(catalogue, version) {
  const specs = Object.fromEntries(catalogue.map((f) => [f.name, npmSpec(f)]));
  const out = [
    `// Rapport ${version}: generated from the catalogue by js/build/npm.mjs. See index.d.ts for the types.`,
    "import { invoke } from './runtime.js';",
    "export { init, initSync, call, catalogue, version, labels, isCellError, CellError, RapportError } from './runtime.js';",
    '',
    `const SPECS = ${JSON.stringify(specs)};`,
    '',
  ];
  for (const f of typed(catalogue)) {
    const s = specs[f.name];
    const req = f.params.filter((p) => !p.optional).map((p) => camel(p.name));
    const hasOptions = s.options.length > 0;
    const params = [...req, ...(hasOptions ? ['options'] : [])].join(', ');
    out.push(`export function ${s.js}(${params}) {`);
    out.push(`  return invoke(SPECS.${f.name}, [${req.join(', ')}], ${hasOptions ? 'options' : 'undefined'});`);
    out.push('}');
  }
  return out.join('\n') + '\n';
}

const TS_PRELUDE = `/** A spreadsheet error code. */
export type ErrorCode = '#VALUE!' | '#NUM!' | '#N/A' | '#DIV/0!' | '#REF!' | '#NAME?' | '#NULL!';

/** An error cell: the code and Rapport's message naming the function, argument and position. */
export declare class CellError {
  constructor(code: ErrorCode, message: string);
  readonly code: ErrorCode;
  readonly message: string;
  toString(): string;
}

/** Thrown by the per-function API when the whole call fails (bad option, shape mismatch, …). */
export declare class RapportError extends Error {
  constructor(code: ErrorCode, message: string);
  readonly code: ErrorCode;
  /** The same error as a cell value. */
  readonly cellError: CellError;
}

/** A cell going in: blank is \`null\`/\`undefined\`/\`""\`; a Date is read as its UTC date and time. */
export type Input = number | string | boolean | Date | null | undefined | CellError;
/** A cell coming out: blank is \`null\`; errors are CellError values. */
export type Value = number | string | boolean | null | CellError;
/** One value per row (a single value is used for every row). */
export type Column = Input | readonly Input[];
/** A short list of values (weights, cut points, labels): order matters, orientation does not. */
export type List = readonly Input[];
/** Rows of cells, e.g. one row per respondent and one column per survey item. */
export type Grid = readonly (readonly Input[])[];
/** Any argument of the generic \`call\`: a value, a list (one column) or rows. */
export type Arg = Input | readonly Input[] | Grid;

/** Where \`init\` finds the wasm: a URL, a fetch Response, or the bytes. */
export type WasmSource = string | { readonly href: string } | { arrayBuffer(): Promise<ArrayBuffer> } | ArrayBuffer | ArrayBufferView;

export interface ParamInfo {
  readonly name: string;
  readonly kind: 'range' | 'column' | 'list' | 'number' | 'value';
  readonly optional: boolean;
  readonly help: string;
}

/** How many rows a table can have below its header, at most. */
export type TableRows =
  | { readonly kind: 'per_input_row' }
  | { readonly kind: 'per_item_column'; readonly args: number }
  | { readonly kind: 'fixed'; readonly rows: number }
  | { readonly kind: 'per_account'; readonly per_account: number; readonly default_accounts: number; readonly max_accounts: number };

export type ResultInfo =
  | { readonly kind: 'per_row'; readonly columns: number }
  | { readonly kind: 'element_wise' }
  | { readonly kind: 'table'; readonly header: readonly string[]; readonly rows: TableRows }
  | { readonly kind: 'fixed'; readonly rows: number; readonly columns: number };

export interface FunctionInfo {
  readonly name: string;
  readonly family: string;
  readonly description: string;
  readonly params: readonly ParamInfo[];
  readonly result: ResultInfo;
  readonly example: string;
  readonly volatile: boolean;
}

/**
 * Loads the engine (once). Without an argument: the wasm beside this module, fetched in
 * browsers and read from disk in Node.
 */
export declare function init(source?: WasmSource | PromiseLike<WasmSource>): Promise<void>;
/** Loads the engine synchronously from the wasm bytes. */
export declare function initSync(bytes: ArrayBuffer | ArrayBufferView): void;
/** Every function with its parameters and help. */
export declare function catalogue(): readonly FunctionInfo[];
/** The engine's version text. */
export declare function version(): string;
/** The labels the engine reads and writes, each list low → high. */
export declare function labels(): {
  readonly levels: readonly string[];
  readonly stages: readonly string[];
  readonly roles: readonly string[];
};
/** Is this value an error cell? */
export declare function isCellError(value: unknown): value is CellError;
/**
 * Calls a function by its spreadsheet name with spreadsheet-style arguments (\`null\` = omitted).
 * Returns rows of cells exactly as a spreadsheet shows them (tables with their header row), or
 * one CellError when the whole call fails. Never throws for bad input.
 */
export declare function call(name: FunctionName | string, args: readonly Arg[]): Value[][] | CellError;
`;

function tsParamType(p, f) {
  switch (p.kind) {
    case 'range':
      return 'Grid';
    case 'column':
      return 'Column';
    case 'list':
      return 'List';
    case 'number':
      return 'number';
    default:
      return 'number | string | Date';
  }
}

const tuple = (n) => `[${Array(n).fill('Value').join(', ')}]`;

/** index.d.ts: the types of the whole public surface. */
export function npmIndexDts(catalogue, version) {
  const out = [`// Rapport ${version}: generated from the catalogue by js/build/npm.mjs.`, '', TS_PRELUDE];
  out.push(`/** Every function's spreadsheet name. */\nexport type FunctionName = ${catalogue.map((f) => `'${f.name}'`).join(' | ')};\n`);
  for (const f of typed(catalogue)) {
    const s = npmSpec(f);
    const Name = pascal(f.name);
    const req = f.params.filter((p) => !p.optional);
    const opt = f.params.filter((p) => p.optional);
    const jsdoc = (extraReturn) => {
      const lines = ['/**', ` * ${doc(f.description)}`, ' *', ` * Spreadsheet form: \`${doc(f.example)}\``];
      for (const p of req) lines.push(` * @param ${camel(p.name)} ${doc(p.help)}`);
      if (opt.length) lines.push(` * @param options ${opt.map((p) => camel(p.name)).join(', ')} (all optional).`);
      lines.push(` * @returns ${extraReturn}`, ' * @throws {RapportError} when the whole call fails.', ' */');
      return lines.join('\n');
    };
    if (opt.length) {
      out.push(`/** Options of \`${s.js}\`. */\nexport interface ${Name}Options {`);
      for (const p of opt) out.push(`  /** ${doc(p.help)} */\n  readonly ${camel(p.name)}?: ${tsParamType(p, f)};`);
      out.push('}\n');
    }
    const optParam = opt.length ? [`options?: ${Name}Options`] : [];
    const sig = (types) => [...req.map((p, i) => `${camel(p.name)}: ${types(p, i)}`), ...optParam].join(', ');
    const shaping = new Set(s.shaping);
    if (f.result.kind === 'element_wise') {
      const variants = [
        ['Input', 'Value', 'a single value for single values'],
        ['Input | readonly Input[]', 'Value[]', 'a list for lists'],
        ['Input | readonly Input[] | Grid', 'Value[][]', 'rows for rows'],
      ];
      for (const [t, r, what] of variants) {
        out.push(jsdoc(`the same shape as the input: ${what}.`));
        out.push(`export declare function ${s.js}(${sig((p, i) => (shaping.has(i) ? t : tsParamType(p, f)))}): ${r};`);
      }
    } else if (f.result.kind === 'per_row') {
      const one = f.result.columns === 1 ? 'Value' : tuple(f.result.columns);
      const scalarOk = req.filter((p, i) => shaping.has(i)).every((p) => p.kind === 'column');
      if (scalarOk) {
        out.push(jsdoc(`one result for one row of single values.`));
        out.push(`export declare function ${s.js}(${sig((p, i) => (shaping.has(i) ? 'Input' : tsParamType(p, f)))}): ${one};`);
      }
      out.push(jsdoc(`one result per input row.`));
      out.push(`export declare function ${s.js}(${sig((p) => tsParamType(p, f))}): ${one}[];`);
    } else if (f.result.kind === 'table') {
      out.push(`/** A row of \`${s.js}\`'s table (${f.result.header.join(' | ')}). */\nexport interface ${Name}Row {`);
      f.result.header.forEach((h, c) => out.push(`  readonly ${s.keys[c]}: Value;`));
      out.push('}');
      out.push(jsdoc(`one object per row of the table, keyed ${s.keys.join(', ')}.`));
      out.push(`export declare function ${s.js}(${sig((p) => tsParamType(p, f))}): ${Name}Row[];`);
    } else {
      const r = f.result.rows === 1 ? (f.result.columns === 1 ? 'Value' : tuple(f.result.columns)) : 'Value[][]';
      out.push(jsdoc(f.result.rows === 1 && f.result.columns === 1 ? 'a single value.' : `${f.result.rows}×${f.result.columns} values.`));
      out.push(`export declare function ${s.js}(${sig((p) => tsParamType(p, f))}): ${r};`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function npmPackageJson(version) {
  return {
    name: 'rapport',
    version,
    description: 'Rapport: B2B relationship scores (Sales Equity, relationship stages, value, closeness) from one WebAssembly engine, for browsers, Node and DuckDB-WASM.',
    license: 'MIT OR Apache-2.0',
    type: 'module',
    main: './index.js',
    types: './index.d.ts',
    exports: {
      '.': { types: './index.d.ts', default: './index.js' },
      './duckdb': { types: './duckdb.d.ts', default: './duckdb.js' },
      './rapport_bg.wasm': './rapport_bg.wasm',
      './package.json': './package.json',
    },
    files: ['index.js', 'index.d.ts', 'runtime.js', 'duckdb.js', 'duckdb.d.ts', 'rapport_bg.wasm', 'README.md'],
    sideEffects: false,
  };
}

export async function buildNpm({ bytes, catalogue, version }) {
  console.log('\n▸ Writing dist/npm (the JavaScript/TypeScript package)');
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    entryPoints: [join(ROOT, 'js/npm/runtime.js')],
    bundle: true,
    format: 'esm',
    target: 'es2020',
    legalComments: 'none',
    outfile: join(OUT, 'runtime.js'),
    logLevel: 'warning',
  });
  writeFileSync(join(OUT, 'rapport_bg.wasm'), bytes);
  writeFileSync(join(OUT, 'index.js'), npmIndexJs(catalogue, version));
  writeFileSync(join(OUT, 'index.d.ts'), npmIndexDts(catalogue, version));
  copyFileSync(join(ROOT, 'js/npm/duckdb.js'), join(OUT, 'duckdb.js'));
  copyFileSync(join(ROOT, 'js/npm/duckdb.d.ts'), join(OUT, 'duckdb.d.ts'));
  copyFileSync(join(ROOT, 'js/npm/README.md'), join(OUT, 'README.md'));
  writeFileSync(join(OUT, 'package.json'), JSON.stringify(npmPackageJson(version), null, 2) + '\n');
  const { raw, gz } = sizes(OUT, npmPackageJson(version).files);
  console.log(`✓ dist/npm: ${kb(raw)} raw, ${kb(gz)} gzip`);
}
