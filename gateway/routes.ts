import type { Config } from '../services/kernel/config.js';
import type { HttpRoute } from '../services/kernel/http.js';
import type { Logger } from '../services/kernel/logger.js';
import { mapPageRoute } from './map-page.js';
import { tileProxyRoute } from './tiles-proxy.js';

/**
 * What the gateway's port serves beside GraphQL, whichever engine answers GraphQL: vector tiles
 * (passed to the owning subgraph) and the map page. Every engine hands them to the kernel's HTTP
 * server as its `routes` (kernel/http.ts).
 */
export function gatewayRoutes(config: Config, log: Logger): HttpRoute[] {
  return [tileProxyRoute(config, log), mapPageRoute()];
}
