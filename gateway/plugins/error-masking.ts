import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { errorFormatter } from '../../services/kernel/errors.js';
import type { Logger } from '../../services/kernel/logger.js';

/**
 * Hive Gateway's `maskedErrors.maskError` over the project's one error mapping
 * (services/kernel/errors.ts): public codes pass with their message, anything else becomes
 * INTERNAL_SERVER_ERROR, without message, stack or SQL in production.
 */
/** Connection failures: the subgraph is down or unreachable, not broken. */
const UNREACHABLE = /ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|ETIMEDOUT|socket hang up|fetch failed|other side closed/;

/**
 * A field whose subgraph cannot be reached: SUBGRAPH_UNAVAILABLE at its path, naming the
 * subgraph but not its address (issue 17, item 1). The other subgraphs' fields still resolve.
 */
function unavailableSubgraph(error: unknown): GraphQLError | null {
  if (!(error instanceof GraphQLError)) return null;
  const subgraph = error.extensions.serviceName ?? error.extensions.subgraphName;
  if (typeof subgraph !== 'string') return null;
  const causes = [error.message, error.originalError?.message, (error.originalError as { code?: unknown } | undefined)?.code].join(' ');
  if (!UNREACHABLE.test(causes)) return null;
  return new GraphQLError(`the ${subgraph} subgraph is unavailable`, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph },
  });
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

export function maskError(options: { isProduction: boolean; log: Logger }) {
  const format = errorFormatter({
    isProduction: options.isProduction,
    onInternal: (error) => options.log.error({ err: error }, 'internal error'),
  });
  return (error: unknown): Error => {
    const unavailable = unavailableSubgraph(error);
    if (unavailable) return unavailable;
    const graphqlError = error instanceof GraphQLError ? error : undefined;
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
