import { ApolloClient, gql, HttpLink, InMemoryCache } from '@apollo/client';
import { readFileSync } from 'node:fs';
import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { typePolicies } from '../clients/apollo-type-policies.js';
import { federation } from './support/federation.js';

/** The Apollo Client cache policies of clients/apollo-type-policies.ts, against the running gateway. */

const apiSchema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));

function newClient() {
  return new ApolloClient({
    link: new HttpLink({ uri: federation.gatewayUrl() }),
    cache: new InMemoryCache({ typePolicies }),
  });
}

describe('the Apollo Client type policies', () => {
  it('name only types and fields the schema has', () => {
    const unknown: string[] = [];
    for (const [typeName, policy] of Object.entries(typePolicies)) {
      const type = apiSchema.getType(typeName);
      if (!isObjectType(type)) {
        unknown.push(typeName);
        continue;
      }
      const fields = 'fields' in policy ? Object.keys(policy.fields) : [];
      for (const field of fields) if (!type.getFields()[field]) unknown.push(`${typeName}.${field}`);
    }
    expect(unknown).toEqual([]);
  });

  it('normalises a region by its code, so two queries about it share one cache entry', async () => {
    const client = newClient();
    await client.query({ query: gql`query RegionName { region(code: "KZ-35") { code name } }` });
    await client.query({
      query: gql`query VacancyRegions { vacancies(area: { regionCode: "KZ-35" }, first: 2) { edges { node { id region { code population } } } } }`,
    });
    const cache = client.cache.extract() as Record<string, Record<string, unknown>>;
    const region = cache['Region:{"code":"KZ-35"}'];
    expect(region).toMatchObject({ code: 'KZ-35', name: 'Karaganda Region', population: expect.any(Number) });
    expect(Object.keys(cache).filter((key) => key.startsWith('Region:'))).toEqual(['Region:{"code":"KZ-35"}']);
  });

  it('stores a region selected without its code inside its parent instead of failing', async () => {
    const client = newClient();
    const { data } = await client.query<{ vacancies: { edges: { node: { id: string; region: { name: string } } }[] } }>({
      query: gql`query VacancyRegionNames { vacancies(first: 1) { edges { node { id region { name } } } } }`,
    });
    expect(data?.vacancies.edges[0]?.node.region.name).toEqual(expect.any(String));
  });

  it('appends the next page of a connection to the list cached for the same arguments', async () => {
    const client = newClient();
    const query = gql`
      query EnterprisePages($after: String) {
        enterprises(first: 2, after: $after, orderBy: NAME) { edges { cursor node { id name } } pageInfo { endCursor hasNextPage } }
      }
    `;
    type Page = { enterprises: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } };
    const first = await client.query<Page>({ query });
    // What fetchMore does: ask the network for the next page and merge it into the cached field.
    await client.query<Page>({ query, variables: { after: first.data!.enterprises.pageInfo.endCursor }, fetchPolicy: 'network-only' });
    const merged = client.readQuery<Page>({ query });
    const ids = merged?.enterprises.edges.map((edge) => edge.node.id) ?? [];
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });
});
