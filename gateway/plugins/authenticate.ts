import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { authenticateRequest } from '../../services/kernel/auth.js';

/**
 * A bad token rejects the request (401, UNAUTHENTICATED) before planning, as in the Apollo
 * gateway; every subgraph verifies the forwarded token again (docs/architecture.md §5). The
 * caller is kept in the context for the per-caller subscription limit (gateway/subscriptions.ts).
 */
export const authenticate: GatewayPlugin = {
  onContextBuilding: async ({ context, extendContext }) => {
    const principal = await authenticateRequest(context.request.headers.get('authorization') ?? undefined);
    extendContext({ principal } as never);
  },
};
