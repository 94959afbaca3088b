import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SubgraphDatabase } from '../db.js';

/**
 * Seeds write millions of rows. On PostgreSQL they stream them with COPY; the embedded PGlite's
 * wire server has no COPY, so there they go as one INSERT … SELECT FROM unnest(arrays) per batch.
 * Either way values travel as bound parameters or COPY data, never spliced into SQL text.
 */
export type SeedValue = string | number | boolean | null;

export interface BulkInsertPlan<Row> {
  /** Schema-qualified table. */
  table: string;
  /** Input columns: name → Postgres type (`uuid`, `text`, `int`, `float8`, `date`, `bool`, `geography` from EWKT…). */
  input: Record<string, string>;
  /**
   * Target column → SQL expression over the input columns, for values Postgres must compute
   * (a buffer around a point); without it, each input column goes to the column of its name.
   */
  output?: Record<string, string>;
  values: (row: Row) => Record<string, SeedValue>;
}

/** Where a seed writes: one connection, inside the transaction the whole seed commits or rolls back. */
export interface SeedTarget {
  /** One statement with `$1…` placeholders; parameters are bound by the server. */
  execute<Result = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Result[]; rowCount: number }>;
  insert<Row>(plan: BulkInsertPlan<Row>, rows: Iterable<Row>, onBatch?: (written: number) => void): Promise<number>;
}

/** Runs `work` on one pooled connection of the subgraph's database in a transaction: all of it lands, or none. */
export async function inSeedTransaction<T>(database: SubgraphDatabase, work: (target: SeedTarget) => Promise<T>): Promise<T> {
  const pool = await database.orm.em.getConnection().getNativeClient();
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ version: string }>('select version()');
    // PGlite reports itself in version(); its socket server cannot speak the COPY sub-protocol.
    const target = rows[0]!.version.includes('PGlite') ? unnestTarget(client) : copyTarget(client);
    await client.query('begin');
    try {
      // The pool may be a serving one (a subgraph seeding its empty tables at start).
      await client.query('set local statement_timeout = 0');
      const result = await work(target);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
  } finally {
    client.release();
  }
}

function executeOn(client: PoolClient): SeedTarget['execute'] {
  return async <Result>(sql: string, params: readonly unknown[] = []) => {
    const result = await client.query(sql, [...params]);
    return { rows: result.rows as Result[], rowCount: result.rowCount ?? 0 };
  };
}

/** Rows per COPY data message and per progress tick. */
const COPY_CHUNK_ROWS = 2_000;

function copyTarget(client: PoolClient): SeedTarget {
  let stages = 0;
  return {
    execute: executeOn(client),
    async insert(plan, rows, onBatch) {
      const columns = Object.keys(plan.input);
      // Computed columns: COPY into a staging table of the inputs, then compute while moving.
      const stage = plan.output ? `seed_stage_${++stages}` : null;
      if (stage) {
        await client.query(`create temp table ${stage} (${columns.map((name) => `${name} ${plan.input[name]}`).join(', ')}) on commit drop`);
      }
      let written = 0;
      function* copyData(): Generator<string> {
        let lines = '';
        let pending = 0;
        for (const row of rows) {
          const values = plan.values(row);
          lines += `${columns.map((name) => copyText(values[name] ?? null)).join('\t')}\n`;
          pending += 1;
          if (pending === COPY_CHUNK_ROWS) {
            yield lines;
            written += pending;
            onBatch?.(pending);
            lines = '';
            pending = 0;
          }
        }
        if (pending > 0) {
          yield lines;
          written += pending;
          onBatch?.(pending);
        }
      }
      await pipeline(Readable.from(copyData()), client.query(copyFrom(`copy ${stage ?? plan.table} (${columns.join(', ')}) from stdin`)));
      if (stage && plan.output) {
        await client.query(`insert into ${plan.table} (${Object.keys(plan.output).join(', ')}) select ${Object.values(plan.output).join(', ')} from ${stage}`);
        await client.query(`drop table ${stage}`);
      }
      return written;
    },
  };
}

/** COPY's text format: tab-separated, `\N` for NULL, backslash escapes for the separators. */
function copyText(value: SeedValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot seed a non-finite number (${value})`);
    return String(value);
  }
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]!) : value;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const UNNEST_BATCH_ROWS = 5_000;

function unnestTarget(client: PoolClient): SeedTarget {
  return {
    execute: executeOn(client),
    async insert(plan, rows, onBatch) {
      const inputNames = Object.keys(plan.input);
      const output = plan.output ?? Object.fromEntries(inputNames.map((name) => [name, name]));
      // Arrays travel as text[] and each element is cast after unnesting: PostGIS types use ':'
      // as their array delimiter, so a geography[] literal cannot be written like any other.
      const unnest = inputNames.map((_, index) => `$${index + 1}::text[]`).join(', ');
      const typed = inputNames.map((name) => `${name}::${plan.input[name]} as ${name}`).join(', ');
      const sql =
        `insert into ${plan.table} (${Object.keys(output).join(', ')}) ` +
        `select ${Object.values(output).join(', ')} from (select ${typed} from unnest(${unnest}) as raw(${inputNames.join(', ')})) as input`;
      let written = 0;
      let batch: Record<string, SeedValue>[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        // node-postgres turns each JS array into an array literal (null → NULL) bound as one parameter.
        await client.query(sql, inputNames.map((name) => batch.map((values) => values[name] ?? null)));
        written += batch.length;
        onBatch?.(batch.length);
        batch = [];
      };
      for (const row of rows) {
        batch.push(plan.values(row));
        if (batch.length >= UNNEST_BATCH_ROWS) await flush();
      }
      await flush();
      return written;
    },
  };
}

/** A point as a `geography` input value (EWKT), so it can be COPYed straight into its column. */
export function ewktPoint(point: { lat: number; lon: number }): string {
  return `SRID=4326;POINT(${point.lon} ${point.lat})`;
}
