// Rapport's functions inside HyperFormula: one FunctionPlugin whose functions are read from the
// engine's catalogue and run on the same wasm through js/core/engine.js. Nothing here scores
// anything: it converts HyperFormula's values to cells, calls the engine, and converts back.
//
// HyperFormula sizes a spilled result before it computes it, so each function says how large
// its result can be from the shapes of its arguments (an upper bound: a table has at most one row
// per input row). A smaller result leaves the rest of that area blank.

import { FunctionPlugin, FunctionArgumentType, ArraySize, CellError as HfError, ErrorType, SimpleRangeValue, EmptyValue } from 'hyperformula';
import { CellError } from '../core/engine.js';

/** Rapport's error codes as HyperFormula's error types. */
const TO_HF = { '#VALUE!': ErrorType.VALUE, '#NUM!': ErrorType.NUM, '#N/A': ErrorType.NA, '#DIV/0!': ErrorType.DIV_BY_ZERO, '#REF!': ErrorType.REF, '#NAME?': ErrorType.NAME, '#NULL!': ErrorType.VALUE };
/** HyperFormula's error types as the codes Rapport reads. */
const FROM_HF = { [ErrorType.VALUE]: '#VALUE!', [ErrorType.NUM]: '#NUM!', [ErrorType.NA]: '#N/A', [ErrorType.DIV_BY_ZERO]: '#DIV/0!', [ErrorType.REF]: '#REF!', [ErrorType.NAME]: '#NAME?' };

/** The name users type: `RAPPORT.SEQ_LEVEL`. */
export const sheetName = (name) => `RAPPORT.${name}`;

/** One HyperFormula value as a Rapport cell. */
function toCell(v) {
  if (v === EmptyValue || v === undefined || v === null) return null;
  if (v instanceof HfError) return new CellError(FROM_HF[v.type] ?? '#VALUE!', v.message ?? '');
  if (typeof v === 'object' && typeof v.val === 'number') return v.val; // dates, currencies, percentages
  return v;
}

/** One argument: a range as a 2-D array, a single value as itself, blank as omitted. */
function toArg(v) {
  if (v === undefined) return null;
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(toCell));
  const cell = toCell(v);
  return cell; // null (an empty single cell) reads as omitted, as Excel passes it
}

function toHfError(e) {
  return new HfError(TO_HF[e.code] ?? ErrorType.VALUE, e.message);
}

/** A Rapport result as HyperFormula's: a 1×1 result as a single value, else a range. */
function fromResult(result) {
  if (result instanceof CellError) return toHfError(result);
  const grid = result.map((row) => row.map((v) => (v === null ? EmptyValue : v instanceof CellError ? toHfError(v) : v)));
  if (grid.length === 1 && grid[0].length === 1) return grid[0][0];
  if (grid.length === 0) return EmptyValue;
  return SimpleRangeValue.onlyValues(grid);
}

/**
 * The largest result a call can have, from its arguments' shapes ({width, height} each) and, for
 * SAMPLE_SURVEY, a typed account count. Null when it cannot be known.
 */
export function resultBound(fn, shapes, literalAccounts) {
  const r = fn.result;
  const params = fn.params;
  const present = (i) => shapes[i] && shapes[i].width > 0;
  if (r.kind === 'fixed') return { width: r.columns, height: r.rows };
  if (r.kind === 'per_row' || r.kind === 'element_wise') {
    let height = 1, width = 1;
    params.forEach((p, i) => {
      if (!present(i) || !['range', 'column'].includes(p.kind)) return;
      height = Math.max(height, shapes[i].height);
      width = Math.max(width, shapes[i].width);
    });
    return { width: r.kind === 'per_row' ? r.columns : width, height };
  }
  // Tables: a header row, then at most as many rows as the catalogue's bound says.
  const width = r.header.length;
  const rows = r.rows;
  switch (rows.kind) {
    case 'fixed':
      return { width, height: 1 + rows.rows };
    case 'per_item_column': {
      const items = Math.max(1, ...shapes.slice(0, rows.args).map((s) => (s ? s.width : 0)));
      return { width, height: 1 + items };
    }
    case 'per_account': {
      if (literalAccounts === undefined) return { width, height: 1 + rows.default_accounts * rows.per_account };
      if (literalAccounts === null) return null;
      const n = Math.max(1, Math.min(rows.max_accounts, Math.floor(literalAccounts)));
      return { width, height: 1 + n * rows.per_account };
    }
    default: // per_input_row
      return { width, height: 1 + (present(0) ? shapes[0].height : 0) };
  }
}

/**
 * Builds the plugin class and its translations for an engine. `observe(fnName, address, result)`
 * (optional) hears every evaluated call: the playground's progress bar and dashboard use it.
 */
export function rapportPlugin(engine, observe = () => {}) {
  const implementedFunctions = {};
  const names = {};
  class RapportPlugin extends FunctionPlugin {}
  for (const fn of engine.catalogue) {
    const id = sheetName(fn.name);
    const method = `rapport_${fn.name}`;
    const sizeMethod = `rapport_${fn.name}_size`;
    names[id] = id;
    implementedFunctions[id] = {
      method,
      sizeOfResultArrayMethod: sizeMethod,
      vectorizationForbidden: true,
      parameters: fn.params.map(() => ({ argumentType: FunctionArgumentType.ANY, optionalArg: true })),
    };
    RapportPlugin.prototype[method] = function (ast, state) {
      if (ast.args.length > fn.params.length) {
        return toHfError(new CellError('#VALUE!', `${fn.name}: takes at most ${fn.params.length} arguments, got ${ast.args.length}`));
      }
      return this.runFunction(ast.args, state, this.metadata(id), (...args) => {
        let result;
        try {
          result = engine.call(fn.name, args.map(toArg));
        } catch (err) {
          result = new CellError('#VALUE!', `${fn.name}: internal error — please report (${err && err.message})`);
        }
        observe(fn.name, state.formulaAddress, result);
        return fromResult(result);
      });
    };
    RapportPlugin.prototype[sizeMethod] = function (ast, state) {
      const shapes = ast.args.map((a) => (a.type === 'EMPTY' ? null : this.arraySizeForAst(a, state)));
      let literal;
      if (fn.name === 'SAMPLE_SURVEY' && ast.args.length > 0 && ast.args[0].type !== 'EMPTY') {
        const a = ast.args[0];
        literal = a.type === 'NUMBER' ? a.value : null;
      }
      const bound = resultBound(fn, shapes, literal);
      if (!bound) return ArraySize.error();
      return bound.width === 1 && bound.height === 1 ? ArraySize.scalar() : new ArraySize(bound.width, bound.height);
    };
  }
  RapportPlugin.implementedFunctions = implementedFunctions;
  return { plugin: RapportPlugin, translations: { enGB: names } };
}
