import { type GatewayPlugin, type GatewayRuntime, getGraphQLWSOptions } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Principal } from '../services/kernel/auth.js';
import type { Config } from '../services/kernel/config.js';
import { LimitExceeded } from '../services/kernel/errors.js';
import { type ClientBuffers, SLOW_CONSUMER_CLOSE_CODE } from '../services/kernel/events/client-buffers.js';
import type { Logger } from '../services/kernel/logger.js';
import { REQUEST_ID_HEADER } from '../services/kernel/http.js';

/**
 * Subscriptions at the gateway (docs/architecture.md §14). Clients subscribe on `/graphql` over
 * GraphQL-over-SSE (Hive Gateway's own handler, the graphql-sse protocol's distinct connections:
 * one stream per subscription) or over graphql-ws (a WebSocket on the same path); the gateway
 * subscribes to the owning subgraph over SSE and resolves every event's other fields through
 * the federation, as for a query.
 */

/** Who a subscription counts against: the token's subject, else the caller's address. */
function callerOf(context: { principal?: Principal | null; req?: IncomingMessage }): string {
  if (context.principal) return `sub:${context.principal.subject}`;
  return `address:${context.req?.socket?.remoteAddress ?? 'unknown'}`;
}

/**
 * SUBSCRIPTIONS_PER_CALLER live subscriptions per caller, over every connection and transport;
 * `open` is how many are live in all (`/metrics`).
 */
export function subscriptionsPerCaller(config: Config): { plugin: GatewayPlugin; open: () => number } {
  const live = new Map<string, number>();
  let open = 0;
  const limit = config.SUBSCRIPTIONS_PER_CALLER;
  const plugin: GatewayPlugin = {
    onSubscribe({ args, setResultAndStopExecution }) {
      const caller = callerOf(args.contextValue as Parameters<typeof callerOf>[0]);
      const count = live.get(caller) ?? 0;
      if (count >= limit) {
        setResultAndStopExecution({ errors: [new LimitExceeded('subscriptions per caller', limit)] });
        return;
      }
      live.set(caller, count + 1);
      open += 1;
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        open -= 1;
        const left = (live.get(caller) ?? 1) - 1;
        if (left > 0) live.set(caller, left);
        else live.delete(caller);
      };
      return {
        onSubscribeError: end,
        onSubscribeResult: ({ result }) => {
          // A result that is not a stream (an error before subscribing) ends at once.
          if (!(result && typeof result === 'object' && Symbol.asyncIterator in result)) {
            end();
            return;
          }
          return { onEnd: end };
        },
      };
    },
  };
  return { plugin, open: () => open };
}

/**
 * graphql-ws on the gateway's HTTP server, path `/graphql`. A WebSocket has no per-message
 * headers: the token comes in the connection_init payload (`{ "authorization": "Bearer …" }`) or
 * on the upgrade request, and each operation runs with it as its Authorization header, so the
 * bad-token rejection, the limits and the token forwarding are the HTTP ones. At most
 * SUBSCRIPTIONS_PER_CONNECTION live subscriptions per socket; pings every
 * SUBSCRIPTION_HEARTBEAT_SECONDS end dead links.
 *
 * graphql-ws's server glued to `ws` here rather than by its `useServer`, whose `send` waits for
 * each message to reach the client: a stalled client would hold its events back upstream, where
 * they pile up, and never be dropped. Here a message is sent at once unless the socket already
 * holds SUBSCRIPTION_BUFFER_BYTES unread; then the socket is closed with 4413 (a slow consumer).
 */
export function serveGraphqlWs(
  runtime: GatewayRuntime,
  server: Server,
  options: { config: Config; buffers: ClientBuffers; log: Logger; url: () => string },
): { close: () => Promise<void> } {
  const { config, buffers, log } = options;
  const wsServer = new WebSocketServer({ server, path: '/graphql', handleProtocols });
  const runtimeOptions = getGraphQLWSOptions<Record<string, unknown>, Extra>(runtime, (ctx) => {
    const fromInit = ctx.connectionParams?.authorization;
    const authorization = typeof fromInit === 'string' ? fromInit : ctx.extra.request.headers.authorization;
    const requestId = ctx.extra.request.headers[REQUEST_ID_HEADER];
    const headers: Record<string, string> = {};
    if (authorization) headers.authorization = authorization;
    if (typeof requestId === 'string') headers[REQUEST_ID_HEADER] = requestId;
    return { request: new Request(options.url(), { headers }), req: ctx.extra.request };
  });
  const perConnection = config.SUBSCRIPTIONS_PER_CONNECTION;
  const graphqlWs = makeServer<Record<string, unknown>, Extra>({
    ...runtimeOptions,
    onSubscribe: (ctx, id, payload) => {
      const live = Object.values(ctx.subscriptions).filter(Boolean).length;
      if (live >= perConnection) {
        const error = new LimitExceeded('subscriptions per connection', perConnection);
        return [new GraphQLError(error.message, { extensions: error.extensions })];
      }
      return runtimeOptions.onSubscribe?.(ctx, id, payload);
    },
  });
  const heartbeatMs = config.SUBSCRIPTION_HEARTBEAT_SECONDS * 1000;
  wsServer.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      log.warn({ err: error }, 'WebSocket failed');
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    const send = (data: string) => {
      if (socket.readyState !== socket.OPEN) return;
      if (buffers.admits(socket.bufferedAmount, Buffer.byteLength(data))) {
        socket.send(data);
        return;
      }
      dropSlowConsumer(socket, buffers);
    };
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const heartbeat = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, heartbeatMs);
    const closed = graphqlWs.opened(
      {
        protocol: socket.protocol,
        send,
        close: (code, reason) => socket.close(code, reason),
        onMessage: (onMessage) =>
          socket.on('message', (message) => {
            onMessage(String(message)).catch((error: unknown) => {
              log.error({ err: error }, 'WebSocket message failed');
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(heartbeat);
      void closed(code, String(reason));
    });
  });
  return {
    close: async () => {
      // Going away (1001): clients reconnect to another gateway instead of waiting on this one.
      for (const client of wsServer.clients) client.close(1001, 'gateway shutting down');
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
    },
  };
}

/**
 * Closes a slow consumer's socket with 4413 and the reason; the close frame waits behind what
 * the client has not read, so a client that reads none of it is cut after the grace period.
 * The socket takes no more messages meanwhile (it is no longer OPEN).
 */
function dropSlowConsumer(socket: WebSocket, buffers: ClientBuffers): void {
  socket.close(SLOW_CONSUMER_CLOSE_CODE, buffers.overflow().message);
  setTimeout(() => socket.terminate(), buffers.graceMs).unref();
}
