import { describe, expect, it } from 'vitest';
import { expectData, federation } from './support/federation.js';

/** The three headline questions of docs/architecture.md §4, each one request through the gateway. */
const SPECIAL_PAYMENTS = `{ hazardousWorkPayments(area: { near: { point: { lat: 49.80, lon: 73.10 }, radiusKm: 50 } }) {
  enterprises eligibleWorkers monthlyTotalTenge byRegion { region { code name } eligibleWorkers } } }`;
// A threshold no other test asks for: answers are cached per request (SHORTAGES_CACHE_SECONDS).
const SHORTAGES = `{ staffingShortages(groupBy: REGION, minOpenDays: 45) { region { code name boundary(simplifyMeters: 2000) } openVacancies medianOpenDays } }`;
const zonesQuery = (zoneFilter: string) => `{ resettlementZones(${zoneFilter}) { name region { name }
  nearbyVacancies(radiusKm: 30, filter: { housingProvided: true }) { edges { distanceKm
    node { title salaryMinTenge enterprise { name hazardClass specialPayment { eligibleWorkers } } } } } } }`;

const SUBGRAPHS = ['regions', 'enterprises', 'vacancies', 'resettlement'];

async function statementsPerSubgraph(query: string): Promise<{ data: Record<string, unknown>; statements: Record<string, number> }> {
  const before = await Promise.all(SUBGRAPHS.map((name) => federation.sqlStatements(name)));
  const data = expectData(await federation.query(query));
  const after = await Promise.all(SUBGRAPHS.map((name) => federation.sqlStatements(name)));
  return { data, statements: Object.fromEntries(SUBGRAPHS.map((name, index) => [name, after[index]! - before[index]!])) };
}

interface ZoneAnswer {
  resettlementZones: { nearbyVacancies: { edges: { node: { enterprise: { name: string } } }[] } }[];
}

describe('headline questions', () => {
  it('1. special payments around Karaganda: totals by region add up', async () => {
    const { data } = await statementsPerSubgraph(SPECIAL_PAYMENTS);
    const report = (data as { hazardousWorkPayments: { eligibleWorkers: number; byRegion: { eligibleWorkers: number; region: { name: string } }[] } })
      .hazardousWorkPayments;
    expect(report.eligibleWorkers).toBeGreaterThan(0);
    expect(report.byRegion.reduce((sum, group) => sum + group.eligibleWorkers, 0)).toBe(report.eligibleWorkers);
    for (const group of report.byRegion) expect(group.region.name).toMatch(/\S/);
  });

  it('2. staffing shortages by region come with each region\'s boundary', async () => {
    const { data, statements } = await statementsPerSubgraph(SHORTAGES);
    const shortages = (data as { staffingShortages: { region: { boundary: { type: string } }; openVacancies: number }[] }).staffingShortages;
    expect(shortages.length).toBe(20);
    for (const shortage of shortages) expect(shortage.region.boundary.type).toBe('MultiPolygon');
    expect(statements.vacancies).toBe(1);
    expect(statements.regions).toBeLessThanOrEqual(2);
  });

  it('3. vacancies near zones: the same statements in every subgraph for a few zones and for all of them', async () => {
    const few = await statementsPerSubgraph(zonesQuery('regionCode: "KZ-55", year: 2026'));
    const all = await statementsPerSubgraph(zonesQuery('year: 2026'));
    const zoneCount = (answer: Record<string, unknown>) => (answer as unknown as ZoneAnswer).resettlementZones.length;
    const employers = (answer: Record<string, unknown>) =>
      (answer as unknown as ZoneAnswer).resettlementZones.flatMap((zone) => zone.nearbyVacancies.edges.map((edge) => edge.node.enterprise.name));
    expect(zoneCount(few.data)).toBeLessThan(zoneCount(all.data));
    expect(zoneCount(all.data)).toBeGreaterThanOrEqual(20);
    expect(employers(all.data).length).toBeGreaterThan(employers(few.data).length);
    expect(all.statements).toEqual(few.statements);
    expect(all.statements.vacancies).toBe(1);
    expect(all.statements.enterprises).toBe(1);
  });
});

describe('regionAt', () => {
  it('agrees with the stored region of every seeded enterprise', async () => {
    let after: string | null = null;
    const enterprises: { id: string; regionCode: string; location: { lat: number; lon: number } }[] = [];
    do {
      const page: { enterprises: { edges: { node: { id: string; region: { code: string }; location: { lat: number; lon: number } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        expectData(
          await federation.querySubgraph('enterprises', 'query ($after: String) { enterprises(first: 500, after: $after) { edges { node { id region { code } location { lat lon } } } pageInfo { hasNextPage endCursor } } }', {
            after,
          }),
        );
      enterprises.push(...page.enterprises.edges.map(({ node }) => ({ id: node.id, regionCode: node.region.code, location: node.location })));
      after = page.enterprises.pageInfo.hasNextPage ? page.enterprises.pageInfo.endCursor : null;
    } while (after);
    expect(enterprises.length).toBeGreaterThanOrEqual(400);
    for (let start = 0; start < enterprises.length; start += 100) {
      const chunk = enterprises.slice(start, start + 100);
      const query = `{ ${chunk.map((e, index) => `e${index}: regionAt(point: { lat: ${e.location.lat}, lon: ${e.location.lon} }) { code }`).join(' ')} }`;
      const found = expectData(await federation.querySubgraph<Record<string, { code: string } | null>>('regions', query));
      for (const [index, enterprise] of chunk.entries()) expect(found[`e${index}`]?.code, enterprise.id).toBe(enterprise.regionCode);
    }
  });
});
