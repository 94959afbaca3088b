import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { reloadConfig } from '../services/kernel/config.js';
import { openSubgraphDatabase, type SubgraphDatabase } from '../services/kernel/db.js';
import { logger } from '../services/kernel/logger.js';
import { startSubgraph, type RunningSubgraph } from '../services/kernel/subgraph.js';
import { SUBGRAPHS } from '../scripts/subgraphs.js';
import { federation } from './support/federation.js';

const regions = SUBGRAPHS.find((subgraph) => subgraph.name === 'regions')!;
/** PGlite runs PostgreSQL in one thread without timers: statement_timeout is accepted there but never fires. */
const onRealPostgres = inject('databaseServerUrl') !== '';

/** The federation's database as it is (no migrations), with this statement timeout. */
function useFederationDatabase(statementTimeoutMs: string): void {
  process.env.DATABASE_URL = federation.databaseUrl();
  process.env.MIGRATE = 'false';
  process.env.STATEMENT_TIMEOUT_MS = statementTimeoutMs;
  reloadConfig();
}

describe("a subgraph's database sessions", () => {
  let serving: SubgraphDatabase;
  let maintenance: SubgraphDatabase;

  beforeAll(async () => {
    useFederationDatabase('300');
    serving = await openSubgraphDatabase({ ...regions.database, log: logger('regions'), serving: true });
    maintenance = await openSubgraphDatabase({ ...regions.database, log: logger('regions') });
  });
  afterAll(async () => {
    await serving?.close();
    await maintenance?.close();
  });

  it('run with JIT compilation off, on every pooled connection', async () => {
    const connection = serving.orm.em.fork().getConnection();
    const answers = await Promise.all(Array.from({ length: 3 }, () => connection.execute<{ jit: string }[]>('show jit')));
    expect(answers.map(([row]) => row?.jit)).toEqual(['off', 'off', 'off']);
  });

  it('bound every statement by STATEMENT_TIMEOUT_MS when serving, and not in scripts, migrations and seeds', async () => {
    const show = (database: SubgraphDatabase) =>
      database.orm.em.fork().getConnection().execute<{ statement_timeout: string }[]>('show statement_timeout');
    expect((await show(serving))[0]?.statement_timeout).toBe('300ms');
    expect((await show(maintenance))[0]?.statement_timeout).toBe('0');
  });

  it.runIf(onRealPostgres)('cancel a serving statement that runs past the timeout', async () => {
    await expect(serving.orm.em.fork().getConnection().execute('select pg_sleep(2)')).rejects.toMatchObject({ code: '57014' });
    await expect(maintenance.orm.em.fork().getConnection().execute('select pg_sleep(0.5)')).resolves.toBeDefined();
  });
});

describe.runIf(onRealPostgres)('a field whose statement runs past the timeout', () => {
  let subgraph: RunningSubgraph;

  beforeAll(async () => {
    // A millisecond: simplifying the 20 real boundaries takes far longer.
    useFederationDatabase('1');
    subgraph = await startSubgraph(regions, { port: 0 });
  });
  afterAll(() => subgraph?.close());

  it('answers TIMEOUT at the field, without SQL or stack', async () => {
    const response = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ regions { code boundary(simplifyMeters: 1) } }' }),
    });
    const body = (await response.json()) as { errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[] };
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'TIMEOUT' });
    expect(body.errors?.[0]?.path?.[0]).toBe('regions');
    expect(body.errors?.[0]?.message).not.toMatch(/select|canceling/i);
  });
});
