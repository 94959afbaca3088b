import type { EntityManager } from '../db.js';
import { pgArray } from '../db.js';

/**
 * Seeds write millions of rows: one INSERT … SELECT FROM unnest(arrays) per batch instead of a
 * statement per row. It runs unchanged on PostgreSQL and on the embedded PGlite (whose wire
 * server has no COPY), and every value stays a bound parameter.
 */
export interface BulkInsertPlan<Row> {
  /** Schema-qualified table. */
  table: string;
  /** Input columns: name → Postgres type of the array element (`uuid`, `text`, `int`, `float8`, `date`, `bool`). */
  input: Record<string, string>;
  /** Target column → SQL expression over the input columns; without it, each input column goes to the column of its name. */
  output?: Record<string, string>;
  values: (row: Row) => Record<string, string | number | boolean | null>;
}

const BULK_BATCH_SIZE = 5_000;

export async function bulkInsert<Row>(
  em: EntityManager,
  plan: BulkInsertPlan<Row>,
  rows: Iterable<Row>,
  onBatch?: (written: number) => void,
): Promise<number> {
  const inputNames = Object.keys(plan.input);
  const output = plan.output ?? Object.fromEntries(inputNames.map((name) => [name, name]));
  const unnest = inputNames.map((name) => `?::${plan.input[name]}[]`).join(', ');
  const sql =
    `insert into ${plan.table} (${Object.keys(output).join(', ')}) ` +
    `select ${Object.values(output).join(', ')} from unnest(${unnest}) as input(${inputNames.join(', ')})`;
  let written = 0;
  let batch: Record<string, string | number | boolean | null>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const params = inputNames.map((name) => pgArrayWithNulls(batch.map((values) => values[name] ?? null)));
    await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
    written += batch.length;
    onBatch?.(batch.length);
    batch = [];
  };
  for (const row of rows) {
    batch.push(plan.values(row));
    if (batch.length >= BULK_BATCH_SIZE) await flush();
  }
  await flush();
  return written;
}

/** A Postgres array literal where JS null becomes SQL NULL (unquoted). */
function pgArrayWithNulls(values: (string | number | boolean | null)[]): string {
  if (!values.includes(null)) return pgArray(values.map((value) => (typeof value === 'boolean' ? String(value) : value as string | number)));
  const parts = values.map((value) => (value === null ? 'NULL' : pgArray([typeof value === 'boolean' ? String(value) : value]).slice(1, -1)));
  return `{${parts.join(',')}}`;
}
