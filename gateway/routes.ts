import type { FastifyInstance } from 'fastify';
import type { Config } from '../services/kernel/config.js';
import { createHttpApp, type HttpRoutes } from '../services/kernel/http.js';
import type { Logger } from '../services/kernel/logger.js';
import type { ServiceMetrics } from '../services/kernel/metrics.js';
import { graphiql } from './graphiql.js';
import { mapPageRoutes } from './map-page.js';
import { subgraphsReady, subgraphUrls } from './subgraphs.js';
import { tileProxyRoutes } from './tiles-proxy.js';

/**
 * The gateway's app, the same whichever engine answers GraphQL (the `graphql` routes): the
 * offline GraphiQL, `/ready` when every subgraph answers, `/metrics`, compression, vector tiles
 * (passed to the owning subgraph) and the map page (kernel/http.ts `createHttpApp`).
 */
export function createGatewayApp(options: { config: Config; log: Logger; metrics: ServiceMetrics; graphql: HttpRoutes }): Promise<FastifyInstance> {
  const { config, log } = options;
  const page = graphiql();
  const urls = subgraphUrls(config);
  return createHttpApp({
    log,
    ready: () => subgraphsReady(urls),
    metrics: options.metrics,
    compressMinBytes: config.COMPRESS_MIN_BYTES,
    browserPage: page.page,
    routes: [page.routes, tileProxyRoutes(config, log), mapPageRoutes(), options.graphql],
  });
}
