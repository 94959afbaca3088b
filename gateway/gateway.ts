import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type DocumentNode, type FieldNode, Kind, parse } from 'graphql';
import { ApolloServer, type BaseContext, type HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { readFileSync } from 'node:fs';
import { type Config, loadConfig } from '../services/kernel/config.js';
import { errorFormatter } from '../services/kernel/errors.js';
import { apolloRoutes, listen, REQUEST_ID_HEADER, type RunningService } from '../services/kernel/http.js';
import { logger } from '../services/kernel/logger.js';
import { apolloMetrics, ServiceMetrics } from '../services/kernel/metrics.js';
import { startTracing, traceHeaders } from '../services/kernel/tracing.js';
import { queryLimits } from './limits.js';
import { subgraphUrls } from './subgraphs.js';
import { authenticateRequest } from '../services/kernel/auth.js';
import { createGatewayApp } from './routes.js';
import { isConnectionFailure, proxyUnavailableStatus, unavailableSubgraph } from './plugins/error-masking.js';
import { asksForEntities, gatewaySignature, SIGNATURE_EXTENSION } from '../services/kernel/gateway-signature.js';

interface GatewayContext extends BaseContext {
  requestId: string;
  authorization: string | undefined;
}

type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>['process']>[0];

/**
 * Forwards the caller's token and the request id: every subgraph verifies the token itself.
 * A subgraph that cannot be reached, or whose proxy answers 502/503/504 for it, answers in its
 * place an error at each field the fetch asked for, which @apollo/gateway moves to the field's
 * path in the client's answer (a thrown error would carry no path): SUBGRAPH_UNAVAILABLE there
 * (docs/architecture.md §6).
 */
class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly secret: string | undefined,
  ) {
    super(options);
  }

  override willSendRequest({ request, context }: Parameters<RemoteGraphQLDataSource<GatewayContext>['willSendRequest'] & {}>[0]) {
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    if (context.requestId) request.http?.headers.set(REQUEST_ID_HEADER, context.requestId);
    // The gateway's request span, continued by the subgraph's (services/kernel/tracing.ts).
    for (const [name, value] of Object.entries(traceHeaders())) request.http?.headers.set(name, value);
    // Signed as Hive Gateway signs, so subgraphs answer its `_entities` (services/kernel/gateway-signature.ts);
    // the other fetches, which no subgraph checks, go unsigned.
    if (this.secret && asksForEntities(request.query)) request.extensions = { ...request.extensions, [SIGNATURE_EXTENSION]: gatewaySignature(this.secret, request) };
  }

  override async process(options: ProcessOptions): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      const message = error instanceof Error ? `${error.message}: ${String((error.cause as { code?: unknown } | undefined)?.code ?? '')}` : String(error);
      // A proxy's 502/503/504 in the subgraph's place: the field errors carry its status, which the error mapping reads.
      const proxyStatus = proxyUnavailableStatus((error as { extensions?: Record<string, unknown> }).extensions);
      // Only a client's operation has fields to answer for; health checks and schema loads fail as they are.
      if (!('incomingRequestContext' in options) || !options.request.query || (proxyStatus === null && !isConnectionFailure(message, error))) throw error;
      const extensions = proxyStatus === null ? undefined : { response: { status: proxyStatus } };
      // The fetch's own text: @apollo/gateway leaves `document` unset.
      return { errors: fieldPaths(parse(options.request.query), options.request.variables).map((path) => ({ message, path, extensions })) };
    }
  }
}

/** The paths a subgraph fetch would have answered: each root field, or each representation's fields. */
function fieldPaths(document: DocumentNode, variables: Record<string, unknown> | undefined): (string | number)[][] {
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const roots = (operation?.selectionSet.selections ?? []).filter((selection) => selection.kind === Kind.FIELD);
  const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;
  const entities = roots.find((field) => field.name.value === '_entities');
  if (!entities) return roots.map((field) => [responseKey(field)]);
  const representations = (variables?.representations ?? []) as { __typename?: string }[];
  return representations.flatMap((representation, index) =>
    (entities.selectionSet?.selections ?? [])
      .filter((selection) => selection.kind === Kind.INLINE_FRAGMENT && selection.typeCondition?.name.value === representation.__typename)
      .flatMap((fragment) => (fragment.kind === Kind.INLINE_FRAGMENT ? fragment.selectionSet.selections : []))
      .filter((selection): selection is FieldNode => selection.kind === Kind.FIELD && selection.name.value !== '__typename')
      .map((field) => ['_entities', index, responseKey(field)]),
  );
}

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

/**
 * Node's own fetch (undici, keep-alive) instead of the default make-fetch-happen, whose agent
 * builds an Error stack per request to tell http from https: a tenth of the gateway's CPU under
 * load. The gateway's request bodies are always JSON strings, which both accept.
 */
const nativeFetch: Fetcher = (url, init) => fetch(url, init as RequestInit);

export async function startGateway(options: { port?: number; config?: Config } = {}): Promise<RunningService> {
  const config = options.config ?? loadConfig();
  const log = logger('gateway');
  const urls = subgraphUrls(config);
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(config.SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name, url }) => new ForwardingDataSource({ url: urls[name] ?? url, fetcher: nativeFetch }, config.SUBGRAPH_SIGNING_SECRET),
  });
  const limits = queryLimits<GatewayContext>(config);
  const metrics = new ServiceMetrics('gateway');
  const tracing = startTracing('gateway', config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const format = errorFormatter({
    isProduction: config.isProduction,
    onInternal: (error) => log.error({ err: error }, 'internal error'),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: limits.validationRules,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.isProduction,
    formatError: (formatted, error) => {
      const unavailable = unavailableSubgraph(formatted, error);
      return unavailable ? { locations: formatted.locations, path: formatted.path, ...unavailable } : format(formatted, error);
    },
    plugins: [ApolloServerPluginLandingPageDisabled(), apolloMetrics<GatewayContext>(metrics), ...limits.plugins],
  });
  await apollo.start();
  // The gateway rejects a bad token before planning; subgraphs verify it again themselves.
  const context = async ({ headers, requestId }: { headers: HeaderMap; requestId: string }): Promise<GatewayContext> => {
    const authorization = headers.get('authorization');
    await authenticateRequest(authorization);
    return { requestId, authorization };
  };
  const app = await createGatewayApp({ config, log, metrics, graphql: apolloRoutes({ apollo, context, metrics, tracing, deadlineMs: config.GATEWAY_DEADLINE_MS }, log) });
  return listen(app, {
    host: config.HOST,
    port: options.port ?? config.PORT ?? 4000,
    log,
    onClose: async () => {
      await apollo.stop();
      await tracing.close();
    },
  });
}
