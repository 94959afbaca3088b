import type { Config } from '../services/kernel/config.js';
import type { HttpRoutes } from '../services/kernel/http.js';
import type { Logger } from '../services/kernel/logger.js';
import { mapPageRoutes } from './map-page.js';
import { tileProxyRoutes } from './tiles-proxy.js';

/**
 * What the gateway's port serves beside GraphQL, whichever engine answers GraphQL: vector tiles
 * (passed to the owning subgraph) and the map page. Every engine registers them on its app
 * (kernel/http.ts `createHttpApp`).
 */
export function gatewayRoutes(config: Config, log: Logger): HttpRoutes[] {
  return [tileProxyRoutes(config, log), mapPageRoutes()];
}
