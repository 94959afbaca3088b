import { describe, expect, it } from 'vitest';
import { gatewaySignature } from '../services/kernel/gateway-signature.js';
import { expectData, federation } from './support/federation.js';

/**
 * A subgraph answers `_entities` only to requests the gateway signed (issue 17, item 4;
 * docs/architecture.md §5), and the gateway's own entity fetches carry that signature.
 */

const ZONE_ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Region { code name } } }`;
const representations = [{ __typename: 'Region', code: 'KZ-35' }];

async function entitiesStatus(signature: string | null) {
  const response = await fetch(federation.subgraphUrl('enterprises'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: ZONE_ENTITIES, variables: { representations }, ...(signature ? { extensions: { 'hmac-signature': signature } } : {}) }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

describe('gateway signatures on _entities', () => {
  it('refuse an unsigned _entities request with FORBIDDEN before it runs', async () => {
    const { status, body } = await entitiesStatus(null);
    expect(status).toBe(403);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuse a signature made with another secret', async () => {
    const { status, body } = await entitiesStatus(gatewaySignature('x'.repeat(32), { query: ZONE_ENTITIES, variables: { representations } }));
    expect(status).toBe(403);
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuse a signature of other representations', async () => {
    const other = [{ __typename: 'Region', code: 'KZ-55' }];
    const { status } = await entitiesStatus(gatewaySignature(federation.signingSecret(), { query: ZONE_ENTITIES, variables: { representations: other } }));
    expect(status).toBe(403);
  });

  it('answer the signed request', async () => {
    const { status, body } = await entitiesStatus(gatewaySignature(federation.signingSecret(), { query: ZONE_ENTITIES, variables: { representations } }));
    expect(status).toBe(200);
    expect(body).toEqual({ data: { _entities: [{ code: 'KZ-35', name: expect.any(String) }] } });
  });

  it('leave the rest of a subgraph open to direct callers, who still need their own token', async () => {
    expectData(await federation.querySubgraph('enterprises', '{ enterprises(first: 1) { totalCount } }', {}, { signature: null }));
  });

  it('are made by the gateway: a query across subgraphs resolves', async () => {
    const data = expectData(await federation.query<{ vacancies: { edges: { node: { enterprise: { name: string } | null } }[] } }>(
      '{ vacancies(first: 2) { edges { node { enterprise { name hazardClass } } } } }',
    ));
    for (const edge of data.vacancies.edges) expect(edge.node.enterprise?.name).toEqual(expect.any(String));
  });
});
