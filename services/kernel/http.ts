import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type ExecutionResult, GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse';
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config.js';
import type { ClientBuffers } from './events/client-buffers.js';
import { type GraphQLRequestBody, refuseHostileRequest } from './graphql/input-guard.js';
import type { Logger } from './logger.js';
import type { ServiceMetrics } from './metrics.js';
import type { Tracing } from './tracing.js';
import { refuseUnsignedEntities, type SignedRequest } from './gateway-signature.js';

/**
 * Every subgraph and the gateway serve HTTP with Fastify (docs/architecture.md §1): routing,
 * body reading and its limit, JSON errors, compression, keep-alive and graceful close are the
 * framework's. What is the project's own is here: the operational endpoints, request ids and the
 * error bodies, the same on every service whatever answers its GraphQL.
 */

/** Paths beside GraphQL (vector tiles, the map page, GraphiQL's files), registered on the service's app. */
export type HttpRoutes = (app: FastifyInstance) => void | Promise<void>;

export interface HttpServiceOptions {
  log: Logger;
  /** `/ready`: dependencies reachable (database, migrations, supergraph). */
  ready: () => Promise<Readiness>;
  /** `/metrics` in Prometheus text format (services/kernel/metrics.ts); also counts the errors answered here. */
  metrics: ServiceMetrics;
  routes?: HttpRoutes[];
  /** gzip for answers of at least this many bytes (the gateway: COMPRESS_MIN_BYTES); unset or 0: none. */
  compressMinBytes?: number;
  /** The page a browser gets on `/graphql`, `/` or an unknown path (the gateway's offline GraphiQL). */
  browserPage?: StaticAsset;
}

export interface StaticAsset {
  contentType: string;
  body: Buffer | string;
}

/** `/ready`'s answer: 200 when ready, else 503 naming the dependencies that are down. */
export interface Readiness {
  ready: boolean;
  unavailable?: string[];
}

export interface RunningService {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A request id comes from the caller (gateway → subgraph) or is made here, and is logged on every line. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Answers that are meant to last (subscriptions over SSE): their events must not wait in a compressor's buffer. */
const COMPRESSIBLE = /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)|javascript/;

const graphqlError = (message: string, extensions: Record<string, unknown>) => ({ errors: [{ message, extensions }] });

/** How much of an oversized body is read (and dropped) so the client gets the 413 instead of a reset. */
const DRAIN_FACTOR = 4;

/** Reads and drops the rest of a refused body, up to `maxBytes`; resolves when it ended or that much came. */
function drain(request: IncomingMessage, maxBytes: number): Promise<void> {
  if (request.readableEnded || request.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let size = 0;
    const done = () => {
      request.off('data', count);
      resolve();
    };
    const count = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) done();
    };
    request.on('data', count);
    request.once('end', done);
    request.once('error', done);
    request.resume();
  });
}

/**
 * The framework's own refusals as the contract's JSON errors: a body over MAX_BODY_BYTES is 413
 * with LIMIT_EXCEEDED, a body that is not JSON 400; anything else unexpected is a logged 500.
 */
function answerError(log: Logger, maxBodyBytes: number, metrics: ServiceMetrics) {
  return async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const answer = (status: number, body: ReturnType<typeof graphqlError>) => {
      metrics.countError(body.errors[0]?.extensions.code);
      return reply.code(status).send(body);
    };
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      await drain(request.raw, maxBodyBytes * DRAIN_FACTOR);
      return answer(413, graphqlError(`the request body exceeds MAX_BODY_BYTES (${maxBodyBytes} bytes)`, { code: 'LIMIT_EXCEEDED', limit: 'bodyBytes' }));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return answer(400, graphqlError('body is not JSON', { code: 'BAD_REQUEST' }));
    }
    if (error.statusCode && error.statusCode < 500) return answer(error.statusCode, graphqlError(error.message, { code: 'BAD_REQUEST' }));
    log.error({ err: error }, 'request failed outside GraphQL');
    return answer(500, graphqlError('internal server error', { code: 'INTERNAL_SERVER_ERROR' }));
  };
}

/**
 * A Fastify app with `/health`, `/ready`, `/metrics`, request ids, the body limit, JSON errors,
 * compression when asked and the given routes; the caller adds its GraphQL route and listens.
 */
export async function createHttpApp(options: HttpServiceOptions): Promise<FastifyInstance> {
  const maxBodyBytes = loadConfig().MAX_BODY_BYTES;
  const app = Fastify({
    bodyLimit: maxBodyBytes,
    keepAliveTimeout: 65_000,
    // While closing, a request that arrives on a kept-alive connection is answered as usual and
    // its connection closed after it (Fastify sets `Connection: close`), rather than Fastify's 503
    // with a body that is no GraphQL answer: the gateway would report an internal error instead
    // of SUBGRAPH_UNAVAILABLE. New connections are refused, which the gateway does report so.
    return503OnClosing: false,
    requestIdHeader: REQUEST_ID_HEADER,
    genReqId: () => randomUUID(),
    // The services log their own lines (kernel/logger.ts): a line per request would cost more than it tells.
    logger: false,
  });
  // Set before any handler runs, so even a hijacked reply (an SSE stream) carries it.
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.setErrorHandler(answerError(options.log, maxBodyBytes, options.metrics));
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));
  const page = options.browserPage;
  if (page) {
    app.addHook('onRequest', async (request, reply) => {
      const path = request.routeOptions.url;
      const wantsPage = request.method === 'GET' && !request.url.includes('?') && (request.headers.accept ?? '').includes('text/html');
      if (wantsPage && (path === '/graphql' || path === '/' || path === undefined)) {
        return reply.type(page.contentType).header('cache-control', 'public, max-age=3600').send(page.body);
      }
    });
  }
  if (options.compressMinBytes) {
    await app.register(fastifyCompress, { threshold: options.compressMinBytes, encodings: ['gzip'], customTypes: COMPRESSIBLE });
  }
  app.get('/health', async () => ({ status: 'up' }));
  app.get('/ready', async (_request, reply) => {
    const { ready, unavailable } = await options.ready();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', ...(unavailable?.length ? { unavailable } : {}) });
  });
  app.get('/metrics', async (_request, reply) => reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics()));
  for (const routes of options.routes ?? []) await app.register(async (scope) => routes(scope));
  return app;
}

function toHeaderMap(headers: IncomingHttpHeaders): HeaderMap {
  const map = new HeaderMap();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) map.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return map;
}

/** A GET request's operation, as Apollo will read it; variables that are not JSON are Apollo's to refuse. */
function queryStringRequest(query: Record<string, string | undefined>): GraphQLRequestBody {
  let variables: unknown;
  try {
    variables = JSON.parse(query.variables ?? 'null');
  } catch {
    variables = undefined;
  }
  return { query: query.query, variables };
}

export interface ApolloRouteOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (request: { headers: HeaderMap; requestId: string }) => Promise<Context>;
  /**
   * Subscriptions over GraphQL-over-SSE (graphql-sse, distinct connections: one stream per
   * subscription, the way Hive Gateway asks a subgraph) on the same path as Apollo.
   */
  subscriptions?: {
    schema: GraphQLSchema;
    /** The caller is checked before the stream opens: a rejection is the error to answer. */
    authenticate: (headers: HeaderMap) => Promise<unknown>;
    formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
    /** The bound on what waits for each stream's reader (SUBSCRIPTION_BUFFER_BYTES). */
    buffers: ClientBuffers;
  };
  /** A subgraph's SUBGRAPH_SIGNING_SECRET: `_entities` is answered only to requests the gateway signed with it. */
  gatewaySecret?: string;
  /** The service's metrics: the requests refused here before Apollo are counted as errors. */
  metrics: ServiceMetrics;
  /** A server span per query or mutation, continuing the caller's `traceparent`. */
  tracing: Tracing;
  /**
   * The gateway's GATEWAY_DEADLINE_MS: a query or mutation still unanswered after it gets HTTP 504
   * and TIMEOUT, as Hive Gateway's plugin answers (gateway/plugins/response-shaping.ts); 0 or
   * unset, none (the subgraphs bound their statements themselves).
   */
  deadlineMs?: number;
}

const TIMED_OUT = Symbol('timed out');

/** `answer`, or a 504 TIMEOUT sent on `reply` if it is not there within `deadlineMs`; the late answer is dropped. */
async function withinDeadline<Answer>(answer: Promise<Answer>, deadlineMs: number | undefined, reply: FastifyReply): Promise<Answer | FastifyReply> {
  if (!deadlineMs || deadlineMs <= 0) return answer;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), deadlineMs);
  });
  try {
    const first = await Promise.race([answer, timeout]);
    if (first !== TIMED_OUT) return first;
  } finally {
    clearTimeout(timer);
  }
  answer.catch(() => undefined);
  return reply.code(504).send(graphqlError(`the request took longer than the gateway deadline of ${deadlineMs} ms`, { code: 'TIMEOUT' }));
}

/**
 * GraphQL on `/graphql` (and `/`) by Apollo through `@as-integrations/fastify`, after the
 * kernel's pre-parse check (kernel/graphql/input-guard.ts); a request that accepts
 * text/event-stream is a subscription stream instead. Apollo must have been started.
 */
export function apolloRoutes<Context extends BaseContext>(options: ApolloRouteOptions<Context>, log: Logger): HttpRoutes {
  const graphql = fastifyApolloHandler<Context>(options.apollo, {
    context: (request) => options.context({ headers: toHeaderMap(request.headers), requestId: request.id }),
  });
  const subscriptions = options.subscriptions && eventStreamHandler(options, options.subscriptions);
  return (app) => {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      if (subscriptions && (request.headers.accept ?? '').includes('text/event-stream')) {
        reply.hijack();
        try {
          await subscriptions(request, reply);
        } catch (error) {
          log.error({ err: error }, 'subscription stream failed');
          if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' });
          reply.raw.end(JSON.stringify(graphqlError('internal server error', { code: 'INTERNAL_SERVER_ERROR' })));
        }
        return;
      }
      const body = (request.body as GraphQLRequestBody | undefined) ?? queryStringRequest(request.query as Record<string, string | undefined>);
      const refused = refuseHostileRequest(body);
      if (refused) {
        options.metrics.countError(refused.extensions.code);
        return reply.code(400).send(graphqlError(refused.message, refused.extensions));
      }
      const unsigned = options.gatewaySecret && refuseUnsignedEntities(body as SignedRequest, options.gatewaySecret);
      if (unsigned) {
        options.metrics.countError(unsigned.extensions.code);
        return reply.code(403).send({ errors: [unsigned] });
      }
      // The integration types its handler for its own route generics; the request is the same object.
      return options.tracing.serve(
        `${request.method} /graphql`,
        request.headers,
        async () => withinDeadline(Promise.resolve(graphql.call(app, request as never, reply as never)), options.deadlineMs, reply),
        () => reply.statusCode,
      );
    };
    for (const url of ['/graphql', '/']) app.route({ method: ['GET', 'POST'], url, handler });
  };
}

/**
 * graphql-sse's own handler, written to the socket by the kernel's bounded writer rather than by
 * its Fastify adapter: the adapter waits for each write to reach the client while the handler
 * keeps taking the hub's events into a queue of its own, without bound, for a reader that stalls.
 */
function eventStreamHandler<Context extends BaseContext>(
  options: ApolloRouteOptions<Context>,
  subscriptions: NonNullable<ApolloRouteOptions<Context>['subscriptions']>,
) {
  const format = (result: ExecutionResult): ExecutionResult => {
    if (!result.errors) return result;
    // Serialised as JSON like every answer: the formatted errors stand in for the GraphQLErrors.
    const errors = result.errors.map((error) => subscriptions.formatError(error.toJSON(), error));
    return { ...result, errors: errors as unknown as ExecutionResult['errors'] };
  };
  const handler = createSseHandler<FastifyRequest, undefined, Context>({
    schema: subscriptions.schema,
    // Distinct connections only: a stream per subscription, nothing kept between requests.
    authenticate: () => null,
    onSubscribe: async (request) => {
      try {
        await subscriptions.authenticate(toHeaderMap(request.raw.headers));
      } catch (error) {
        const formatted = subscriptions.formatError(
          { message: (error as Error).message, extensions: (error as { extensions?: Record<string, unknown> }).extensions },
          error,
        );
        return [JSON.stringify({ errors: [formatted] }), { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/json' } }];
      }
    },
    context: (request) => options.context({ headers: toHeaderMap(request.raw.headers), requestId: request.raw.id }),
    onNext: (_context, _request, result) => format(result as ExecutionResult),
  });
  const farewell = (error: unknown) =>
    subscriptions.formatError(error instanceof GraphQLError ? error.toJSON() : { message: error instanceof Error ? error.message : String(error) }, error);
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const [body, init] = await handler({
      method: request.method,
      url: request.url,
      headers: {
        get: (key) => {
          const value = request.headers[key];
          return Array.isArray(value) ? value.join('\n') : value;
        },
      },
      body: (request.body as Record<string, unknown> | undefined) ?? null,
      raw: request,
      context: undefined,
    });
    reply.raw.writeHead(init.status, init.statusText, { ...(reply.getHeaders() as OutgoingHttpHeaders), ...init.headers });
    if (!body || typeof body === 'string') {
      reply.raw.end(body ?? undefined);
      return;
    }
    await subscriptions.buffers.pipeEventStream(body, reply.raw, farewell);
  };
}

/** Listens; `close` stops taking requests, lets in-flight ones finish, then runs `onClose`. */
export async function listen(
  app: FastifyInstance,
  options: { host: string; port: number; log: Logger; beforeClose?: () => Promise<void> | void; onClose?: () => Promise<void> },
): Promise<RunningService> {
  await app.listen({ host: options.host, port: options.port });
  const port = (app.server.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}/graphql`;
  options.log.info({ url }, 'listening');
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // Streams first (they would hold the server open), then the server, then the pools.
      await options.beforeClose?.();
      await app.close();
      await options.onClose?.();
    })();
    return closing;
  };
  return { url, port, close };
}

/** SIGTERM/SIGINT close the given services gracefully, then the process exits. */
export function closeOnSignals(services: { close(): Promise<void> }[], log: Logger): void {
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    Promise.all(services.map((service) => service.close()))
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}
