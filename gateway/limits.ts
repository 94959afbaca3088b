import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor, EnvelopArmor } from '@escape.tech/graphql-armor';
import type { GraphQLArmorCallbackConfiguration, GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Config } from '../services/kernel/config.js';

/**
 * Depth, aliases, cost, tokens and directives are bounded at the gateway, before any subgraph
 * is asked (docs/architecture.md §6). Rejections carry `extensions.limit` and the contract's
 * LIMIT_EXCEEDED; field and enum suggestions ("did you mean …") are off in production. The same
 * settings serve both engines: graphql-armor's Apollo plugins and its envelop plugins (Hive).
 */
function rejectAs(limit: string): GraphQLArmorCallbackConfiguration {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        const rejection = new GraphQLError(error.message, { extensions: { code: 'LIMIT_EXCEEDED', limit } });
        // The token limit is checked while parsing, where there is no validation context to
        // report to: throwing stops the parser (without this, nothing was rejected).
        if (!context) throw rejection;
        context.reportError(rejection);
      },
    ],
  };
}

function armorConfig(config: Config): GraphQLArmorConfig {
  return {
    maxDepth: { n: config.QUERY_MAX_DEPTH, ignoreIntrospection: true, ...rejectAs('depth') },
    maxAliases: { n: config.QUERY_MAX_ALIASES, ...rejectAs('aliases') },
    costLimit: { maxCost: config.QUERY_MAX_COST, ignoreIntrospection: true, ...rejectAs('cost') },
    maxTokens: { n: config.QUERY_MAX_TOKENS, ...rejectAs('tokens') },
    maxDirectives: { n: config.QUERY_MAX_DIRECTIVES, ...rejectAs('directives') },
    blockFieldSuggestion: { enabled: config.isProduction },
  };
}

export function queryLimits<Context extends BaseContext>(config: Config) {
  const { plugins, validationRules } = new ApolloArmor(armorConfig(config)).protect();
  // graphql-armor is typed against Apollo's CommonJS build and we load the ESM one: same runtime
  // object, two declarations of it.
  return { plugins: plugins as unknown as ApolloServerPlugin<Context>[], validationRules };
}

/** The same limits as envelop plugins, for Hive Gateway. */
export function envelopQueryLimits(config: Config) {
  return new EnvelopArmor(armorConfig(config)).protect().plugins;
}
