import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { capText, withoutSuggestions } from '../../services/kernel/errors.js';

/**
 * A document that does not parse or validate is the caller's mistake. Apollo Server answers it
 * with GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED; Hive Gateway with no code at all,
 * which the error mapping (services/kernel/errors.ts) would mask as an internal error in
 * production. The same codes on every engine; in production without graphql-js's suggestions
 * of field and enum names (graphql-armor's filter knows only the field ones).
 */
function withCode(error: GraphQLError, code: string, isProduction: boolean): GraphQLError {
  // graphql-js quotes literals whole: a 1 MB enum literal would come back as a 1 MB message.
  const message = capText(isProduction ? withoutSuggestions(error.message) : error.message);
  if (error.extensions.code && error.extensions.http && message === error.message) return error;
  return new GraphQLError(message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    // A request error of the GraphQL over HTTP spec: HTTP 400 to a client that accepts
    // application/graphql-response+json, 200 to one that asks for application/json (Yoga reads `spec`).
    extensions: { code, ...error.extensions, http: { spec: true, status: 400 } },
  });
}

export function requestErrorCodes(options: { isProduction: boolean }): GatewayPlugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError) replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED', options.isProduction));
      };
    },
    onValidate() {
      return ({ valid, result, setResult }) => {
        if (!valid) setResult(result.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED', options.isProduction)));
      };
    },
  };
}
