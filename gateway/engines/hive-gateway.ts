import { createGatewayRuntime, type GatewayConfigSupergraph, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../services/kernel/config.js';
import type { RunningService } from '../../services/kernel/http.js';
import { authenticateRequest } from '../../services/kernel/subgraph.js';

/**
 * Hive Gateway over the same checked-in supergraph as `gateway/gateway.ts`, for the benchmark's
 * engine comparison. Not (yet) a drop-in: it has no graphql-armor limits, no error formatter and
 * no offline GraphiQL. Hive's default of merging identical subgraph requests in flight
 * (executor-http `deduplicateInflightRequests`) is off: under the benchmark's fixed documents it
 * would answer many clients with one subgraph call, which `@apollo/gateway` does not do, and the
 * engines would no longer be doing the same work.
 */
export interface HiveGatewayOptions {
  /** The Rust query planner (`@graphql-hive/router-runtime`); unset: Hive's JavaScript planner. */
  unifiedGraphHandler?: GatewayConfigSupergraph['unifiedGraphHandler'];
  port?: number;
}

/** As in the Apollo gateway, a bad token is rejected before planning; subgraphs verify it again. */
const authenticate: GatewayPlugin = {
  onContextBuilding: async ({ context }) => {
    await authenticateRequest(context.request.headers.get('authorization') ?? undefined);
  },
};

export async function startHiveGateway(options: HiveGatewayOptions = {}): Promise<RunningService> {
  const config = loadConfig();
  // Subgraph URLs come from config, not from the supergraph, as in gateway/gateway.ts.
  const locations: Record<string, string> = {
    regions: config.REGIONS_URL,
    enterprises: config.ENTERPRISES_URL,
    vacancies: config.VACANCIES_URL,
    resettlement: config.RESETTLEMENT_URL,
    projects: config.PROJECTS_URL,
  };
  const runtime = createGatewayRuntime({
    supergraph: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    unifiedGraphHandler: options.unifiedGraphHandler,
    transportEntries: Object.fromEntries(
      Object.entries(locations).map(([subgraph, location]) => [subgraph, { location, options: { deduplicateInflightRequests: false } }]),
    ),
    // The built-in request-id plugin reads `x-request-id` (or makes one) and sends it to every subgraph.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
    },
    plugins: () => [authenticate],
    readinessCheckEndpoint: '/ready',
    healthCheckEndpoint: '/health',
    landingPage: false,
    graphiql: false,
    logging: config.LOG_LEVEL === 'silent' ? false : config.LOG_LEVEL === 'fatal' ? 'error' : config.LOG_LEVEL,
  });
  const server = createServer(runtime);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? config.PORT ?? 4000, config.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.HOST}:${port}/graphql`,
    port,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await runtime.dispose();
    },
  };
}
