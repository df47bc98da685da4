/** What Rapport needs of a synchronous DuckDB-WASM connection (e.g. `db.connect()` on the
 *  blocking bindings of `@duckdb/duckdb-wasm/blocking`). */
export interface DuckDBConnectionLike {
  createScalarFunction(name: string, returns: { readonly typeId: number }, func: (...args: (number | string | null)[]) => number | null): void;
  query(sql: string): unknown;
}

export interface RegisterOptions {
  /** What an error cell becomes: SQL NULL (default) or a failed query with Rapport's message. */
  readonly errors?: 'null' | 'throw';
}

/**
 * Registers Rapport's per-row SQL functions (`seq_score`, `seq_level`, `seq_percentile`, `stage`,
 * `perception_gap`, `dependence`, `fit`) on the connection. Call `await init()` first.
 * @returns the SQL names registered.
 */
export declare function registerRapportFunctions(conn: DuckDBConnectionLike, options?: RegisterOptions): string[];
