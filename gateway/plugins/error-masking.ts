import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { errorFormatter } from '../../services/kernel/errors.js';
import type { Logger } from '../../services/kernel/logger.js';

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
    const formatted: GraphQLFormattedError = graphqlError?.toJSON() ?? { message: error instanceof Error ? error.message : String(error) };
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
