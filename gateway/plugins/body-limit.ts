import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * A body declared larger than MAX_BODY_BYTES is answered 413 with LIMIT_EXCEEDED before Hive
 * reads it, as every subgraph does (services/kernel/http.ts). A chunked body without a length
 * is bounded by the subgraphs only.
 */
export function bodyLimit(maxBytes: number): GatewayPlugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (!(Number(request.headers.get('content-length')) > maxBytes)) return;
      const error = {
        message: `the request body exceeds MAX_BODY_BYTES (${maxBytes} bytes)`,
        extensions: { code: 'LIMIT_EXCEEDED', limit: 'bodyBytes' },
      };
      endResponse(fetchAPI.Response.json({ errors: [error] }, { status: 413 }));
    },
  };
}
