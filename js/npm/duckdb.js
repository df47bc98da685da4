// Rapport's scalar SQL functions for DuckDB-WASM (synchronous connections: the blocking Node
// bindings, or a DuckDBConnection from DuckDBBindings). Every value is computed by the Rapport
// engine through `call`; this file only converts SQL values to cells and back.
//
// What DuckDB-WASM's UDF interface (createScalarFunction, 1.32) allows, and how we live with it:
//   - arguments may be DOUBLE, INTEGER, FLOAT or VARCHAR only (no LIST, BOOLEAN, DECIMAL, and a
//     BIGINT arrives as undefined), so each public function is a SQL macro that casts its
//     arguments (a LIST of ratings travels as its text, e.g. '[4.0, NULL, 5.0]');
//   - VARCHAR results arrive as NUL bytes (duckdb-wasm issue 1882), so label functions return
//     the label's position in the engine's own vocabulary and the macro picks the label;
//   - the return type is read from `typeId` only, and `new arrow.Float64()` reports FLOAT (32 bit),
//     so the types below are given by their Arrow type ids.
import { call, CellError, RapportError } from './runtime.js';

const DOUBLE = { typeId: -12 }; // Arrow Type.Float64 → DuckDB DOUBLE
const INTEGER = { typeId: -4 }; // Arrow Type.Int32 → DuckDB INTEGER

/** A DuckDB list as text ('[1.0, NULL, 2.5]') back to its cells. */
function listCells(text) {
  if (text === null || text === undefined) return null;
  const inner = String(text).trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  if (inner === '') return [];
  return inner.split(',').map((s) => {
    const t = s.trim();
    return t === 'NULL' ? null : Number(t);
  });
}

/** An optional argument: SQL NULL = omitted (the default applies). */
const blank = (v) => (v === undefined ? null : v);
/** A required argument: SQL NULL = a blank cell. */
const cell = (v) => (v === undefined || v === null ? [[null]] : v);

/** Distinct labels an engine function gives for probe inputs, in order of first appearance. */
function vocabulary(name, args) {
  const out = call(name, args);
  if (out instanceof CellError) throw new RapportError(out.code, out.message);
  const labels = [];
  for (const row of out) for (const v of row) if (typeof v === 'string' && !labels.includes(v)) labels.push(v);
  return labels;
}

const range = (n, step = 1) => Array.from({ length: n }, (_, i) => i * step);

/** The functions: SQL signature, the cast arguments, the engine call and the result kind. */
function definitions() {
  const scores = range(401, 0.25); // 0, 0.25 … 100
  const stageProbe = [];
  for (const contract of [0, 1]) for (const s of range(9)) for (const d of range(5)) for (const o of range(4)) for (const j of [0, 1]) stageProbe.push([contract, s, d, o, j]);
  const column = (i) => stageProbe.map((r) => r[i]);
  return [
    {
      sql: 'seq_score',
      params: ['ratings', 'weights := NULL', 'scale_min := NULL', 'scale_max := NULL'],
      casts: ['CAST(CAST(ratings AS DOUBLE[]) AS VARCHAR)', 'CAST(CAST(weights AS DOUBLE[]) AS VARCHAR)', 'CAST(scale_min AS DOUBLE)', 'CAST(scale_max AS DOUBLE)'],
      skipWhenNull: [0],
      cells: (r, w, lo, hi) => ['SEQ_SCORE', [[listCells(r)], listCells(w), blank(lo), blank(hi)]],
    },
    {
      sql: 'seq_level',
      params: ['score', 'cutoffs := NULL'],
      casts: ['CAST(score AS DOUBLE)', 'CAST(CAST(cutoffs AS DOUBLE[]) AS VARCHAR)'],
      cells: (s, c) => ['SEQ_LEVEL', [cell(s), listCells(c)]],
      labels: () => vocabulary('SEQ_LEVEL', [scores]),
    },
    {
      sql: 'seq_percentile',
      params: ['score', 'benchmark'],
      casts: ['CAST(score AS DOUBLE)', 'CAST(CAST(benchmark AS DOUBLE[]) AS VARCHAR)'],
      cells: (s, b) => ['SEQ_PERCENTILE', [cell(s), listCells(b)]],
    },
    {
      sql: 'stage',
      params: ['contract', 'stakeholders', 'departments', 'offerings', 'joint_planning'],
      casts: ['CAST(contract AS VARCHAR)', 'CAST(stakeholders AS DOUBLE)', 'CAST(departments AS DOUBLE)', 'CAST(offerings AS DOUBLE)', 'CAST(joint_planning AS VARCHAR)'],
      cells: (...a) => ['STAGE', a.map(cell)],
      labels: () => vocabulary('STAGE', [0, 1, 2, 3, 4].map(column)),
    },
    {
      sql: 'perception_gap',
      params: ['seller_view', 'buyer_view'],
      casts: ['CAST(seller_view AS VARCHAR)', 'CAST(buyer_view AS VARCHAR)'],
      cells: (s, b) => ['PERCEPTION_GAP', [cell(s), cell(b)]],
    },
    {
      sql: 'dependence',
      params: ['criticality', 'substitutability', 'switching_cost := NULL', 'scale_min := NULL', 'scale_max := NULL'],
      casts: ['CAST(criticality AS DOUBLE)', 'CAST(substitutability AS DOUBLE)', 'CAST(switching_cost AS DOUBLE)', 'CAST(scale_min AS DOUBLE)', 'CAST(scale_max AS DOUBLE)'],
      cells: (c, s, w, lo, hi) => ['DEPENDENCE', [cell(c), cell(s), blank(w), blank(lo), blank(hi)]],
    },
    {
      sql: 'fit',
      params: ['dependence', 'closeness', 'threshold := NULL'],
      casts: ['CAST(dependence AS DOUBLE)', 'CAST(closeness AS DOUBLE)', 'CAST(threshold AS DOUBLE)'],
      cells: (d, c, t) => ['FIT', [cell(d), cell(c), blank(t)]],
      labels: () => vocabulary('FIT', [[0, 0, 100, 100], [0, 100, 0, 100]]),
    },
  ];
}

let registrations = 0;

const sqlText = (s) => `'${String(s).replace(/'/g, "''")}'`;

/**
 * Registers Rapport's per-row SQL functions on a synchronous DuckDB-WASM connection (call
 * `await init()` from 'rapport' first). `errors`: what an error cell becomes, `'null'` (default:
 * SQL NULL) or `'throw'` (the query fails with Rapport's message). A whole-call error (a bad
 * option) always fails the query. Returns the SQL names registered.
 */
export function registerRapportFunctions(conn, options = {}) {
  const errors = options.errors ?? 'null';
  if (errors !== 'null' && errors !== 'throw') throw new TypeError(`errors must be 'null' or 'throw', not ${errors}`);
  const names = [];
  // UDFs live in the database, macros made TEMP live in the connection: one set per call.
  const tag = ++registrations;
  for (const d of definitions()) {
    const labels = d.labels ? d.labels() : null;
    const udf = `__rapport${tag}_${d.sql}`;
    conn.createScalarFunction(udf, labels ? INTEGER : DOUBLE, (...args) => {
      if ((d.skipWhenNull ?? []).some((i) => args[i] === null || args[i] === undefined)) return null;
      const [name, cells] = d.cells(...args);
      const out = call(name, cells);
      if (out instanceof CellError) throw new RapportError(out.code, out.message);
      const v = out[0][0];
      if (v instanceof CellError) {
        if (errors === 'throw') throw new RapportError(v.code, v.message);
        return null;
      }
      if (v === null) return null;
      if (!labels) return v;
      const i = labels.indexOf(v);
      if (i < 0) throw new RapportError('#VALUE!', `${name}: result '${v}' is not one of ${labels.join(', ')}`);
      return i;
    });
    const inner = `${udf}(${d.casts.join(', ')})`;
    const body = labels ? `([${labels.map(sqlText).join(', ')}])[${inner} + 1]` : inner;
    conn.query(`CREATE OR REPLACE TEMP MACRO ${d.sql}(${d.params.join(', ')}) AS ${body}`);
    names.push(d.sql);
  }
  return names;
}
