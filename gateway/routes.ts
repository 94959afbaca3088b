import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Config } from '../services/kernel/config.js';
import type { HttpRoute } from '../services/kernel/http.js';
import type { Logger } from '../services/kernel/logger.js';
import { mapPageRoute } from './map-page.js';
import { tileProxyRoute } from './tiles-proxy.js';

/**
 * What the gateway's port serves beside GraphQL, whichever engine answers GraphQL: vector tiles
 * (passed to the owning subgraph) and the map page. The Apollo engine hands these to the kernel's
 * HTTP server (`routes`); an engine with its own node:http server wraps its listener with
 * `withGatewayRoutes`.
 */
export function gatewayRoutes(config: Config, log: Logger): HttpRoute[] {
  return [tileProxyRoute(config, log), mapPageRoute()];
}

/** `engine` answers every request none of the routes takes. */
export function withGatewayRoutes(routes: HttpRoute[], engine: RequestListener, log: Logger): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    (async () => {
      for (const route of routes) if (await route(request, response, url)) return;
      engine(request, response);
    })().catch((error: unknown) => {
      log.error({ err: error }, 'gateway route failed');
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal server error' } }));
    });
  };
}
