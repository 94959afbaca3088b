import { describe, expect, it } from 'vitest';
import { isAssessmentOverdue } from '../../services/kernel/domain/working-conditions.js';
import { todayInKazakhstan } from '../../services/kernel/domain/calendar.js';
import { expectData, federation, tokenFor } from '../support/federation.js';

/** Workplaces are for inspectors and the own employer (docs/architecture.md §5); an admin reads every card in full. */
const asAdmin = async () => ({ token: await tokenFor({ sub: 'admin-card-tests', roles: ['admin'] }) });

interface Card {
  id: string;
  bin: string;
  name: string;
  headcount: number;
  hazardClass: string | null;
  workersInHarmfulConditions: number;
  lastAssessmentDate: string | null;
  assessmentOverdue: boolean;
  region: { code: string; name: string };
  workplaces: { code: string; conditionsClass: string; workers: number; assessedOn: string }[];
}

const CLASSES = ['OPTIMAL_1', 'ACCEPTABLE_2', 'HARMFUL_3_1', 'HARMFUL_3_2', 'HARMFUL_3_3', 'HARMFUL_3_4', 'DANGEROUS_4'];
const CARD = `id bin name headcount hazardClass workersInHarmfulConditions lastAssessmentDate assessmentOverdue
  region { code name } workplaces { code conditionsClass workers assessedOn }`;

async function someEnterprises(first: number): Promise<{ id: string; bin: string }[]> {
  const data = expectData(
    await federation.querySubgraph<{ enterprises: { edges: { node: { id: string; bin: string } }[] } }>(
      'enterprises',
      'query ($first: Int) { enterprises(first: $first) { edges { node { id bin } } } }',
      { first },
    ),
  );
  return data.enterprises.edges.map((edge) => edge.node);
}

describe('enterprises subgraph: the enterprise card', () => {
  it('finds an enterprise by id and by BIN through the gateway, with its region from the regions subgraph', async () => {
    const [first] = await someEnterprises(1);
    const data = expectData(
      await federation.query<{ byId: Card; byBin: Card }>(
        `query ($id: ID!, $bin: String!) { byId: enterprise(id: $id) { ${CARD} } byBin: enterpriseByBin(bin: $bin) { ${CARD} } }`,
        { id: first!.id, bin: first!.bin },
        await asAdmin(),
      ),
    );
    expect(data.byId).toEqual(data.byBin);
    expect(data.byId.region.name).toMatch(/Region|Astana|Almaty|Shymkent/);
  });

  it('answers null for an unknown id or BIN', async () => {
    const data = expectData(
      await federation.query(
        '{ enterprise(id: "00000000-0000-4000-8000-000000000000") { id } enterpriseByBin(bin: "940140000385") { id } }',
      ),
    );
    expect(data).toEqual({ enterprise: null, enterpriseByBin: null });
  });

  it.each([
    ['a malformed id', '{ enterprise(id: "42") { id } }', 'id'],
    ['a BIN of 11 digits', '{ enterpriseByBin(bin: "94014000038") { id } }', 'bin'],
    ['a BIN with a wrong check digit', '{ enterpriseByBin(bin: "940140000386") { id } }', 'bin'],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (_case, query, argument) => {
    const response = await federation.query(query);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('derives the card from the current workplace assessments', async () => {
    const data = expectData(
      await federation.querySubgraph<{ enterprises: { edges: { node: Card }[] } }>(
        'enterprises',
        `{ enterprises(first: 100) { edges { node { ${CARD.replace('region { code name }', 'region { code }')} } } } }`,
        {},
        await asAdmin(),
      ),
    );
    const today = todayInKazakhstan();
    for (const { node } of data.enterprises.edges) {
      const ranks = node.workplaces.map((workplace) => CLASSES.indexOf(workplace.conditionsClass));
      expect(node.hazardClass).toBe(CLASSES[Math.max(...ranks)]);
      // The seed gives every assessed worker a contract in force: headcount equals assessed workers.
      expect(node.headcount).toBe(node.workplaces.reduce((sum, workplace) => sum + workplace.workers, 0));
      expect(node.workersInHarmfulConditions).toBe(
        node.workplaces.filter((workplace) => CLASSES.indexOf(workplace.conditionsClass) >= 2).reduce((sum, w) => sum + w.workers, 0),
      );
      expect(node.lastAssessmentDate).toBe(node.workplaces.map((workplace) => workplace.assessedOn).sort().at(-1));
      expect(node.assessmentOverdue).toBe(isAssessmentOverdue(node.lastAssessmentDate, today));
    }
  });
});

describe('enterprises subgraph: batching', () => {
  const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Enterprise { id bin name } } }`;

  it('resolves 200 references by id in one SQL statement', async () => {
    const enterprises = await someEnterprises(200);
    expect(enterprises).toHaveLength(200);
    let resolved: { id: string }[] = [];
    const statements = await federation.countStatements('enterprises', async () => {
      const data = expectData(
        await federation.querySubgraph<{ _entities: { id: string }[] }>('enterprises', ENTITIES, {
          representations: enterprises.map(({ id }) => ({ __typename: 'Enterprise', id })),
        }),
      );
      resolved = data._entities;
    });
    expect(resolved.map((enterprise) => enterprise.id)).toEqual(enterprises.map((enterprise) => enterprise.id));
    expect(statements).toBe(1);
  });

  it('resolves 200 references by BIN in one SQL statement, and unknown ones to null', async () => {
    const enterprises = await someEnterprises(200);
    let resolved: ({ bin: string } | null)[] = [];
    const statements = await federation.countStatements('enterprises', async () => {
      const data = expectData(
        await federation.querySubgraph<{ _entities: ({ bin: string } | null)[] }>('enterprises', ENTITIES, {
          representations: [...enterprises.map(({ bin }) => ({ __typename: 'Enterprise', bin })), { __typename: 'Enterprise', bin: '940140000385' }],
        }),
      );
      resolved = data._entities;
    });
    expect(resolved.slice(0, 200).map((enterprise) => enterprise?.bin)).toEqual(enterprises.map((enterprise) => enterprise.bin));
    expect(resolved[200]).toBeNull();
    expect(statements).toBe(1);
  });

  it('resolves the employers of 200 vacancies through the gateway in one SQL statement', async () => {
    let employers: { id: string; name: string; hazardClass: string | null }[] = [];
    const statements = await federation.countStatements('enterprises', async () => {
      const data = expectData(
        await federation.query<{ vacancies: { edges: { node: { enterprise: (typeof employers)[number] } }[] } }>(
          '{ vacancies(first: 200) { edges { node { enterprise { id name hazardClass } } } } }',
        ),
      );
      employers = data.vacancies.edges.map((edge) => edge.node.enterprise);
    });
    expect(new Set(employers.map((employer) => employer.id)).size).toBeGreaterThanOrEqual(50);
    expect(employers.every((employer) => employer.name.length > 0)).toBe(true);
    expect(statements).toBe(1);
  });

  it('serves enterprise lists and hazard summaries of all 20 regions with one statement each', async () => {
    let regions: { code: string; enterprises: { totalCount: number; edges: unknown[] }; hazardSummary: { enterprises: number } }[] = [];
    const options = await asAdmin();
    const statements = await federation.countStatements('enterprises', async () => {
      const data = expectData(
        await federation.query<{ regions: typeof regions }>(
          '{ regions { code enterprises(first: 3) { totalCount edges { node { name workplaces { code } } } } hazardSummary { enterprises } } }',
          {},
          options,
        ),
      );
      regions = data.regions;
    });
    expect(regions).toHaveLength(20);
    for (const region of regions) {
      expect(region.enterprises.totalCount).toBe(region.hazardSummary.enterprises);
      expect(region.enterprises.edges.length).toBe(Math.min(3, region.enterprises.totalCount));
    }
    // pages, summaries, and the workplaces of all the listed enterprises
    expect(statements).toBe(3);
  });
});
