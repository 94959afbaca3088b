import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { type ExecutionArgs, type GraphQLError, getOperationAST, getVariableValues } from 'graphql';
import { BadInput, capText } from '../../services/kernel/errors.js';

/**
 * A variable that does not coerce to its type (an unknown enum value, a missing required
 * field) is the caller's mistake: BAD_USER_INPUT naming the argument path, as Apollo Server
 * answers, before anything is planned. graphql-js says where in its message:
 * `Variable "$input" got invalid value "X" at "input.employmentType"; …`.
 */
function asBadInput(error: GraphQLError): BadInput {
  const at = /^Variable "\$\w+" got invalid value .*? at "([^"]+)";/.exec(error.message)?.[1];
  const variable = /^Variable "\$(\w+)"/.exec(error.message)?.[1];
  return new BadInput(capText(at ?? variable ?? 'variables'), capText(error.message));
}

function coercionErrors(args: ExecutionArgs): BadInput[] {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation?.variableDefinitions?.length) return [];
  const coerced = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {}, { maxErrors: 20 });
  return 'errors' in coerced && coerced.errors ? coerced.errors.map(asBadInput) : [];
}

export const coercionErrorsAsBadInput: GatewayPlugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const errors = coercionErrors(args);
    if (errors.length > 0) setResultAndStopExecution({ errors });
  },
  onSubscribe({ args, setResultAndStopExecution }) {
    const errors = coercionErrors(args);
    if (errors.length > 0) setResultAndStopExecution({ errors });
  },
};
