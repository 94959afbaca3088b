import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reloadConfig } from '../services/kernel/config.js';
import { openSubgraphDatabase, type SubgraphDatabase } from '../services/kernel/db.js';
import { logger } from '../services/kernel/logger.js';
import { SUBGRAPHS } from '../scripts/subgraphs.js';
import { federation } from './support/federation.js';

describe("a subgraph's database sessions", () => {
  let database: SubgraphDatabase;

  beforeAll(async () => {
    process.env.DATABASE_URL = federation.databaseUrl();
    process.env.MIGRATE = 'false';
    reloadConfig();
    const regions = SUBGRAPHS.find((subgraph) => subgraph.name === 'regions')!;
    database = await openSubgraphDatabase({ ...regions.database, log: logger('regions') });
  });
  afterAll(() => database?.close());

  it('run with JIT compilation off, on every pooled connection', async () => {
    const connection = database.orm.em.fork().getConnection();
    const answers = await Promise.all(
      Array.from({ length: 3 }, () => connection.execute<{ jit: string }[]>('show jit')),
    );
    expect(answers.map(([row]) => row?.jit)).toEqual(['off', 'off', 'off']);
  });
});
