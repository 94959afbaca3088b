import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorCallbackConfiguration } from '@escape.tech/graphql-armor-types';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Config } from '../services/kernel/config.js';

/**
 * Depth, aliases, cost, tokens and directives are bounded at the gateway, before any subgraph
 * is asked (docs/architecture.md §6). Rejections carry `extensions.limit`, which the error formatter turns
 * into LIMIT_EXCEEDED; field suggestions ("did you mean …") are off in production.
 */
function rejectAs(limit: string): GraphQLArmorCallbackConfiguration {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) =>
        context?.reportError(new GraphQLError(error.message, { extensions: { code: 'LIMIT_EXCEEDED', limit } })),
    ],
  };
}

export function queryLimits<Context extends BaseContext>(config: Config) {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: config.QUERY_MAX_DEPTH, ignoreIntrospection: true, ...rejectAs('depth') },
    maxAliases: { n: config.QUERY_MAX_ALIASES, ...rejectAs('aliases') },
    costLimit: { maxCost: config.QUERY_MAX_COST, ignoreIntrospection: true, ...rejectAs('cost') },
    maxTokens: { n: config.QUERY_MAX_TOKENS, ...rejectAs('tokens') },
    maxDirectives: { n: 50, ...rejectAs('directives') },
    blockFieldSuggestion: { enabled: config.isProduction },
  }).protect();
  // graphql-armor is typed against Apollo's CommonJS build and we load the ESM one: same runtime
  // object, two declarations of it.
  return { plugins: plugins as unknown as ApolloServerPlugin<Context>[], validationRules };
}
