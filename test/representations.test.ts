import { describe, expect, it } from 'vitest';
import { federation } from './support/federation.js';

/**
 * `_entities` representations are input like any argument (issue 17, items 4 and 5): a subgraph
 * checks them with the same limits and codes before any SQL, and a representation of a type that
 * is not one of its entities is BAD_USER_INPUT. A bad representation fails only its own entry.
 */

const NEARBY = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on ResettlementZone { nearbyVacancies(first: 1) { totalCount } } } }`;

/** A closed ring of `vertices` positions around a point in Karaganda region. */
function ring(vertices: number): number[][] {
  const positions = Array.from({ length: vertices - 1 }, (_, index) => {
    const angle = (2 * Math.PI * index) / (vertices - 1);
    return [73.1 + 0.2 * Math.cos(angle), 49.8 + 0.2 * Math.sin(angle)];
  });
  return [...positions, positions[0]!];
}
const zone = (area: unknown) => ({ __typename: 'ResettlementZone', id: '00000000-0000-4000-8000-000000000001', area });

type Entities = { _entities: ({ nearbyVacancies?: { totalCount: number } } | null)[] };

describe('ResettlementZone representations at the vacancies subgraph', () => {
  it('refuses an area over MAX_POLYGON_VERTICES with LIMIT_EXCEEDED, without asking PostGIS', async () => {
    let response: Awaited<ReturnType<typeof federation.querySubgraph<Entities>>> | undefined;
    const statements = await federation.countStatements('vacancies', async () => {
      response = await federation.querySubgraph<Entities>('vacancies', NEARBY, {
        representations: [zone({ type: 'Polygon', coordinates: [ring(200_000)] })],
      });
    });
    expect(response?.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', argument: 'representations.0.area' });
    // Not one statement: the 10-18 s of PostGIS work such an area cost before never starts.
    expect(statements).toBe(0);
  });

  it.each([
    ['a string', 'garbage'],
    ['a number', 42],
    ['a point', { type: 'Point', coordinates: [73.1, 49.8] }],
    ['an open ring', { type: 'Polygon', coordinates: [ring(10).slice(0, -1)] }],
  ])('refuses %s as an area with BAD_USER_INPUT', async (_case, area) => {
    const response = await federation.querySubgraph<Entities>('vacancies', NEARBY, { representations: [zone(area)] });
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(response.errors?.[0]?.extensions?.argument).toMatch(/^representations\.0\.area/);
  });

  it('answers the valid representations beside a refused one', async () => {
    const response = await federation.querySubgraph<Entities>('vacancies', NEARBY, {
      representations: [zone({ type: 'Polygon', coordinates: [ring(20)] }), zone('garbage')],
    });
    expect(response.data?._entities[0]?.nearbyVacancies?.totalCount).toBeGreaterThanOrEqual(0);
    expect(response.data?._entities[1]).toBeNull();
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({ path: ['_entities', 1], extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('representations of types a subgraph does not resolve', () => {
  it.each([
    ['a type that is not an entity', 'resettlement', { __typename: 'ResettlementApplication', id: '00000000-0000-4000-8000-000000000001' }],
    ['a type the subgraph does not have', 'resettlement', { __typename: 'NoSuchType', id: '1' }],
    ['a representation with no __typename', 'enterprises', { id: '1' }],
    ['a key of the wrong type', 'enterprises', { __typename: 'Enterprise', id: { $gt: '' } }],
  ])('refuses %s with BAD_USER_INPUT', async (_case, subgraph, representation) => {
    const response = await federation.querySubgraph(
      subgraph,
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }',
      { representations: [representation] },
    );
    expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(response.errors?.[0]?.extensions?.argument).toMatch(/^representations\.0/);
  });
});
