import { createGatewayRuntime, type GatewayConfigSupergraph, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { type Config, loadConfig } from '../../services/kernel/config.js';
import { type HttpRoutes, listen, type RunningService } from '../../services/kernel/http.js';
import { ClientBuffers } from '../../services/kernel/events/client-buffers.js';
import { SlowConsumer } from '../../services/kernel/errors.js';
import { type Logger, logger } from '../../services/kernel/logger.js';
import { ServiceMetrics } from '../../services/kernel/metrics.js';
import { startTracing, type Tracing } from '../../services/kernel/tracing.js';
import { envelopQueryLimits } from '../limits.js';
import { createGatewayApp } from '../routes.js';
import { authenticate } from '../plugins/authenticate.js';
import { coercionErrorsAsBadInput } from '../plugins/coercion-errors.js';
import { gatewayHardening } from '../hardening.js';
import { maskError } from '../plugins/error-masking.js';
import { gatewayMetrics } from '../plugins/metrics.js';
import { subgraphSpans } from '../plugins/tracing.js';
import { requestErrorCodes } from '../plugins/request-error-codes.js';
import { subgraphUrls } from '../subgraphs.js';
import { serveGraphqlWs, subscriptionsPerCaller } from '../subscriptions.js';
import { requirementsAsKeys } from './requirements-as-keys.js';
import { checkedBySubgraph } from './signed-fetches.js';

/**
 * Hive Gateway over the checked-in supergraph, with the Rust or the JavaScript query planner: the
 * default engine (docs/architecture.md §11).
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
  const subscriptions = subscriptionsPerCaller(config);
  const buffers = new ClientBuffers(config.SUBSCRIPTION_BUFFER_BYTES, config.SUBSCRIPTION_HEARTBEAT_SECONDS * 1000);
  const metrics = new ServiceMetrics('gateway', { openSubscriptions: subscriptions.open, clientBuffers: buffers });
  const tracing = startTracing('gateway', config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const runtime = createGatewayRuntime<{ req: IncomingMessage; reply: FastifyReply }>({
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
    // Subgraphs answer `_entities` only to requests signed with it (services/kernel/gateway-signature.ts);
    // the other fetches, which no subgraph checks, go unsigned.
    hmacSignature: config.SUBGRAPH_SIGNING_SECRET
      ? { secret: config.SUBGRAPH_SIGNING_SECRET, shouldSign: ({ executionRequest }) => checkedBySubgraph(executionRequest.document) }
      : undefined,
    ...hardening.options,
    plugins: () => [
      gatewayMetrics(metrics),
      ...(tracing.enabled ? [subgraphSpans(tracing)] : []),
      ...hardening.plugins,
      requestErrorCodes(config),
      ...envelopQueryLimits(config),
      authenticate,
      coercionErrorsAsBadInput,
      subscriptions.plugin,
    ],
    maskedErrors: { maskError: maskError({ isProduction: config.isProduction, log }) },
    landingPage: false,
    graphiql: false,
    logging: config.LOG_LEVEL === 'silent' ? false : config.LOG_LEVEL === 'fatal' ? 'error' : config.LOG_LEVEL,
  });
  // The runtime loads the supergraph on its first HTTP request; a WebSocket operation does not
  // trigger that load, so a socket opened first (the map page's live feed) met no schema.
  await runtime.getSchema();
  const app = await createGatewayApp({ config, log, metrics, graphql: hiveRoute(runtime, buffers, log, tracing) });
  const service = await listen(app, {
    host: config.HOST,
    port: options.port ?? config.PORT ?? 4000,
    log,
    // WebSockets first, then the runtime, which ends every SSE subscription stream (they would
    // hold the server open) while the server waits for in-flight requests.
    beforeClose: async () => {
      await graphqlWs.close();
      disposed = Promise.resolve(runtime.dispose());
    },
    onClose: async () => {
      await disposed;
      await tracing.close();
    },
  });
  let disposed: Promise<void> | undefined;
  const graphqlWs = serveGraphqlWs(runtime, app.server, { config, buffers, log, url: () => service.url });
  log.info({ engine: options.unifiedGraphHandler ? 'hive-router' : 'hive' }, 'gateway engine');
  return service;
}

/**
 * Hive's runtime is a fetch handler, mounted on `/graphql` as its docs show for Fastify. The body
 * reaches it as the bytes that came (Fastify bounds their size), so Hive parses and answers every
 * content type itself; any answer but a subscription's is passed on whole, so the compression
 * threshold can see its size. A subscription's event stream goes out through the kernel's
 * bounded writer (SUBSCRIPTION_BUFFER_BYTES per client, docs/architecture.md §14).
 */
function hiveRoute(runtime: GatewayRuntime<{ req: IncomingMessage; reply: FastifyReply }>, buffers: ClientBuffers, log: Logger, tracing: Tracing): HttpRoutes {
  const farewell = (error: unknown) => {
    if (error instanceof SlowConsumer) return error.toJSON();
    log.error({ err: error }, 'subscription stream failed');
    return { message: 'subscription stream failed', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
  return (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.all(runtime.graphqlEndpoint, async (request: FastifyRequest, reply: FastifyReply) => {
      // A request's span holds its subgraph calls (gateway/plugins/tracing.ts); a subscription's, its opening.
      const response = await tracing.serve(
        `${request.method} /graphql`,
        request.headers,
        async () => runtime.handleNodeRequestAndResponse(request, reply, { req: request.raw, reply }),
        () => reply.statusCode,
      );
      response.headers.forEach((value, name) => {
        reply.header(name, value);
      });
      reply.code(response.status);
      const stream = (response.headers.get('content-type') ?? '').includes('text/event-stream');
      if (!stream || !response.body) return reply.send(response.body ? Buffer.from(await response.arrayBuffer()) : response.body);
      reply.hijack();
      reply.raw.writeHead(response.status, reply.getHeaders() as OutgoingHttpHeaders);
      const reader = response.body.getReader();
      const chunks: AsyncIterator<Uint8Array> = {
        next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
        return: async () => {
          await reader.cancel();
          return { done: true, value: undefined };
        },
      };
      await buffers.pipeEventStream(chunks, reply.raw, farewell);
    });
  };
}
