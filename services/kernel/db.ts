import { Migrator, type Migration } from '@mikro-orm/migrations';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type DatabaseConnection } from 'kysely';
import pg from 'pg';
import { ConfigError, loadConfig } from './config.js';
import type { Logger } from './logger.js';
import type { PoolUsage } from './metrics.js';
import { runSql, sql, type SqlFragment } from './sql.js';
import type { Tracing } from './tracing.js';

export type { EntityManager };

type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

export interface SubgraphDatabaseOptions {
  /** The subgraph's own Postgres schema: it never reads another one. */
  schema: string;
  migrations: MigrationClass[];
  log: Logger;
  /** A serving subgraph's pool: every statement is bounded by STATEMENT_TIMEOUT_MS. Scripts leave it unset. */
  serving?: boolean;
  /** The serving pool's statements as spans of the request that sent them (kernel/tracing.ts). */
  tracing?: Tracing;
}

/** Counts every SQL statement this subgraph sends; read by tests and the benchmark (`/metrics`). */
export class StatementCounter {
  statements = 0;
  /** Set by tools that need the statements themselves (scripts/explain.ts), never in serving. */
  observe: ((sql: string, params: readonly unknown[]) => void) | null = null;
}

export interface SubgraphDatabase {
  orm: MikroORM;
  counter: StatementCounter;
  /** The serving pool's connections in use and callers waiting (pg's pool behind MikroORM's Kysely dialect), for `/metrics`. */
  poolUsage(): PoolUsage;
  close(): Promise<void>;
}

export function databaseUrl(): string {
  const url = loadConfig().DATABASE_URL;
  if (!url) throw new ConfigError('DATABASE_URL is not set (npm start sets it for the embedded database)');
  return url;
}

export async function openSubgraphDatabase(options: SubgraphDatabaseOptions): Promise<SubgraphDatabase> {
  const config = loadConfig();
  if (config.MIGRATE) {
    // Migrations on a session of their own, without the serving statement timeout: an index
    // built over millions of rows may take minutes.
    const maintenance = await initOrm(options, new StatementCounter(), 0);
    try {
      await migrate(maintenance, options.schema, options.log);
    } finally {
      await maintenance.close();
    }
  }
  const counter = new StatementCounter();
  // The pool is made on the first statement (MikroORM connects lazily).
  let pool: pg.Pool | undefined;
  const orm = await initOrm(options, counter, options.serving ? config.STATEMENT_TIMEOUT_MS : 0, (created) => {
    pool = created;
    options.tracing?.tracePool(created);
  });
  const poolUsage = () => ({ inUse: pool ? pool.totalCount - pool.idleCount : 0, waiting: pool?.waitingCount ?? 0 });
  return { orm, counter, poolUsage, close: () => orm.close() };
}

function initOrm(
  options: SubgraphDatabaseOptions,
  counter: StatementCounter,
  statementTimeoutMs: number,
  onPoolCreated: (pool: pg.Pool) => void = () => undefined,
): Promise<MikroORM> {
  const config = loadConfig();
  return MikroORM.init({
    clientUrl: databaseUrl(),
    schema: options.schema,
    // Rows are read and written with SQL (docs/architecture.md §15): MikroORM knows no entities.
    entities: [],
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations.map((migration) => ({ name: migration.name, class: migration })),
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: config.DATABASE_POOL_SIZE },
    // The pg pool behind MikroORM's Kysely dialect, as it is made: for /metrics and the SQL spans.
    driverOptions: { onPoolCreated },
    // Every statement here is a short indexed read or a small write. PostgreSQL's JIT judges by
    // cost estimates that a count over a city viewport of 1 M enterprises exceeds, then spends
    // ~0.7 s compiling to save milliseconds (seen in EXPLAIN ANALYZE at 1 M: 743 ms of JIT, 100 ms of work).
    // statement_timeout: a validated integer from config, never the caller's.
    onCreateConnection: async (connection) => {
      await (connection as DatabaseConnection).executeQuery(CompiledQuery.raw('set jit = off'));
      await (connection as DatabaseConnection).executeQuery(CompiledQuery.raw(`set statement_timeout = ${statementTimeoutMs}`));
    },
    allowGlobalContext: false,
    logger: (message) => options.log.debug(message),
    onQuery: (sql, params) => {
      counter.statements += 1;
      counter.observe?.(sql, params);
      return sql;
    },
  });
}

/**
 * Subgraphs start in parallel (docker-compose) against one database, so schema and extension
 * creation and the migrations themselves run under one advisory lock: the second process waits
 * and then finds nothing pending.
 */
async function migrate(orm: MikroORM, schema: string, log: Logger): Promise<void> {
  const lockClient = new pg.Client({ connectionString: databaseUrl() });
  await lockClient.connect();
  try {
    await lockClient.query("select pg_advisory_lock(hashtext('enterprise-map:migrations'))");
    await lockClient.query('create extension if not exists postgis');
    await lockClient.query(`create schema if not exists "${schema}"`);
    const applied = await orm.migrator.up();
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } finally {
    await lockClient.query("select pg_advisory_unlock(hashtext('enterprise-map:migrations'))").catch(() => undefined);
    await lockClient.end();
  }
}

/** `/ready`: the database answers and nothing is pending for this subgraph. */
export async function isReady(orm: MikroORM): Promise<boolean> {
  try {
    await orm.em.getConnection().execute('select 1');
    return (await orm.migrator.getPending()).length === 0;
  } catch {
    return false;
  }
}

/**
 * `count(*)` over `fromWhere` (SQL starting at `from`), sent only when the returned function is
 * called: connections read `totalCount` lazily, since counting a city or the whole country costs
 * more than any page of it.
 */
export function deferredCount(em: EntityManager, fromWhere: SqlFragment): () => Promise<number> {
  return async () => {
    const [row] = await runSql<{ total: number }>(em, sql('select count(*)::int as total ', fromWhere));
    return row?.total ?? 0;
  };
}

/**
 * MikroORM expands an array bound to `?` into a list of placeholders; spatial and batch queries
 * want one array parameter instead, so arrays travel as a Postgres array literal (`?::text[]`).
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((value) => `"${String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
