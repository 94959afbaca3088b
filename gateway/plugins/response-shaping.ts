import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * How the gateway answers over HTTP (issue 17): compressed when large, and never later than a
 * deadline. Both leave event streams (subscriptions over SSE) alone: a stream is meant to last
 * and its events must not wait in a compressor's buffer.
 */

const isEventStream = (contentTypeOrAccept: string | null) => (contentTypeOrAccept ?? '').includes('text/event-stream');

/** gzip for a JSON answer of at least `minBytes` when the client accepts it (a 962 kB `regions { boundary }` → ~300 kB). */
export function compressLargeResponses(minBytes: number): GatewayPlugin {
  return {
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (!(minBytes > 0) || !response.body || response.headers.has('content-encoding')) return;
      const accepted = (request.headers.get('accept-encoding') ?? '').split(',').map((encoding) => encoding.trim().split(';')[0]);
      const type = response.headers.get('content-type');
      if (!accepted.includes('gzip') || isEventStream(type) || !(type ?? '').includes('json')) return;
      const length = Number(response.headers.get('content-length'));
      if (!(length >= minBytes)) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-encoding', 'gzip');
      headers.delete('content-length');
      headers.append('vary', 'accept-encoding');
      setResponse(
        new fetchAPI.Response(response.body.pipeThrough(new fetchAPI.CompressionStream('gzip')), { status: response.status, statusText: response.statusText, headers }),
      );
    },
  };
}

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
