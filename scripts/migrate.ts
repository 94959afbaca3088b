import { openSubgraphDatabase } from '../services/kernel/db.js';
import { logger } from '../services/kernel/logger.js';
import { SUBGRAPHS } from './subgraphs.js';

/** `npm run migrate`: applies every subgraph's pending migrations to DATABASE_URL, then exits. */
process.env.MIGRATE = 'true';
for (const subgraph of SUBGRAPHS) {
  const database = await openSubgraphDatabase({ ...subgraph.database, log: logger(subgraph.name) });
  await database.close();
}
