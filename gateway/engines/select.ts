import { type Config, loadConfig } from '../../services/kernel/config.js';
import type { RunningService } from '../../services/kernel/http.js';
import { startGateway } from '../gateway.js';
import { type HiveGatewayOptions, startHiveGateway } from './hive-gateway.js';

/**
 * The gateway engine GATEWAY_ENGINE names, over the same checked-in supergraph: `hive-router`
 * (the default: Hive Gateway with the Rust query planner), `hive` (Hive Gateway with its
 * JavaScript planner; both federate subscriptions) or `apollo` (`@apollo/gateway`, queries and
 * mutations only). Tests that need a second gateway with other settings pass their `config`.
 */
export async function startSelectedGateway(options: { port?: number; config?: Config } = {}): Promise<RunningService> {
  const config = options.config ?? loadConfig();
  switch (config.GATEWAY_ENGINE) {
    case 'apollo':
      return startGateway({ ...options, config });
    case 'hive':
    case 'hive-router':
      return startHiveGateway({ ...options, config, unifiedGraphHandler: await queryPlanner(config.GATEWAY_ENGINE) });
  }
}

/** Hive's planner for the engine: the Rust one for `hive-router`, its JavaScript one (unset) for `hive`. */
async function queryPlanner(engine: 'hive' | 'hive-router'): Promise<HiveGatewayOptions['unifiedGraphHandler']> {
  if (engine === 'hive') return undefined;
  // Loaded only when chosen: the package carries a native binary.
  const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
  return unifiedGraphHandler;
}
