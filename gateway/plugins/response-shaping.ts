import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * How the gateway answers over HTTP (issue 17): never later than a deadline. Event streams
 * (subscriptions over SSE) are left alone: a stream is meant to last.
 */

const isEventStream = (contentTypeOrAccept: string | null) => (contentTypeOrAccept ?? '').includes('text/event-stream');

/**
 * A request still unanswered after `timeoutMs` gets HTTP 504 and TIMEOUT, whatever it waits
 * for; the subgraphs bound their own statements (STATEMENT_TIMEOUT_MS) and stop on their own.
 */
export function requestDeadline(timeoutMs: number): GatewayPlugin {
  return {
    onRequest({ request, requestHandler, setRequestHandler, fetchAPI }) {
      if (!(timeoutMs > 0) || isEventStream(request.headers.get('accept'))) return;
      setRequestHandler(
        (deadlined, context) =>
          new Promise<Response>((resolve, reject) => {
            const timer = setTimeout(() => {
              const body = { errors: [{ message: `the request took longer than the gateway deadline of ${timeoutMs} ms`, extensions: { code: 'TIMEOUT' } }] };
              resolve(fetchAPI.Response.json(body, { status: 504 }));
            }, timeoutMs);
            Promise.resolve(requestHandler(deadlined, context)).then(
              (answer) => {
                clearTimeout(timer);
                resolve(answer);
              },
              (error: unknown) => {
                clearTimeout(timer);
                reject(error);
              },
            );
          }),
      );
    },
  };
}
