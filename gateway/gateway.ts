import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../services/kernel/config.js';
import { errorFormatter } from '../services/kernel/errors.js';
import { REQUEST_ID_HEADER, startHttpService, type RunningService } from '../services/kernel/http.js';
import { logger } from '../services/kernel/logger.js';
import { graphiqlAssets } from './graphiql.js';
import { queryLimits } from './limits.js';
import { subgraphsReady, subgraphUrls } from './subgraphs.js';
import { authenticateRequest } from '../services/kernel/auth.js';
import { gatewayRoutes } from './routes.js';

interface GatewayContext extends BaseContext {
  requestId: string;
  authorization: string | undefined;
}

/** Forwards the caller's token and the request id: every subgraph verifies the token itself. */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
  }
}

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

/**
 * Node's own fetch (undici, keep-alive) instead of the default make-fetch-happen, whose agent
 * builds an Error stack per request to tell http from https: a tenth of the gateway's CPU under
 * load. The gateway's request bodies are always JSON strings, which both accept.
 */
const nativeFetch: Fetcher = (url, init) => fetch(url, init as RequestInit);

export async function startGateway(options: { port?: number } = {}): Promise<RunningService> {
  const config = loadConfig();
  const log = logger('gateway');
  const urls = subgraphUrls(config);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => new ForwardingDataSource({ url: urls[name] ?? url, fetcher: nativeFetch }),
  });
  const limits = queryLimits<GatewayContext>(config);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: limits.validationRules,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.isProduction,
    formatError: errorFormatter({
      isProduction: config.isProduction,
      onInternal: (error) => log.error({ err: error }, 'internal error'),
    }),
    plugins: [ApolloServerPluginLandingPageDisabled(), ...limits.plugins],
  });
  return startHttpService({
    apollo,
    log,
    host: config.HOST,
    port: options.port ?? config.PORT ?? 4000,
    staticAssets: graphiqlAssets(),
    routes: gatewayRoutes(config, log),
    ready: () => subgraphsReady(urls),
    // The gateway rejects a bad token before planning; subgraphs verify it again themselves.
    context: async ({ headers, requestId }) => {
      const authorization = headers.get('authorization');
      await authenticateRequest(authorization);
      return { requestId, authorization };
    },
  });
}
