import { describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';
import { countSum, fetchAll, fetchTile, insideExtent, tilesFor } from './support.js';

/** The projects layer: every project counted once per zoom, planned jobs summed exactly, the GraphQL filter names. */

interface Node { id: string; plannedJobsTotal: number; location: { lat: number; lon: number } }

async function graphqlProjects(filter: Record<string, unknown>): Promise<Node[]> {
  const nodes: Node[] = [];
  for (let after: string | null = null, more = true; more; ) {
    const page: { investmentProjects: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Node }[] } } = expectData(
      await federation.query(
        `query Page($filter: InvestmentProjectFilter, $after: String) { investmentProjects(filter: $filter, first: 500, after: $after) {
           pageInfo { hasNextPage endCursor } edges { node { id plannedJobsTotal location { lat lon } } } } }`,
        { filter, after },
      ),
    );
    nodes.push(...page.investmentProjects.edges.map((edge) => edge.node));
    more = page.investmentProjects.pageInfo.hasNextPage;
    after = page.investmentProjects.pageInfo.endCursor;
  }
  return nodes;
}

describe('project tiles', () => {
  const filters: Record<string, string>[] = [{}, { sectorPrefix: '06', status: 'CONSTRUCTION' }];
  for (const filter of filters) {
    it(`count and planned jobs over each zoom equal the GraphQL list for ${JSON.stringify(filter)}`, async () => {
      const nodes = await graphqlProjects(filter);
      expect(nodes.length).toBeGreaterThan(0);
      const jobs = nodes.reduce((sum, node) => sum + node.plannedJobsTotal, 0);
      for (const z of [3, 8, 13]) {
        const tiles = await fetchAll('projects', tilesFor(z, nodes.map((node) => node.location)), filter);
        const inside = tiles.flatMap(({ features }) => features.filter(insideExtent));
        expect({ z, count: countSum(tiles) }).toEqual({ z, count: nodes.length });
        expect({ z, jobs: inside.reduce((sum, feature) => sum + Number(feature.properties.plannedJobs), 0) }).toEqual({ z, jobs });
      }
    });
  }

  it('gives a project alone at its place its card at a high zoom', async () => {
    const nodes = await graphqlProjects({ regionCode: 'KZ-23' });
    const alone = nodes.find((node) => nodes.filter((other) => other.location.lat === node.location.lat && other.location.lon === node.location.lon).length === 1)!;
    const [tile] = tilesFor(14, [alone.location]);
    const features = await fetchTile('projects', tile!, { regionCode: 'KZ-23' });
    const card = features.find((feature) => feature.properties.id === alone.id);
    expect(card?.properties).toMatchObject({ count: 1, cluster: false, plannedJobs: alone.plannedJobsTotal });
  });

  it('refuses a bad filter as it refuses it in GraphQL', async () => {
    const response = await fetch(`${new URL(federation.gatewayUrl()).origin}/tiles/projects/3/5/2.mvt?regionCode=KZ-99`);
    expect(response.status).toBe(400);
  });
});
