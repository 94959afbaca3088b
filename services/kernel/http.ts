import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';
import type { ExecutionResult, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse/lib/use/http';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from './config.js';
import { refuseHostileRequest, type GraphQLRequestBody } from './graphql/input-guard.js';
import type { Logger } from './logger.js';
import { refuseUnsignedEntities, type SignedRequest } from './gateway-signature.js';

/**
 * A handler for paths beside GraphQL (vector tiles, the map page): it answers and returns true,
 * or returns false for a path that is not its own.
 */
export type HttpRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServiceOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context: (request: { headers: HeaderMap; requestId: string }) => Promise<Context>;
  /** `/ready`: dependencies reachable (database, migrations, supergraph). */
  ready: () => Promise<Readiness>;
  /** `/metrics`: counters as JSON, read by tests and the benchmark. */
  metrics?: () => Record<string, number>;
  log: Logger;
  host: string;
  port: number;
  /** Fixed responses by path (the gateway's offline GraphiQL); `/graphiql` also answers browsers on `/graphql`. */
  staticAssets?: Map<string, { contentType: string; body: Buffer | string }>;
  /** Tried in order before GraphQL. */
  routes?: HttpRoute[];
  /** A subgraph's SUBGRAPH_SIGNING_SECRET: `_entities` is answered only to requests the gateway signed with it. */
  gatewaySecret?: string;
  /** Called after the HTTP server stopped taking requests and in-flight ones finished. */
  onClose?: () => Promise<void>;
  /**
   * Subscriptions over GraphQL-over-SSE (graphql-sse, distinct connections: one stream per
   * subscription, the way Hive Gateway asks a subgraph) on the same port and path as Apollo.
   */
  subscriptions?: {
    schema: GraphQLSchema;
    /** The caller is checked before the stream opens: a rejection is the error to answer. */
    authenticate: (headers: HeaderMap) => Promise<unknown>;
    formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
    /** Ends every live subscription; called first on close, so the server can stop. */
    endAll: () => void;
  };
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

/** A body over MAX_BODY_BYTES: answered 413 with a coded JSON error, not a 500. */
class BodyTooLarge extends Error {}

/** How much of an oversized body is read (and dropped) so the client gets the 413 instead of a reset. */
const DRAIN_FACTOR = 4;

/** A request id comes from the caller (gateway → subgraph) or is made here, and is logged on every line. */
export const REQUEST_ID_HEADER = 'x-request-id';

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes * DRAIN_FACTOR) {
      request.destroy();
      break;
    }
    if (size <= maxBytes) chunks.push(chunk as Buffer);
  }
  if (size > maxBytes) throw new BodyTooLarge();
  return Buffer.concat(chunks).toString('utf8');
}

function toHeaderMap(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** A GET request's operation, as Apollo will read it; variables that are not JSON are Apollo's to refuse. */
function queryStringRequest(url: URL): GraphQLRequestBody {
  let variables: unknown;
  try {
    variables = JSON.parse(url.searchParams.get('variables') ?? 'null');
  } catch {
    variables = undefined;
  }
  return { query: url.searchParams.get('query') ?? undefined, variables };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

export type OperationalEndpoints = Pick<HttpServiceOptions<BaseContext>, 'ready' | 'metrics' | 'staticAssets' | 'routes'>;

/**
 * `/health`, `/ready`, `/metrics`, the extra routes and the static pages, the same on every
 * service whatever serves its GraphQL; true when the request was one of them and has been answered.
 */
export async function serveOperational(request: IncomingMessage, response: ServerResponse, options: OperationalEndpoints): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') {
    sendJson(response, 200, { status: 'up' });
    return true;
  }
  if (url.pathname === '/ready') {
    const { ready, unavailable } = await options.ready();
    sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...(unavailable?.length ? { unavailable } : {}) });
    return true;
  }
  if (url.pathname === '/metrics') {
    sendJson(response, 200, options.metrics?.() ?? {});
    return true;
  }
  for (const route of options.routes ?? []) if (await route(request, response, url)) return true;
  const wantsPage =
    request.method === 'GET' && !url.search && (request.headers.accept ?? '').includes('text/html') && url.pathname !== '/graphiql';
  const staticAsset = options.staticAssets?.get(wantsPage ? '/graphiql' : url.pathname);
  if (staticAsset && (wantsPage || request.method === 'GET')) {
    response.writeHead(200, { 'content-type': staticAsset.contentType, 'cache-control': 'public, max-age=3600' });
    response.end(staticAsset.body);
    return true;
  }
  return false;
}

/**
 * A plain `node:http` server in front of Apollo (`executeHTTPGraphQLRequest`): the same small
 * handler serves every subgraph and the gateway, with the operational endpoints beside it.
 */
export async function startHttpService<Context extends BaseContext>(
  options: HttpServiceOptions<Context>,
): Promise<RunningService> {
  await options.apollo.start();

  const subscriptions = options.subscriptions && eventStreamHandler(options, options.subscriptions);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (await serveOperational(request, response, options)) return;
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(response, 404, { error: 'not found' });
    if (subscriptions && (request.headers.accept ?? '').includes('text/event-stream')) return subscriptions(request, response);

    const headers = toHeaderMap(request);
    const requestId = headers.get(REQUEST_ID_HEADER) || randomUUID();
    const maxBodyBytes = loadConfig().MAX_BODY_BYTES;
    let rawBody = '';
    try {
      if (request.method === 'POST') rawBody = await readBody(request, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) throw error;
      return sendJson(response, 413, {
        errors: [{ message: `the request body exceeds MAX_BODY_BYTES (${maxBodyBytes} bytes)`, extensions: { code: 'LIMIT_EXCEEDED', limit: 'bodyBytes' } }],
      });
    }
    let body: unknown;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return sendJson(response, 400, { errors: [{ message: 'body is not JSON', extensions: { code: 'BAD_REQUEST' } }] });
      }
    }
    const refused = refuseHostileRequest((body as GraphQLRequestBody | undefined) ?? queryStringRequest(url));
    if (refused) return sendJson(response, 400, { errors: [{ message: refused.message, extensions: refused.extensions }] });
    const unsigned = options.gatewaySecret && refuseUnsignedEntities((body as SignedRequest | undefined) ?? queryStringRequest(url), options.gatewaySecret);
    if (unsigned) return sendJson(response, 403, { errors: [unsigned] });
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: request.method ?? 'GET',
      headers,
      search: url.search,
      body,
    };
    const result = await options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context({ headers, requestId }),
    });
    response.statusCode = result.status ?? 200;
    for (const [name, value] of result.headers) response.setHeader(name, value);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.log.error({ err: error }, 'request failed outside GraphQL');
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'internal server error' }] });
      else response.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://${options.host}:${port}/graphql`;
  options.log.info({ url }, 'listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      // End the subscription streams, stop taking connections, let in-flight requests finish,
      // then release the pools.
      options.subscriptions?.endAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await options.apollo.stop();
      await options.onClose?.();
    })();
    return closing;
  };
  return { url, port, close };
}

function eventStreamHandler<Context extends BaseContext>(
  options: HttpServiceOptions<Context>,
  subscriptions: NonNullable<HttpServiceOptions<Context>['subscriptions']>,
) {
  const format = (result: ExecutionResult): ExecutionResult => {
    if (!result.errors) return result;
    // Serialised as JSON like every answer: the formatted errors stand in for the GraphQLErrors.
    const errors = result.errors.map((error) => subscriptions.formatError(error.toJSON(), error));
    return { ...result, errors: errors as unknown as ExecutionResult['errors'] };
  };
  const handler = createSseHandler<Context>({
    schema: subscriptions.schema,
    // Distinct connections only: a stream per subscription, nothing kept between requests.
    authenticate: () => null,
    onSubscribe: async (request) => {
      try {
        await subscriptions.authenticate(toHeaderMap(request.raw));
      } catch (error) {
        const formatted = subscriptions.formatError({ message: (error as Error).message, extensions: (error as { extensions?: Record<string, unknown> }).extensions }, error);
        return [JSON.stringify({ errors: [formatted] }), { status: 401, statusText: 'Unauthorized', headers: { 'content-type': 'application/json' } }];
      }
    },
    context: (request) => {
      const headers = toHeaderMap(request.raw);
      return options.context({ headers, requestId: headers.get(REQUEST_ID_HEADER) || randomUUID() });
    },
    onNext: (_context, _request, result) => format(result as ExecutionResult),
  });
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      await handler(request, response);
    } catch (error) {
      options.log.error({ err: error }, 'subscription stream failed');
      if (!response.headersSent) sendJson(response, 500, { errors: [{ message: 'internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else response.end();
    }
  };
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
