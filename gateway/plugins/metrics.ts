import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST } from 'graphql';
import { errorCodes, type ServiceMetrics } from '../../services/kernel/metrics.js';

interface Pending {
  started: number;
  operation: string | null | undefined;
}

/**
 * Hive Gateway's side of `/metrics` (services/kernel/metrics.ts): each HTTP GraphQL request from
 * its parameters to its result, under the name of the operation it ran (else the one it asked
 * for), and the codes of the errors it answers, after the error mapping.
 */
export function gatewayMetrics(metrics: ServiceMetrics): GatewayPlugin {
  const pending = new WeakMap<Request, Pending>();
  const named = ({ args }: { args: { document: Parameters<typeof getOperationAST>[0]; operationName?: string | null; contextValue: unknown } }) => {
    const request = (args.contextValue as { request?: Request }).request;
    const entry = request && pending.get(request);
    if (entry) entry.operation = getOperationAST(args.document, args.operationName)?.name?.value ?? entry.operation;
  };
  return {
    onParams({ request, params }) {
      pending.set(request, { started: performance.now(), operation: params.operationName });
    },
    onExecute: named,
    onSubscribe: named,
    onResultProcess({ request, result }) {
      const entry = pending.get(request);
      if (!entry) return;
      pending.delete(request);
      // A subscription's stream counts once, when it opens; its events' errors are not answers to a request.
      const results = Symbol.asyncIterator in result ? [] : Array.isArray(result) ? result : [result];
      metrics.observe(
        entry.operation,
        (performance.now() - entry.started) / 1000,
        results.flatMap((one) => errorCodes(one.errors as { extensions?: Record<string, unknown> }[] | undefined)),
      );
    },
  };
}
