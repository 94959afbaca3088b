import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { Tracing } from '../../services/kernel/tracing.js';

/**
 * Hive Gateway's subgraph calls as client spans of the request's span (services/kernel/tracing.ts),
 * each sending its `traceparent` so the subgraph's span continues it. The fetch itself is wrapped,
 * so a call that fails (a subgraph down) ends its span as an error.
 */
export function subgraphSpans(tracing: Tracing): GatewayPlugin {
  return {
    onFetch({ url, options, setOptions, fetchFn, setFetchFn }) {
      const { host } = new URL(url);
      const call = tracing.outgoing(`subgraph ${host}`, { 'http.request.method': options.method ?? 'POST', 'server.address': host, 'url.full': url });
      setOptions({ ...options, headers: { ...options.headers, ...call.headers } });
      setFetchFn(async (...args) => {
        try {
          const response = await fetchFn(...args);
          call.end(response.status);
          return response;
        } catch (error) {
          call.end(undefined, error);
          throw error;
        }
      });
    },
  };
}
