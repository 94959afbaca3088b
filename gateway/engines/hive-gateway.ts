import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Config, loadConfig } from '../../services/kernel/config.js';
import { type RunningService, serveOperational } from '../../services/kernel/http.js';
import { logger } from '../../services/kernel/logger.js';
import { graphiqlAssets } from '../graphiql.js';
import { envelopQueryLimits } from '../limits.js';
import { gatewayRoutes } from '../routes.js';
import { authenticate } from '../plugins/authenticate.js';
import { coercionErrorsAsBadInput } from '../plugins/coercion-errors.js';
import { gatewayHardening } from '../hardening.js';
import { maskError } from '../plugins/error-masking.js';
import { requestErrorCodes } from '../plugins/request-error-codes.js';
import { subgraphsReady, subgraphUrls } from '../subgraphs.js';
import { serveGraphqlWs, subscriptionsPerCaller } from '../subscriptions.js';
import { requirementsAsKeys } from './requirements-as-keys.js';

/**
 * Hive Gateway over the checked-in supergraph: the default engine (docs/architecture.md §1).
 * The contract's cross-cutting rules are plugins composed here, each in its own file: the query
 * limits (graphql-armor's envelop plugins, gateway/limits.ts), the bad-token rejection, variable
 * coercion errors as BAD_USER_INPUT, and the project's error mapping as Hive's error masking.
 *
 * Hive's default of merging identical subgraph requests in flight (executor-http
 * `deduplicateInflightRequests`) is off: under the benchmark's fixed documents it would answer
 * many clients with one subgraph call, which `@apollo/gateway` does not do, and the engines would
 * no longer be doing the same work.
 */
export interface HiveGatewayOptions {
  /** The Rust query planner (`@graphql-hive/router-runtime`); unset: Hive's JavaScript planner. */
  unifiedGraphHandler?: GatewayConfigSupergraph['unifiedGraphHandler'];
  port?: number;
  /** Tests start a second gateway with other settings (production mode, other subgraph URLs). */
  config?: Config;
}

export async function startHiveGateway(options: HiveGatewayOptions = {}): Promise<RunningService> {
  const config = options.config ?? loadConfig();
  const log = logger('gateway');
  const urls = subgraphUrls(config);
  const supergraph = readFileSync(config.SUPERGRAPH_PATH, 'utf8');
  const hardening = gatewayHardening(config);
  const runtime = createGatewayRuntime({
    // The Rust planner plans requirements itself; the JavaScript one is given them as keys.
    supergraph: options.unifiedGraphHandler ? supergraph : requirementsAsKeys(supergraph),
    unifiedGraphHandler: options.unifiedGraphHandler,
    transportEntries: Object.fromEntries(
      Object.entries(urls).map(([subgraph, location]) => [subgraph, { location, options: { deduplicateInflightRequests: false } }]),
    ),
    // The built-in request-id plugin reads `x-request-id` (or makes one), returns it and sends it to every subgraph.
    requestId: true,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    // Subgraphs answer `_entities` only to requests signed with it (services/kernel/gateway-signature.ts).
    hmacSignature: config.SUBGRAPH_SIGNING_SECRET ? { secret: config.SUBGRAPH_SIGNING_SECRET } : undefined,
    ...hardening.options,
    plugins: () => [...hardening.plugins, requestErrorCodes(config), ...envelopQueryLimits(config), authenticate, coercionErrorsAsBadInput, subscriptionsPerCaller(config)],
    maskedErrors: { maskError: maskError({ isProduction: config.isProduction, log }) },
    landingPage: false,
    graphiql: false,
    logging: config.LOG_LEVEL === 'silent' ? false : config.LOG_LEVEL === 'fatal' ? 'error' : config.LOG_LEVEL,
  });
  // /health, /ready, the tile routes and the offline GraphiQL are answered as on every service (kernel/http.ts).
  const operational = { ready: () => subgraphsReady(urls), staticAssets: graphiqlAssets(), routes: gatewayRoutes(config, log) };
  const server = createServer((request, response) => {
    serveOperational(request, response, operational)
      .then((served) => {
        if (!served) void runtime(request, response);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'request failed outside GraphQL');
        if (!response.headersSent) response.writeHead(500).end();
        else response.end();
      });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? config.PORT ?? 4000, config.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.HOST}:${port}/graphql`;
  const graphqlWs = serveGraphqlWs(runtime, server, config, () => url);
  log.info({ url, engine: options.unifiedGraphHandler ? 'hive-router' : 'hive' }, 'listening');
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    close: () => {
      // WebSockets first, then the runtime, which ends every SSE subscription stream (they would
      // hold the server open), then the server once in-flight requests are answered.
      closing ??= (async () => {
        await graphqlWs.close();
        const stopped = new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await runtime.dispose();
        await stopped;
      })();
      return closing;
    },
  };
}
