import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { authenticateRequest } from '../../services/kernel/subgraph.js';

/**
 * A bad token rejects the request (401, UNAUTHENTICATED) before planning, as in the Apollo
 * gateway; every subgraph verifies the forwarded token again (docs/architecture.md §5).
 */
export const authenticate: GatewayPlugin = {
  onContextBuilding: async ({ context }) => {
    await authenticateRequest(context.request.headers.get('authorization') ?? undefined);
  },
};
