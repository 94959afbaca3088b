import { describe, expect, it } from 'vitest';
import { createRandom, loadSettlements } from '../../services/kernel/seed/demo-world.js';
import { DEMO_PROJECTS, DEMO_TOTAL_INVESTMENT_TENGE, demoProjects } from '../../services/projects/seed/demo-projects.js';
import { expectData, federation } from '../support/federation.js';

interface ProjectNode {
  id: string;
  name: string;
  sector: string;
  investmentTenge: number;
  status: string;
  region: { code: string; name: string };
  location: { lat: number; lon: number };
  plannedJobsTotal: number;
  plannedJobs: { occupationCode: string; year: number; count: number; monthlySalaryTenge: number }[];
}
interface Page {
  investmentProjects: { totalCount: number; edges: { cursor: string; distanceKm: number | null; node: ProjectNode }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const PAGE = `query Projects($area: AreaInput, $filter: InvestmentProjectFilter, $orderBy: InvestmentProjectOrder, $first: Int, $after: String) {
  investmentProjects(area: $area, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor distanceKm node { id name sector investmentTenge status plannedJobsTotal region { code name } location { lat lon }
      plannedJobs { occupationCode year count monthlySalaryTenge } } } } }`;

describe('the demo projects (docs/domain.md §1)', () => {
  it('are 755 projects at real settlements totalling 33 trillion tenge, the same for the same seed', async () => {
    const settlements = await loadSettlements();
    const projects = demoProjects(createRandom(1), settlements);
    expect(projects).toHaveLength(DEMO_PROJECTS);
    expect(projects.reduce((sum, project) => sum + project.investmentTenge, 0)).toBe(DEMO_TOTAL_INVESTMENT_TENGE);
    expect(demoProjects(createRandom(1), settlements)).toEqual(projects);
    for (const project of projects.slice(0, 100)) {
      expect(settlements.some((s) => s.katoCode === project.katoCode && s.lat === project.lat && s.lon === project.lon)).toBe(true);
      expect(project.plannedJobs.every((jobs) => jobs.year >= project.startYear && jobs.year <= project.endYear)).toBe(true);
    }
  });

  it('follow the regional economies: oil and gas in Atyrau, metals and mining in Karaganda', async () => {
    const projects = demoProjects(createRandom(42), await loadSettlements());
    const share = (region: string, divisions: string[]) => {
      const inRegion = projects.filter((project) => project.regionCode === region);
      return inRegion.filter((project) => divisions.includes(project.sector.slice(0, 2))).length / inRegion.length;
    };
    expect(share('KZ-23', ['06', '20'])).toBeGreaterThan(0.2);
    expect(share('KZ-35', ['05', '07', '24'])).toBeGreaterThan(0.2);
    expect(share('KZ-35', ['06'])).toBe(0);
  });
});

describe('investmentProjects through the gateway', () => {
  it('serves all 755 seeded projects, 33 trillion tenge together, largest first', async () => {
    const seen: ProjectNode[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const data: Page = expectData(await federation.query<Page>(PAGE, { first: 500, after }));
      totalCount = data.investmentProjects.totalCount;
      seen.push(...data.investmentProjects.edges.map((edge) => edge.node));
      after = data.investmentProjects.pageInfo.hasNextPage ? data.investmentProjects.pageInfo.endCursor : null;
    } while (after);
    expect(totalCount).toBe(755);
    expect(new Set(seen.map((project) => project.id)).size).toBe(755);
    expect(seen.reduce((sum, project) => sum + project.investmentTenge, 0)).toBe(33_000_000_000_000);
    for (let index = 1; index < seen.length; index += 1) expect(seen[index - 1]!.investmentTenge).toBeGreaterThanOrEqual(seen[index]!.investmentTenge);
    for (const project of seen) expect(project.plannedJobs.reduce((sum, jobs) => sum + jobs.count, 0)).toBe(project.plannedJobsTotal);
  });

  it('filters by sector prefix, status, minimum investment and region, all at once, as the full list filtered here', async () => {
    const all: ProjectNode[] = [];
    for (let after: string | null = null, more = true; more; ) {
      const page: Page['investmentProjects'] = expectData(await federation.query<Page>(PAGE, { first: 500, after })).investmentProjects;
      all.push(...page.edges.map((edge) => edge.node));
      more = page.pageInfo.hasNextPage;
      after = page.pageInfo.endCursor;
    }
    const filter = { sectorPrefix: '0', status: 'CONSTRUCTION', minInvestmentTenge: 10_000_000_000, regionCode: 'KZ-23' };
    const expected = all.filter(
      (node) => node.sector.startsWith('0') && node.status === 'CONSTRUCTION' && node.investmentTenge >= 10_000_000_000 && node.region.code === 'KZ-23',
    );
    expect(expected.length).toBeGreaterThan(0);
    const data = expectData(await federation.query<Page>(PAGE, { filter, first: 500 }));
    expect(data.investmentProjects.totalCount).toBe(expected.length);
    expect(data.investmentProjects.edges.map((edge) => edge.node.id)).toEqual(expected.map((node) => node.id));
    const atyrau = expectData(await federation.query<Page>(PAGE, { filter: { regionCode: 'KZ-23' }, first: 500 }));
    expect(atyrau.investmentProjects.edges.length).toBeGreaterThan(expected.length);
    expect(atyrau.investmentProjects.edges.every((edge) => edge.node.region.name === 'Atyrau Region')).toBe(true);
  });

  it('orders by distance within a radius with edge.distanceKm, and pages by cursor without overlap', async () => {
    const area = { near: { point: { lat: 49.8, lon: 73.1 }, radiusKm: 200 } };
    const all = expectData(await federation.query<Page>(PAGE, { area, orderBy: 'DISTANCE', first: 500 })).investmentProjects;
    expect(all.edges.length).toBeGreaterThan(4);
    const distances = all.edges.map((edge) => edge.distanceKm!);
    expect(distances.every((km) => km <= 200)).toBe(true);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const first = expectData(await federation.query<Page>(PAGE, { area, orderBy: 'DISTANCE', first: 3 })).investmentProjects;
    const second = expectData(
      await federation.query<Page>(PAGE, { area, orderBy: 'DISTANCE', first: 3, after: first.pageInfo.endCursor }),
    ).investmentProjects;
    expect([...first.edges, ...second.edges].map((edge) => edge.node.id)).toEqual(all.edges.slice(0, 6).map((edge) => edge.node.id));
  });

  it('reads the planned jobs of a whole page in one statement', async () => {
    const statements = await federation.countStatements('projects', async () => {
      expectData(await federation.query<Page>(PAGE, { first: 50 }));
    });
    // the page, then one batch of planned jobs (no totalCount is cheap to leave out: it is asked for here)
    expect(statements).toBe(3);
  });

  it('finds one project by id, null for an unknown one, BAD_USER_INPUT for a malformed one', async () => {
    const page = expectData(await federation.query<Page>(PAGE, { first: 1 }));
    const id = page.investmentProjects.edges[0]!.node.id;
    const one = expectData(await federation.query<{ investmentProject: { id: string } | null }>(
      'query One($id: ID!) { investmentProject(id: $id) { id } }', { id }));
    expect(one.investmentProject?.id).toBe(id);
    const unknown = expectData(await federation.query<{ investmentProject: null }>(
      'query One($id: ID!) { investmentProject(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }));
    expect(unknown.investmentProject).toBeNull();
    const bad = await federation.query('query One($id: ID!) { investmentProject(id: $id) { id } }', { id: 'x' });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it.each([
    [{ filter: { sectorPrefix: 'B06' } }, 'filter.sectorPrefix'],
    [{ filter: { regionCode: 'KZ-99' } }, 'filter.regionCode'],
    [{ filter: { minInvestmentTenge: -1 } }, 'filter.minInvestmentTenge'],
    [{ orderBy: 'DISTANCE' }, 'orderBy'],
    [{ after: 'bm9wZQ' }, 'after'],
    [{ area: { near: { point: { lat: 49.8, lon: 73.1 }, radiusKm: 0 } } }, 'area.near.radiusKm'],
  ])('rejects %j as BAD_USER_INPUT on %s', async (variables, argument) => {
    const response = await federation.query(PAGE, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
