import { loadConfig } from '../../services/kernel/config.js';
import type { RunningService } from '../../services/kernel/http.js';
import { startGateway } from '../gateway.js';
import { startHiveGateway } from './hive-gateway.js';

/**
 * The gateway engine GATEWAY_ENGINE names, over the same checked-in supergraph: `hive` (the
 * default: Hive Gateway with its JavaScript planner), `hive-router` (Hive Gateway with the Rust
 * query planner; both federate subscriptions) or `apollo` (`@apollo/gateway`, queries and
 * mutations only).
 */
export async function startSelectedGateway(options: { port?: number } = {}): Promise<RunningService> {
  switch (loadConfig().GATEWAY_ENGINE) {
    case 'apollo':
      return startGateway(options);
    case 'hive':
      return startHiveGateway(options);
    case 'hive-router': {
      // Loaded only when chosen: the package carries a native binary.
      const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
      return startHiveGateway({ ...options, unifiedGraphHandler });
    }
  }
}
