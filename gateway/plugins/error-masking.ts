import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { errorFormatter } from '../../services/kernel/errors.js';
import type { Logger } from '../../services/kernel/logger.js';

/** Connection failures: the subgraph is down or unreachable, not broken. */
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|socket hang up|fetch failed|other side closed/;

/** An error, or its cause, says the subgraph's address did not answer. */
export function isConnectionFailure(message: string, cause: unknown): boolean {
  const { message: causeMessage, code, cause: deeper } = (cause ?? {}) as { message?: unknown; code?: unknown; cause?: { code?: unknown } };
  return UNREACHABLE.test([message, causeMessage, code, deeper?.code].join(' '));
}

/**
 * Statuses a proxy or load balancer in front of a subgraph answers for it when it has no healthy
 * instance behind it or timed out reaching one: the subgraph is unavailable, as when refused.
 */
const PROXY_UNAVAILABLE = new Set([502, 503, 504]);

/** The proxy's status when the error is such an answer (both engines put it in `extensions.response`), else null. */
export function proxyUnavailableStatus(extensions: Record<string, unknown> | undefined): number | null {
  const response = extensions?.response;
  const status = response !== null && typeof response === 'object' ? (response as { status?: unknown }).status : undefined;
  return typeof status === 'number' && PROXY_UNAVAILABLE.has(status) ? status : null;
}

/**
 * A field whose subgraph cannot be reached: SUBGRAPH_UNAVAILABLE at its path, naming the
 * subgraph but not its address (docs/architecture.md §6). The other subgraphs' fields still
 * resolve. Both engines map their subgraph errors (`serviceName` from @apollo/gateway,
 * `subgraphName` from Hive) with it.
 */
export function unavailableSubgraph(
  error: { message: string; extensions?: Record<string, unknown> },
  cause: unknown,
): { message: string; extensions: { code: 'SUBGRAPH_UNAVAILABLE'; subgraph: string } } | null {
  const subgraph = error.extensions?.serviceName ?? error.extensions?.subgraphName;
  if (typeof subgraph !== 'string') return null;
  if (!isConnectionFailure(error.message, cause) && proxyUnavailableStatus(error.extensions) === null) return null;
  return { message: `the ${subgraph} subgraph is unavailable`, extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph } };
}

/**
 * What is not a GraphQLError as a formatted error. The Rust planner hands on a subgraph's
 * subscription errors as they came over the wire, plain `{ message, extensions, path }` objects:
 * read as such, they keep their code (UNAUTHENTICATED, BAD_USER_INPUT, …) instead of becoming
 * an internal error named "[object Object]".
 */
function asFormatted(error: unknown): GraphQLFormattedError {
  if (error instanceof Error) return { message: error.message };
  if (error !== null && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return error as GraphQLFormattedError;
  return { message: String(error) };
}

/**
 * Hive Gateway's `maskedErrors.maskError` over the project's one error mapping
 * (services/kernel/errors.ts): public codes pass with their message, anything else becomes
 * INTERNAL_SERVER_ERROR, without message, stack or SQL in production.
 */
export function maskError(options: { isProduction: boolean; log: Logger }) {
  const format = errorFormatter({
    isProduction: options.isProduction,
    onInternal: (error) => options.log.error({ err: error }, 'internal error'),
  });
  return (error: unknown): Error => {
    const graphqlError = error instanceof GraphQLError ? error : undefined;
    const unavailable = graphqlError && unavailableSubgraph(graphqlError, graphqlError.originalError);
    if (unavailable) {
      const { nodes, source, positions, path } = graphqlError;
      return new GraphQLError(unavailable.message, { nodes, source, positions, path, extensions: unavailable.extensions });
    }
    const formatted: GraphQLFormattedError = graphqlError?.toJSON() ?? asFormatted(error);
    const masked = format(formatted, graphqlError?.originalError ?? error);
    // Unchanged errors are returned as they are: Yoga logs every error its masking replaced.
    const unchanged =
      graphqlError && masked.message === graphqlError.message && JSON.stringify(masked.extensions) === JSON.stringify(formatted.extensions);
    if (unchanged) return graphqlError;
    return new GraphQLError(masked.message, {
      nodes: graphqlError?.nodes,
      source: graphqlError?.source,
      positions: graphqlError?.positions,
      path: masked.path ?? graphqlError?.path,
      extensions: masked.extensions,
    });
  };
}
