import type { Config } from '../services/kernel/config.js';
import type { HttpRoute } from '../services/kernel/http.js';
import type { Logger } from '../services/kernel/logger.js';
import { tileProxyRoute } from './tiles-proxy.js';

/** What the gateway's port serves beside GraphQL, whichever engine answers GraphQL: vector tiles and the map page. */
export function gatewayRoutes(config: Config, log: Logger): HttpRoute[] {
  return [tileProxyRoute(config, log)];
}
