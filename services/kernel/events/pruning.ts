import { loadConfig } from '../config.js';
import type { SubgraphJob } from '../subgraph.js';

/**
 * Outbox rows are read within a poll interval of their commit; after OUTBOX_RETENTION_MINUTES
 * nobody will read them again (a relay starts after the last row present), so they go.
 */
export function outboxPruning(schema: string): SubgraphJob {
  return {
    name: 'outbox-pruning',
    everyMinutes: () => 10,
    run: async (database) => {
      const minutes = loadConfig().OUTBOX_RETENTION_MINUTES;
      await database.orm.em
        .fork()
        .getConnection()
        .execute(`delete from ${schema}.outbox where recorded_at < now() - make_interval(mins => ?)`, [minutes]);
    },
  };
}
