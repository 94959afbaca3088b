import { describe, expect, it } from 'vitest';
import { moneyFactsFor } from '../../services/kernel/domain/money.js';
import { currentMoneyYear } from '../../services/vacancies/domain/vacancy-rules.js';
import { expectData, federation } from '../support/federation.js';
import { allOpenVacancies, CARD, employerBins, PAGE, type Page, type VacancyCard } from './fixtures.js';

const DAY_MS = 86_400_000;

function badInput(response: { errors?: { extensions?: Record<string, unknown> }[] }) {
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  return response.errors![0]!.extensions!;
}

describe('vacancies subgraph: the vacancy card', () => {
  it('finds a vacancy by id with its employer from the enterprises subgraph and its region from the regions subgraph', async () => {
    const [some] = await allOpenVacancies();
    const data = expectData(
      await federation.query<{ vacancy: VacancyCard & { enterprise: { id: string; name: string }; region: { code: string; name: string } } }>(
        `query ($id: ID!) { vacancy(id: $id) { ${CARD} enterprise { id name } region { code name } } }`,
        { id: some!.id },
      ),
    );
    expect(data.vacancy).toMatchObject({ id: some!.id, title: some!.title, status: 'OPEN' });
    expect(data.vacancy.enterprise.name).toEqual(expect.any(String));
    expect(data.vacancy.region).toMatchObject({ code: some!.region.code, name: expect.any(String) });
  });

  it('returns null for an unknown id and BAD_USER_INPUT naming `id` for a malformed one', async () => {
    const unknown = await federation.query<{ vacancy: null }>('{ vacancy(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(expectData(unknown).vacancy).toBeNull();
    const malformed = await federation.query('{ vacancy(id: "not-a-uuid") { id } }');
    expect(badInput(malformed)).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
  });

  it('derives openDays from postedAt and isQualityJob from the quality-job model of docs/domain.md §6', async () => {
    const median = moneyFactsFor(currentMoneyYear()).medianWageTenge;
    const vacancies = await allOpenVacancies();
    expect(vacancies.length).toBeGreaterThan(100);
    for (const vacancy of vacancies) {
      const expectedDays = Math.floor((Date.now() - Date.parse(vacancy.postedAt)) / DAY_MS);
      expect(Math.abs(vacancy.openDays - expectedDays), vacancy.id).toBeLessThanOrEqual(1);
      const quality =
        vacancy.employmentType === 'PERMANENT' &&
        vacancy.salaryMinTenge >= median &&
        ['OPTIMAL_1', 'ACCEPTABLE_2'].includes(vacancy.conditionsClass);
      expect(vacancy.isQualityJob, vacancy.id).toBe(quality);
    }
    expect(vacancies.some((vacancy) => vacancy.isQualityJob)).toBe(true);
    expect(vacancies.some((vacancy) => !vacancy.isQualityJob)).toBe(true);
  });

  it('seeds longer-open vacancies in the labour-deficit north than in the south', async () => {
    const north = new Set(['KZ-59', 'KZ-55', 'KZ-39', 'KZ-11', 'KZ-63', 'KZ-10', 'KZ-62']);
    const vacancies = await allOpenVacancies();
    const mean = (rows: VacancyCard[]) => rows.reduce((sum, row) => sum + row.openDays, 0) / rows.length;
    const northern = vacancies.filter((vacancy) => north.has(vacancy.region.code));
    const others = vacancies.filter((vacancy) => !north.has(vacancy.region.code));
    expect(mean(northern)).toBeGreaterThan(2 * mean(others));
  });
});

describe('vacancies subgraph: batching across subgraphs', () => {
  it('resolves the employers of 200 vacancies with one statement in the enterprises subgraph', async () => {
    let data: { vacancies: Page<{ enterprise: { name: string } }> } | undefined;
    const statements = await federation.countStatements('enterprises', async () => {
      data = expectData(await federation.query('{ vacancies(first: 200) { edges { node { enterprise { name } } } } }'));
    });
    expect(data!.vacancies.edges).toHaveLength(200);
    expect(data!.vacancies.edges.every((edge) => edge.node.enterprise.name.length > 0)).toBe(true);
    expect(statements).toBe(1);
  });

  it('pages and counts the vacancies of any number of enterprises with one statement each in the vacancies subgraph', async () => {
    type Entities = { _entities: { openVacancyCount: number; vacancies: { totalCount: number; edges: { node: { status: string } }[] } }[] };
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Enterprise { openVacancyCount vacancies(first: 2) { totalCount edges { node { status } } } } } }`;
    const bins = await employerBins(100);
    const statementsFor = async (count: number) => {
      let data: Entities | undefined;
      const representations = bins.slice(0, count).map((bin) => ({ __typename: 'Enterprise', bin }));
      const statements = await federation.countStatements('vacancies', async () => {
        data = expectData(await federation.querySubgraph<Entities>('vacancies', query, { representations }));
      });
      return { statements, enterprises: data!._entities };
    };
    const few = await statementsFor(5);
    const many = await statementsFor(100);
    // one for the pages of all enterprises, one for the counts of all enterprises
    expect(few.statements).toBe(2);
    expect(many.statements).toBe(2);
    expect(many.enterprises).toHaveLength(100);
    expect(many.enterprises.some((enterprise) => enterprise.vacancies.edges.length > 0)).toBe(true);
    for (const enterprise of many.enterprises) {
      expect(enterprise.vacancies.edges.every((edge) => edge.node.status === 'OPEN')).toBe(true);
      // status defaults to OPEN, so the connection's total is the open count
      expect(enterprise.vacancies.totalCount).toBe(enterprise.openVacancyCount);
      expect(enterprise.vacancies.edges.length).toBe(Math.min(2, enterprise.openVacancyCount));
    }
  });

  it('lists an enterprise\'s vacancies of each status through the gateway, newest first', async () => {
    const [bin] = await employerBins(1);
    const data = expectData(
      await federation.query<{ enterprise: Record<'open' | 'filled' | 'closed', Page<{ status: string; postedAt: string }>> }>(
        `query ($bin: String!) { enterprise: enterpriseByBin(bin: $bin) {
          open: vacancies { ${PAGE('status postedAt')} }
          filled: vacancies(status: FILLED) { ${PAGE('status postedAt')} }
          closed: vacancies(status: CLOSED) { ${PAGE('status postedAt')} } } }`,
        { bin },
      ),
    );
    for (const [status, page] of [['OPEN', data.enterprise.open], ['FILLED', data.enterprise.filled], ['CLOSED', data.enterprise.closed]] as const) {
      expect(page.edges.every((edge) => edge.node.status === status)).toBe(true);
      const posted = page.edges.map((edge) => edge.node.postedAt);
      expect(posted).toEqual([...posted].sort().reverse());
    }
  });
});

describe('vacancies subgraph: bad input never reaches SQL', () => {
  const cases: [string, string, string][] = [
    ['an occupation code that is not 4 digits', '{ vacancies(filter: { occupationCode: "72a2" }) { totalCount } }', 'filter.occupationCode'],
    ['a negative minimum salary', '{ vacancies(filter: { minSalaryTenge: -1 }) { totalCount } }', 'filter.minSalaryTenge'],
    ['a negative minOpenDays', '{ vacancies(filter: { minOpenDays: -3 }) { totalCount } }', 'filter.minOpenDays'],
    ['DISTANCE without a point', '{ vacancies(orderBy: DISTANCE) { totalCount } }', 'orderBy'],
    ['a cursor that is not ours', '{ vacancies(after: "garbage") { totalCount } }', 'after'],
    ['a cursor of another order', '{ vacancies(orderBy: SALARY_DESC, after: "WyIyMDI2LTExLTIyIDIzOjA3OjE0KzAwIiwiNTYwZTVjMWUtZTJkMC01NTg2LWEwZjItODc5NmNlYjczYzU0Il0") { totalCount } }', 'after'],
    ['a bad region filter on a region', '{ region(code: "KZ-35") { vacancies(filter: { occupationCode: "1" }) { totalCount } } }', 'filter.occupationCode'],
    ['an unknown occupation in a region filter', '{ region(code: "KZ-35") { vacancies(filter: { occupationCode: "9999" }) { totalCount } } }', 'filter.occupationCode'],
    ['an unknown region code in the area', '{ vacancies(area: { regionCode: "KZ-99" }) { totalCount } }', 'area.regionCode'],
    ['a radius above 1000 km in the area', '{ vacancies(area: { near: { point: { lat: 50, lon: 70 }, radiusKm: 1001 } }) { totalCount } }', 'area.near.radiusKm'],
    ['a shortage threshold of 0 days', '{ staffingShortages(minOpenDays: 0) { openVacancies } }', 'minOpenDays'],
    ['a shortage occupation code that is not 4 digits', '{ staffingShortages(occupationCode: "12") { openVacancies } }', 'occupationCode'],
  ];
  it.each(cases)('rejects %s with BAD_USER_INPUT naming the argument', async (_name, query, argument) => {
    const before = await federation.sqlStatements('vacancies');
    const extensions = badInput(await federation.query(query));
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await federation.sqlStatements('vacancies')).toBe(before);
  });
});
