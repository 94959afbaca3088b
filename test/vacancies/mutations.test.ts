import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TokenClaims } from '../../services/kernel/dev-tokens.js';
import { expectData, federation, tokenFor, type GraphQLResponse } from '../support/federation.js';

/**
 * postVacancy and closeVacancy. Everything posted here is on one seeded employer and is closed
 * again before the file ends, so the seeded OPEN vacancies and shortages other files count are
 * the same after it as before.
 */

interface Employer {
  bin: string;
  name: string;
  katoCode: string;
  regionCode: string;
}

interface Posted {
  id: string;
  status: string;
  title: string;
  katoCode: string;
  location: { lat: number; lon: number };
  region: { code: string };
  postedAt: string;
  closedAt: string | null;
  openDays: number;
}

const POSTED = 'id status title katoCode location { lat lon } region { code } postedAt closedAt openDays';
const POST = `mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { ${POSTED} } }`;
const CLOSE = `mutation ($id: ID!, $reason: VacancyCloseReason!) { closeVacancy(id: $id, reason: $reason) { ${POSTED} } }`;

let own: Employer;
let other: Employer;
let pool: pg.Pool;
const postedIds = new Set<string>();
const tokens: Record<string, string> = {};

type Endpoint = 'gateway' | 'subgraph';

function send<Data>(endpoint: Endpoint, query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse<Data>> {
  return endpoint === 'gateway'
    ? federation.query<Data>(query, variables, { token })
    : federation.querySubgraph<Data>('vacancies', query, variables, { token });
}

function inputFor(employer: Employer, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    bin: employer.bin,
    title: 'Welder (test posting)',
    occupationCode: '7212',
    salaryMinTenge: 320_000,
    salaryMaxTenge: 400_000,
    employmentType: 'PERMANENT',
    katoCode: employer.katoCode,
    ...overrides,
  };
}

/** `token` undefined is an anonymous caller. */
async function post(input: Record<string, unknown>, endpoint: Endpoint, token: string | undefined): Promise<GraphQLResponse<{ postVacancy: Posted }>> {
  const response = await send<{ postVacancy: Posted }>(endpoint, POST, { input }, token);
  if (response.data?.postVacancy) postedIds.add(response.data.postVacancy.id);
  return response;
}

async function postOwn(overrides: Record<string, unknown> = {}): Promise<Posted> {
  return expectData(await post(inputFor(own, overrides), 'gateway', tokens.own)).postVacancy;
}

function errorOf(response: GraphQLResponse): { code?: string; argument?: string; message: string } {
  expect(response.errors, JSON.stringify(response)).toHaveLength(1);
  const [error] = response.errors!;
  return { code: error!.extensions?.code, argument: error!.extensions?.argument, message: error!.message };
}

async function vacancyCount(): Promise<number> {
  const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from vacancies.vacancy');
  return rows[0]!.count;
}

async function statusInDatabase(id: string): Promise<string> {
  const { rows } = await pool.query<{ status: string }>('select status from vacancies.vacancy where id = $1', [id]);
  return rows[0]!.status;
}

/** Two seeded employers of different BINs, read through the gateway as any client would. */
async function seededEmployers(): Promise<[Employer, Employer]> {
  type Node = { katoCode: string; region: { code: string }; enterprise: { bin: string; name: string } };
  const data = expectData(
    await federation.query<{ vacancies: { edges: { node: Node }[] } }>(
      '{ vacancies(first: 50, area: { regionCode: "KZ-35" }) { edges { node { katoCode region { code } enterprise { bin name } } } } }',
    ),
  );
  const employers = new Map<string, Employer>();
  for (const { node } of data.vacancies.edges) {
    employers.set(node.enterprise.bin, { bin: node.enterprise.bin, name: node.enterprise.name, katoCode: node.katoCode, regionCode: node.region.code });
  }
  const [first, second] = employers.values();
  if (!first || !second) throw new Error('need two seeded employers in KZ-35');
  return [first, second];
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: federation.databaseUrl(), max: 2 });
  [own, other] = await seededEmployers();
  const claims: Record<string, TokenClaims> = {
    own: { sub: 'employer-own', roles: ['employer'], bin: own.bin },
    other: { sub: 'employer-other', roles: ['employer'], bin: other.bin },
    inspector: { sub: 'inspector', roles: ['inspector'], regions: [own.regionCode] },
    officer: { sub: 'officer', roles: ['resettlement_officer'], regions: [own.regionCode] },
    citizen: { sub: 'citizen', roles: ['citizen'], iin: '791028302728' },
    admin: { sub: 'admin', roles: ['admin'] },
  };
  for (const [name, claim] of Object.entries(claims)) tokens[name] = await tokenFor(claim);
});

afterAll(async () => {
  // Leave no OPEN vacancy behind: other files count the seeded ones.
  const stillOpen = await pool.query<{ id: string }>("select id from vacancies.vacancy where id = any($1::uuid[]) and status = 'OPEN'", [[...postedIds]]);
  for (const { id } of stillOpen.rows) expectData(await federation.query(CLOSE, { id, reason: 'WITHDRAWN' }, { token: tokens.own }));
  await pool.end();
});

type Caller = 'anonymous' | 'own' | 'other' | 'inspector' | 'officer' | 'citizen' | 'admin';
const EXPECTED: Record<Caller, 'data' | 'UNAUTHENTICATED' | 'FORBIDDEN'> = {
  anonymous: 'UNAUTHENTICATED',
  own: 'data',
  other: 'FORBIDDEN',
  inspector: 'FORBIDDEN',
  officer: 'FORBIDDEN',
  citizen: 'FORBIDDEN',
  admin: 'data',
};
const MATRIX = (['gateway', 'subgraph'] as const).flatMap((endpoint) =>
  (Object.keys(EXPECTED) as Caller[]).map((caller) => [endpoint, caller, EXPECTED[caller]] as const),
);

describe('postVacancy and closeVacancy: who may', () => {
  it.each(MATRIX)('postVacancy through the %s as %s → %s', async (endpoint, caller, expected) => {
    const before = await vacancyCount();
    const response = await post(inputFor(own), endpoint, tokens[caller]);
    if (expected === 'data') {
      expect(expectData(response).postVacancy).toMatchObject({ status: 'OPEN', title: 'Welder (test posting)', closedAt: null });
      expect(await vacancyCount()).toBe(before + 1);
    } else {
      expect(response.data?.postVacancy ?? null).toBeNull();
      expect(errorOf(response).code).toBe(expected);
      expect(await vacancyCount()).toBe(before);
    }
  });

  it.each(MATRIX)('closeVacancy through the %s as %s → %s', async (endpoint, caller, expected) => {
    const vacancy = await postOwn();
    const response = await send<{ closeVacancy: Posted }>(endpoint, CLOSE, { id: vacancy.id, reason: 'FILLED' }, tokens[caller]);
    if (expected === 'data') {
      expect(expectData(response).closeVacancy).toMatchObject({ id: vacancy.id, status: 'FILLED' });
      expect(await statusInDatabase(vacancy.id)).toBe('FILLED');
    } else {
      expect(response.data?.closeVacancy ?? null).toBeNull();
      expect(errorOf(response).code).toBe(expected);
      expect(await statusInDatabase(vacancy.id)).toBe('OPEN');
    }
  });

  it('lets an employer of another BIN post for its own enterprise only', async () => {
    const response = await post(inputFor(other), 'gateway', tokens.own);
    expect(errorOf(response).code).toBe('FORBIDDEN');
  });
});

describe('postVacancy: bad input never reaches SQL and changes nothing', () => {
  const BAD_BIN = '940140000386'; // 940140000385 with a wrong check digit
  const cases: [string, Record<string, unknown>, string][] = [
    ['a BIN with a wrong check digit', { bin: BAD_BIN }, 'input.bin'],
    ['an empty title', { title: '' }, 'input.title'],
    ['a title of spaces', { title: '   ' }, 'input.title'],
    ['a title of 201 characters', { title: 'x'.repeat(201) }, 'input.title'],
    ['an occupation code that is not 4 digits', { occupationCode: '72a2' }, 'input.occupationCode'],
    ['an occupation code of 5 digits', { occupationCode: '72121' }, 'input.occupationCode'],
    ['an occupation code of no unit group', { occupationCode: '9999' }, 'input.occupationCode'],
    ['a salary below the minimum wage', { salaryMinTenge: 84_999, salaryMaxTenge: null }, 'input.salaryMinTenge'],
    ['a salary range upside down', { salaryMaxTenge: 319_999 }, 'input.salaryMaxTenge'],
    ['a KATO code of 8 digits', { katoCode: '35123456' }, 'input.katoCode'],
    ['a KATO code of no region', { katoCode: '991234567' }, 'input.katoCode'],
    ['a latitude above 90', { location: { lat: 91, lon: 73 } }, 'input.location.lat'],
    ['a longitude below -180', { location: { lat: 50, lon: -181 } }, 'input.location.lon'],
  ];

  it.each(cases)('rejects %s with BAD_USER_INPUT naming %s', async (_name, overrides, argument) => {
    // The caller is entitled to the BIN posted, so only the input is wrong.
    const token = overrides.bin === BAD_BIN ? await tokenFor({ sub: 'employer-bad-bin', roles: ['employer'], bin: BAD_BIN }) : tokens.own;
    const [count, statements] = [await vacancyCount(), await federation.sqlStatements('vacancies')];
    const error = errorOf(await post(inputFor(own, overrides), 'gateway', token));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await federation.sqlStatements('vacancies')).toBe(statements);
    expect(await vacancyCount()).toBe(count);
  });

  it.each([
    ['employmentType', 'HOURLY'],
    ['conditionsClass', 'HARMFUL_5'],
  ])('rejects an unknown %s before the subgraph, naming the input path', async (field, value) => {
    const [count, statements] = [await vacancyCount(), await federation.sqlStatements('vacancies')];
    const error = errorOf(await post(inputFor(own, { [field]: value }), 'gateway', tokens.own));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain(`input.${field}`);
    expect(await federation.sqlStatements('vacancies')).toBe(statements);
    expect(await vacancyCount()).toBe(count);
  });

  it('requires a location for an employer with no vacancy to inherit it from, and writes nothing', async () => {
    const newcomer = '940140000385';
    const token = await tokenFor({ sub: 'employer-new', roles: ['employer'], bin: newcomer });
    const count = await vacancyCount();
    const error = errorOf(await post(inputFor(own, { bin: newcomer }), 'gateway', token));
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.location' });
    expect(await vacancyCount()).toBe(count);
  });
});

describe('closeVacancy: errors', () => {
  it('answers a malformed id with BAD_USER_INPUT before SQL, an unknown one with NOT_FOUND', async () => {
    const statements = await federation.sqlStatements('vacancies');
    const malformed = errorOf(await federation.query(CLOSE, { id: 'not-a-uuid', reason: 'FILLED' }, { token: tokens.own }));
    expect(malformed).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(await federation.sqlStatements('vacancies')).toBe(statements);
    const unknown = await federation.query(CLOSE, { id: '00000000-0000-4000-8000-000000000000', reason: 'FILLED' }, { token: tokens.own });
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
  });

  it('rejects an unknown reason as bad input', async () => {
    const vacancy = await postOwn();
    const error = errorOf(await federation.query(CLOSE, { id: vacancy.id, reason: 'HIRED' }, { token: tokens.own }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(await statusInDatabase(vacancy.id)).toBe('OPEN');
  });

  it('answers closing a vacancy that is not OPEN with CONFLICT and keeps its first closing', async () => {
    const vacancy = await postOwn();
    const first = expectData(await federation.query<{ closeVacancy: Posted }>(CLOSE, { id: vacancy.id, reason: 'WITHDRAWN' }, { token: tokens.own }));
    expect(first.closeVacancy).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
    const again = await federation.query(CLOSE, { id: vacancy.id, reason: 'FILLED' }, { token: tokens.own });
    expect(errorOf(again).code).toBe('CONFLICT');
    expect(await statusInDatabase(vacancy.id)).toBe('CLOSED');
  });

  it('lets exactly one of 12 parallel closes of one vacancy succeed', async () => {
    const vacancy = await postOwn();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        federation.query<{ closeVacancy: Posted }>(CLOSE, { id: vacancy.id, reason: index % 2 ? 'FILLED' : 'WITHDRAWN' }, { token: tokens.own }),
      ),
    );
    const winners = responses.filter((response) => response.data?.closeVacancy);
    expect(winners).toHaveLength(1);
    for (const response of responses.filter((r) => !r.data?.closeVacancy)) expect(errorOf(response).code).toBe('CONFLICT');
    expect(await statusInDatabase(vacancy.id)).toBe(winners[0]!.data!.closeVacancy.status);
  });
});

describe('a posted vacancy through the federation', () => {
  it('appears in vacancy(id) with its employer, in Enterprise.vacancies and Region.vacancies, and leaves them when closed', async () => {
    type Lists = {
      vacancy: Posted & { enterprise: { bin: string; name: string } };
      enterpriseByBin: { openVacancyCount: number; open: { edges: { node: { id: string } }[] }; filled: { edges: { node: { id: string } }[] } };
      region: { vacancies: { edges: { node: { id: string } }[] } };
    };
    const lists = async (id: string) =>
      expectData(
        await federation.query<Lists>(
          `query ($id: ID!, $bin: String!, $region: ID!) {
            vacancy(id: $id) { ${POSTED} enterprise { bin name } }
            enterpriseByBin(bin: $bin) { openVacancyCount open: vacancies(first: 500) { edges { node { id } } }
                                         filled: vacancies(status: FILLED, first: 500) { edges { node { id } } } }
            region(code: $region) { vacancies(first: 20) { edges { node { id } } } } }`,
          { id, bin: own.bin, region: own.regionCode },
        ),
      );
    const ids = (page: { edges: { node: { id: string } }[] }) => page.edges.map((edge) => edge.node.id);

    const openBefore = (await lists('00000000-0000-4000-8000-000000000000')).enterpriseByBin.openVacancyCount;
    const vacancy = await postOwn();
    expect(Date.now() - Date.parse(vacancy.postedAt)).toBeLessThan(60_000);
    expect(vacancy).toMatchObject({ status: 'OPEN', openDays: 0, katoCode: own.katoCode, region: { code: own.regionCode }, closedAt: null });

    const open = await lists(vacancy.id);
    expect(open.vacancy).toMatchObject({ id: vacancy.id, status: 'OPEN', enterprise: { bin: own.bin, name: own.name } });
    expect(open.enterpriseByBin.openVacancyCount).toBe(openBefore + 1);
    expect(ids(open.enterpriseByBin.open)).toContain(vacancy.id);
    expect(ids(open.region.vacancies)).toContain(vacancy.id);

    expectData(await federation.query(CLOSE, { id: vacancy.id, reason: 'FILLED' }, { token: tokens.own }));
    const closed = await lists(vacancy.id);
    expect(closed.vacancy).toMatchObject({ status: 'FILLED', closedAt: expect.any(String) });
    expect(closed.enterpriseByBin.openVacancyCount).toBe(openBefore);
    expect(ids(closed.enterpriseByBin.open)).not.toContain(vacancy.id);
    expect(ids(closed.enterpriseByBin.filled)).toContain(vacancy.id);
    expect(ids(closed.region.vacancies)).not.toContain(vacancy.id);
  });

  it('counts a vacancy in the (cached) staffing shortages as soon as it is posted or closed', async () => {
    const openInRegion = async () => {
      const data = expectData(
        await federation.query<{ staffingShortages: { region: { code: string }; openVacancies: number }[] }>(
          '{ staffingShortages(groupBy: REGION, first: 20) { region { code } openVacancies } }',
        ),
      );
      return data.staffingShortages.find((shortage) => shortage.region.code === own.regionCode)!.openVacancies;
    };
    const before = await openInRegion();
    // Asked twice: the second answer comes from the cache, and must still be right.
    expect(await openInRegion()).toBe(before);
    const vacancy = await postOwn();
    expect(await openInRegion()).toBe(before + 1);
    expectData(await federation.query(CLOSE, { id: vacancy.id, reason: 'WITHDRAWN' }, { token: tokens.own }));
    expect(await openInRegion()).toBe(before);
  });

  it('costs one statement to post and two to close (the vacancy the rule judges, then the conditional update)', async () => {
    let vacancy: Posted | undefined;
    expect(await federation.countStatements('vacancies', async () => (vacancy = await postOwn()))).toBe(1);
    const close = () => federation.query(CLOSE, { id: vacancy!.id, reason: 'WITHDRAWN' }, { token: tokens.own });
    expect(await federation.countStatements('vacancies', close)).toBe(2);
  });

  it("takes the location of the employer's latest vacancy when none is given, and the region from the KATO code", async () => {
    const inherited = await postOwn();
    const { rows } = await pool.query<{ lat: number; lon: number }>(
      `select ST_Y(location::geometry) as lat, ST_X(location::geometry) as lon from vacancies.vacancy
        where enterprise_bin = $1 and id <> $2 order by posted_at desc, id desc limit 1`,
      [own.bin, inherited.id],
    );
    expect(inherited.location).toEqual({ lat: rows[0]!.lat, lon: rows[0]!.lon });

    const astana = await postOwn({ katoCode: '711000000', location: { lat: 51.17, lon: 71.45 }, conditionsClass: 'HARMFUL_3_2', housingProvided: true });
    expect(astana).toMatchObject({ region: { code: 'KZ-71' }, location: { lat: 51.17, lon: 71.45 } });
  });
});
