// Rapport's SQL functions on DuckDB-WASM's blocking Node bindings: a table of sample survey
// rows, queried with seq_score / seq_level / stage / fit / dependence / perception_gap /
// seq_percentile, must give exactly what the engine gives for the same cells.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './helpers.mjs';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/blocking');
let R, registerRapportFunctions, db, conn;

const rows = (sql) => conn.query(sql).toArray().map((r) => r.toJSON());
const ITEMS = ['trust', 'care', 'continuity', 'linkages', 'communication', 'problem_solving'];
const sqlValue = (v) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

before(async () => {
  R = await import(pathToFileURL(join(ROOT, 'dist/npm/index.js')).href);
  ({ registerRapportFunctions } = await import(pathToFileURL(join(ROOT, 'dist/npm/duckdb.js')).href));
  await R.init();
  const dist = (f) => require.resolve(`@duckdb/duckdb-wasm/dist/${f}`);
  db = await duckdb.createDuckDB(
    { mvp: { mainModule: dist('duckdb-mvp.wasm'), mainWorker: dist('duckdb-node-mvp.worker.cjs') }, eh: { mainModule: dist('duckdb-eh.wasm'), mainWorker: dist('duckdb-node-eh.worker.cjs') } },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  conn = db.connect();
  assert.deepEqual(registerRapportFunctions(conn), ['seq_score', 'seq_level', 'seq_percentile', 'stage', 'perception_gap', 'dependence', 'fit']);
  // Sample survey rows from the engine itself, plus a respondent with gaps and one off the scale.
  const table = R.call('SAMPLE_SURVEY', [8, 42]);
  const data = table.slice(1).concat([['Gapco', 'User', 4, null, null, null, 5, null], ['Gapco', 'Champion', 9, 4, 4, 4, 4, 4]]);
  conn.query(`CREATE TABLE survey (account VARCHAR, role VARCHAR, ${ITEMS.map((c) => `${c} INTEGER`).join(', ')})`);
  conn.query(`INSERT INTO survey VALUES ${data.map((r) => `(${r.map(sqlValue).join(', ')})`).join(', ')}`);
});
after(() => {
  conn?.close();
  db?.reset?.();
});

test('SELECT account, seq_score([...]), seq_level(seq_score([...])) equals the engine, row by row', () => {
  const list = `[${ITEMS.join(', ')}]`;
  const got = rows(`SELECT account, seq_score(${list}) AS score, seq_level(seq_score(${list})) AS level FROM survey`);
  const ratings = rows(`SELECT ${ITEMS.join(', ')} FROM survey`).map((r) => ITEMS.map((c) => r[c]));
  const scores = R.call('SEQ_SCORE', [ratings]).map((r) => r[0]);
  const levels = R.call('SEQ_LEVEL', [scores.map((s) => (R.isCellError(s) ? s : s))]).map((r) => r[0]);
  assert.equal(got.length, ratings.length);
  assert.ok(got.length > 30);
  got.forEach((row, i) => {
    const want = R.isCellError(scores[i]) ? null : scores[i];
    assert.ok(Object.is(row.score, want), `row ${i + 1}: ${row.score} vs ${want}`);
    assert.equal(row.level, R.isCellError(levels[i]) ? null : levels[i], `row ${i + 1} level`);
  });
  // The off-scale respondent is an error cell in the engine, so NULL in SQL.
  assert.ok(got.some((r) => r.account === 'Gapco' && r.score === null));
});

test('seq_score options and an aggregate per account', () => {
  const [r] = rows("SELECT seq_score([4, 5, NULL], weights := [1, 3, 1], scale_min := 0, scale_max := 10) AS s");
  assert.equal(r.s, R.seqScore([[4, 5, null]], { weights: [1, 3, 1], scaleMin: 0, scaleMax: 10 })[0]);
  const per = rows(`SELECT account, avg(seq_score([${ITEMS.join(', ')}])) AS mean FROM survey GROUP BY account ORDER BY account`);
  assert.equal(per.length, 9);
  // Gapco's respondents are both error cells (too few answers; a 9 on a 1–5 scale): NULL, so no mean.
  for (const p of per) assert.equal(typeof p.mean, p.account === 'Gapco' ? 'object' : 'number', JSON.stringify(p));
});

test('stage, fit, dependence, perception_gap and seq_percentile equal the engine', () => {
  const cases = [
    [true, 6, 3, 1, true],
    [true, 3, 2, 1, false],
    [false, 9, 9, 9, true],
    [true, 1, 1, 1, false],
    [true, null, 2, 2, 'yes'],
  ];
  for (const c of cases) {
    const [r] = rows(`SELECT stage(${c.map((v) => (v === null ? 'NULL' : typeof v === 'boolean' ? String(v).toUpperCase() : sqlValue(v))).join(', ')}) AS s`);
    assert.equal(r.s, R.stage(...c), `stage ${c}`);
  }
  for (const [d, cl, t] of [[80, 20, null], [20, 80, null], [60, 60, 70], [10, 10, null], [null, 50, null], [120, 50, null]]) {
    const [r] = rows(`SELECT fit(${sqlValue(d)}, ${sqlValue(cl)}${t === null ? '' : `, threshold := ${t}`}) AS f`);
    const want = R.fit(d, cl, t === null ? {} : { threshold: t });
    assert.equal(r.f, R.isCellError(want) ? null : want, `fit ${d} ${cl} ${t}`);
  }
  const [dep] = rows('SELECT dependence(5, 2) AS a, dependence(4, 1, 3) AS b, dependence(7, 2, scale_min := 1, scale_max := 7) AS c');
  assert.deepEqual([dep.a, dep.b, dep.c], [R.dependence(5, 2), R.dependence(4, 1, { switchingCost: 3 }), R.dependence(7, 2, { scaleMin: 1, scaleMax: 7 })]);
  const [gap] = rows("SELECT perception_gap('Trusted Advisor', 'Transactional') AS a, perception_gap('Interconnected', 'Basic') AS b, perception_gap(80, 65.5) AS c, perception_gap('Basic', 3) AS d");
  assert.deepEqual([gap.a, gap.b, gap.c, gap.d], [R.perceptionGap('Trusted Advisor', 'Transactional'), R.perceptionGap('Interconnected', 'Basic'), R.perceptionGap(80, 65.5), null]);
  const [pct] = rows('SELECT seq_percentile(70, [60, 10]) AS p');
  assert.equal(pct.p, R.seqPercentile(70, { benchmark: [60, 10] }));
});

test('an error cell is NULL by default, or fails the query with errors: throw; a whole-call error always fails', () => {
  assert.throws(() => rows('SELECT seq_score([4, 5], scale_min := 5, scale_max := 1) AS s'), /#VALUE! SEQ_SCORE: scale_min/);
  const strict = db.connect();
  try {
    registerRapportFunctions(strict, { errors: 'throw' });
    assert.throws(() => strict.query('SELECT seq_score([9, 4]) AS s'), /#NUM! SEQ_SCORE: ratings row 1, column 1/);
    assert.equal(strict.query('SELECT seq_score([4, 4]) AS s').toArray()[0].toJSON().s, 75);
  } finally {
    strict.close();
  }
});
