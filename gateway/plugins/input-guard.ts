import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { refuseHostileRequest } from '../../services/kernel/graphql/input-guard.js';

/**
 * The kernel's pre-parse check (services/kernel/graphql/input-guard.ts) at the gateway: a
 * document or variables nested deeper than MAX_NESTING_DEPTH, or a NUL in a variable, is
 * BAD_USER_INPUT with HTTP 400 before Hive parses, validates or plans anything, so nothing
 * recurses over a hostile depth (issue 17, item 8).
 */
export const refuseHostileInput: GatewayPlugin = {
  onParams({ params, setResult }) {
    const problem = refuseHostileRequest(params);
    if (problem) {
      setResult({ errors: [new GraphQLError(problem.message, { extensions: { ...problem.extensions, http: { status: 400 } } })] });
    }
  },
};
