import { describe, expect, it } from 'vitest';
import { REGIONS } from '../services/kernel/domain/regions.js';
import { createRandom, loadSettlements } from '../services/kernel/seed/demo-world.js';
import { scenarios } from '../scripts/lib/bench/scenarios.js';
import { expectData, federation } from './support/federation.js';

interface VacancyNode {
  id: string;
  title: string;
  region: { code: string; name: string };
  enterprise: { id: string; bin: string; name: string; region: { code: string } };
}

describe('one query through the gateway', () => {
  it('joins all four subgraphs: zones → region, vacancies → enterprise → region', async () => {
    const data = expectData(
      await federation.query<{
        resettlementZones: { id: string; name: string; region: { code: string; name: string } }[];
        vacancies: { edges: { node: VacancyNode }[] };
      }>(`{
        resettlementZones { id name region { code name } }
        vacancies(first: 20) { edges { node { id title region { code name }
          enterprise { id bin name region { code } } } } }
      }`),
    );
    expect(data.resettlementZones.length).toBeGreaterThan(0);
    for (const zone of data.resettlementZones) expect(zone.region.name).toMatch(/\S/);
    expect(data.vacancies.edges.length).toBe(20);
    for (const { node } of data.vacancies.edges) {
      // A vacancy is in its employer's region in the demo world, and both names come from regions.
      expect(node.enterprise.name).toMatch(/\S/);
      expect(node.enterprise.bin).toMatch(/^\d{12}$/);
      expect(node.region.code).toBe(node.enterprise.region.code);
      expect(node.region.name).toMatch(/\S/);
    }
  });

  it('reaches an enterprise by id and by BIN, with its region and open vacancies', async () => {
    const first = expectData(
      await federation.query<{ vacancies: { edges: { node: VacancyNode }[] } }>(
        '{ vacancies(first: 1) { edges { node { id enterprise { id bin } } } } }',
      ),
    ).vacancies.edges[0]!.node;
    const data = expectData(
      await federation.query<{
        byId: { bin: string; region: { code: string }; vacancies: { totalCount: number; edges: { node: { id: string } }[] } };
        byBin: { id: string };
      }>(
        `query ($id: ID!, $bin: String!) {
          byId: enterprise(id: $id) { bin region { code } vacancies(first: 50) { totalCount edges { node { id } } } }
          byBin: enterpriseByBin(bin: $bin) { id }
        }`,
        { id: first.enterprise.id, bin: first.enterprise.bin },
      ),
    );
    expect(data.byId.bin).toBe(first.enterprise.bin);
    expect(data.byBin.id).toBe(first.enterprise.id);
    expect(data.byId.vacancies.totalCount).toBeGreaterThan(0);
    expect(data.byId.region.code).toMatch(/^KZ-\d{2}$/);
  });

  it('resolves 200 Vacancy.enterprise references with one SQL statement in enterprises', async () => {
    let edges: { node: VacancyNode }[] = [];
    const statements = await federation.countStatements('enterprises', async () => {
      edges = expectData(
        await federation.query<{ vacancies: { edges: { node: VacancyNode }[] } }>(
          '{ vacancies(first: 200) { edges { node { id enterprise { name bin } } } } }',
        ),
      ).vacancies.edges;
    });
    expect(edges).toHaveLength(200);
    expect(new Set(edges.map((edge) => edge.node.enterprise.bin)).size).toBeGreaterThan(50);
    expect(statements).toBe(1);
  });

  it.each([
    ['a malformed enterprise id', '{ enterprise(id: "42") { name } }', 'id'],
    ['a BIN with a wrong check digit', '{ enterpriseByBin(bin: "940140000386") { name } }', 'bin'],
    ['a BIN that is not 12 digits', '{ enterpriseByBin(bin: "12345") { name } }', 'bin'],
    ['a malformed vacancy id', '{ vacancy(id: "not-a-uuid") { title } }', 'id'],
    ['an unknown region code', '{ region(code: "KZ-00") { name } }', 'code'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_case, query, argument) => {
    const response = await federation.query(query);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('answers region { name } from the subgraph that returned the region, without a call to regions', async () => {
    type Row = { region: { code: string; name: string; nameRu: string; nameKk: string } };
    const query = `{ enterprises(first: 30) { edges { node { region { code name nameRu: name(lang: RU) nameKk: name(lang: KK) } } } }
      vacancies(first: 30) { edges { node { region { code name nameRu: name(lang: RU) nameKk: name(lang: KK) } } } } }`;
    let rows: Row[] = [];
    const statements = await federation.countStatements('regions', async () => {
      const data = expectData(await federation.query<{ enterprises: { edges: { node: Row }[] }; vacancies: { edges: { node: Row }[] } }>(query));
      rows = [...data.enterprises.edges, ...data.vacancies.edges].map((edge) => edge.node);
    });
    expect(statements).toBe(0);
    expect(rows.length).toBe(60);
    for (const { region } of rows) {
      const facts = REGIONS.find((candidate) => candidate.code === region.code)!;
      expect([region.name, region.nameRu, region.nameKk]).toEqual([facts.nameEn, facts.nameRu, facts.nameKk]);
    }
  });

  it('returns null, not an error, for a well-formed id that does not exist', async () => {
    const data = expectData(
      await federation.query<{ enterprise: null; vacancy: null }>(
        '{ enterprise(id: "00000000-0000-4000-8000-000000000000") { name } vacancy(id: "00000000-0000-4000-8000-000000000000") { title } }',
      ),
    );
    expect(data).toEqual({ enterprise: null, vacancy: null });
  });
});

describe('totalCount', () => {
  it.each([
    ['enterprises', 'enterprises(area: { near: { point: { lat: 49.8, lon: 73.1 }, radiusKm: 50 } }, orderBy: DISTANCE, first: 10)'],
    ['vacancies', 'vacancies(first: 10)'],
  ])('of %s costs its count statement only when the client asks for it', async (subgraph, field) => {
    const page = (fields: string) => `{ list: ${field} { ${fields} edges { node { id } } } }`;
    const without = await federation.countStatements(subgraph, async () => expectData(await federation.query(page(''))));
    let total = 0;
    const withCount = await federation.countStatements(subgraph, async () => {
      total = expectData(await federation.query<{ list: { totalCount: number } }>(page('totalCount'))).list.totalCount;
    });
    expect(without).toBe(1);
    expect(total).toBeGreaterThan(10);
    expect(withCount).toBe(2);
  });
});

describe('gateway query limits', () => {
  it('answers a query nested beyond the depth limit with LIMIT_EXCEEDED, before any subgraph runs', async () => {
    const nested = `${'region { enterprises(first: 1) { edges { node { '.repeat(4)}name${' } } } }'.repeat(4)}`;
    const response = await federation.query(`{ regions { ${nested} } }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'depth' });
    expect(response.data ?? null).toBeNull();
  });

  it('answers too many aliases with LIMIT_EXCEEDED', async () => {
    const aliases = Array.from({ length: 40 }, (_, index) => `a${index}: regions { code }`).join(' ');
    const response = await federation.query(`{ ${aliases} }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'aliases' });
  });

  it('answers a query over the token limit with LIMIT_EXCEEDED', async () => {
    const ring = Array.from({ length: 1300 }, (_, index) => `[${70 + index / 10_000}, 45]`).join(' ');
    const response = await federation.query(`{ enterprises(area: { polygon: { type: "Polygon", coordinates: [[${ring}]] } }) { totalCount } }`);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'tokens' });
    expect(response.data ?? null).toBeNull();
  });

  it('lets every benchmark scenario through, 500-row fan-out included', async () => {
    const random = createRandom(7);
    for (const scenario of scenarios(await loadSettlements())) {
      const response = await federation.query(scenario.document, scenario.variables(random));
      expect(response.errors, scenario.name).toBeUndefined();
    }
  });
});
