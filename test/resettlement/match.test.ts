import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectorMatch, sectorOfOccupation, WORK_SECTORS, type WorkSector } from '../../services/kernel/domain/work-sectors.js';
import { expectData, federation } from '../support/federation.js';
import { APPLY, applicationInput, citizens, database, errorCode, officerOf, YEAR } from './support.js';

describe('the sector match rule (docs/domain.md §10)', () => {
  it('reproduces the 2017 study: 794 state, 116 agriculture, 98 own business against 1 785 vacancies', () => {
    const applicants = new Map<WorkSector, number>([['GOVERNMENT', 794], ['AGRICULTURE', 116], ['OWN_BUSINESS', 98]]);
    // 37 % production, 31 % education, 21 % healthcare, 6 % government, 3.6 % agriculture, 1 % construction of 1 785; 8 unlisted.
    const vacancies = new Map<WorkSector, number>([
      ['PRODUCTION', 660], ['EDUCATION', 553], ['HEALTHCARE', 375], ['GOVERNMENT', 107], ['AGRICULTURE', 64], ['CONSTRUCTION', 18], ['TRADE_AND_SERVICES', 8],
    ]);
    const match = sectorMatch(applicants, vacancies);
    expect(match.applicants).toBe(1008);
    expect(match.vacancies).toBe(1785);
    expect(match.sectors.reduce((sum, row) => sum + row.applicantShare, 0)).toBeCloseTo(1, 12);
    expect(match.sectors.reduce((sum, row) => sum + row.vacancyShare, 0)).toBeCloseTo(1, 12);
    // By hand: only government (107 of 1 785) and agriculture (64) overlap the movers' wishes,
    // so the index is 1 − 107/1785 − 64/1785 = 0.9042: nine in ten movers would have to change sector.
    expect(match.mismatchIndex).toBeCloseTo(1 - 107 / 1785 - 64 / 1785, 12);
    expect(match.mismatchIndex).toBeCloseTo(0.9042, 4);
  });

  it('is 0 for identical distributions and null when a side is empty', () => {
    const same = new Map<WorkSector, number>([['PRODUCTION', 3], ['EDUCATION', 1]]);
    expect(sectorMatch(same, new Map([['PRODUCTION', 30], ['EDUCATION', 10]])).mismatchIndex).toBeCloseTo(0, 12);
    expect(sectorMatch(new Map(), same).mismatchIndex).toBeNull();
  });

  it('counts vacancies by their occupation: teachers education, nurses healthcare, bricklayers construction, miners production', () => {
    expect(['2341', '2221', '7112', '8111', '6111', '1120'].map(sectorOfOccupation)).toEqual([
      'EDUCATION', 'HEALTHCARE', 'CONSTRUCTION', 'PRODUCTION', 'AGRICULTURE', 'GOVERNMENT',
    ]);
  });
});

const MATCH = `query Match($zoneId: ID!, $year: Int!) {
  resettlementMatch(zoneId: $zoneId, year: $year) { zone { id } year radiusKm applicants mismatchIndex
    sectors { sector applicants applicantShare vacancies vacancyShare } } }`;

interface MatchData {
  resettlementMatch: { zone: { id: string }; year: number; radiusKm: number; applicants: number; mismatchIndex: number | null;
    sectors: { sector: WorkSector; applicants: number; applicantShare: number; vacancies: number; vacancyShare: number }[] };
}

let client: pg.Client;
let zoneId: string;

beforeAll(async () => {
  client = new pg.Client({ connectionString: federation.databaseUrl() });
  await client.connect();
  // The zone with the most open vacancies around it, so both sides of the match have rows.
  const { rows } = await client.query(
    `select z.id from resettlement.resettlement_zone z
      order by (select count(*) from vacancies.vacancy v where v.status = 'OPEN'
                 and ST_DWithin(v.location, z.area::geography, 30000, false)) desc, z.id limit 1`,
  );
  zoneId = rows[0].id;
});

afterAll(async () => {
  await client.end();
});

describe('resettlementMatch through the gateway', () => {
  it('counts the zone’s applicants’ intentions and the open vacancies within 30 km by sector, as the database holds them', async () => {
    const data = expectData(await federation.query<MatchData>(MATCH, { zoneId, year: YEAR })).resettlementMatch;
    const applicants = (
      await client.query(
        `select i.sector, count(*)::int as members from resettlement.application_intention i
           join resettlement.resettlement_application a on a.id = i.application_id
          where a.zone_id = $1 and a.year = $2 and a.status in ('PENDING', 'ACCEPTED') group by i.sector`,
        [zoneId, YEAR],
      )
    ).rows as { sector: WorkSector; members: number }[];
    const vacancies = (
      await client.query(
        `select v.occupation_code from vacancies.vacancy v join resettlement.resettlement_zone z on z.id = $1
          where v.status = 'OPEN' and ST_DWithin(v.location, z.area::geography, 30000, false)`,
        [zoneId],
      )
    ).rows as { occupation_code: string }[];
    expect(vacancies.length).toBeGreaterThan(0);
    expect(data.applicants).toBeGreaterThan(0);
    expect(data.sectors.map((row) => row.sector)).toEqual([...WORK_SECTORS]);
    for (const row of data.sectors) {
      expect(row.applicants).toBe(applicants.find((candidate) => candidate.sector === row.sector)?.members ?? 0);
      expect(row.vacancies).toBe(vacancies.filter((vacancy) => sectorOfOccupation(vacancy.occupation_code) === row.sector).length);
    }
    expect(data.sectors.reduce((sum, row) => sum + row.applicantShare, 0)).toBeCloseTo(1, 9);
    expect(data.sectors.reduce((sum, row) => sum + row.vacancyShare, 0)).toBeCloseTo(1, 9);
    const index = data.sectors.reduce((sum, row) => sum + Math.abs(row.applicantShare - row.vacancyShare), 0) / 2;
    expect(data.mismatchIndex).toBeCloseTo(index, 9);
  });

  it('adds a new family’s stated intentions to its zone’s applicants, and refuses a wrong number of them', async () => {
    const db = database();
    const people = citizens('1961-03-04');
    try {
      const before = expectData(await federation.query<MatchData>(MATCH, { zoneId, year: YEAR })).resettlementMatch;
      const iin = db.trackApplicant(people.iin());
      const intendedWork = [{ sector: 'EDUCATION', occupationCode: '2341' }, { sector: 'EDUCATION' }, { sector: 'HEALTHCARE', occupationCode: '2221' }];
      const filed = await federation.query(APPLY, { input: applicationInput(zoneId, { familyMembers: 5, ableBodiedMembers: 3, intendedWork }) }, { token: await people.token(iin) });
      expectData(filed);
      const after = expectData(await federation.query<MatchData>(MATCH, { zoneId, year: YEAR })).resettlementMatch;
      const change = (sector: WorkSector) => after.sectors.find((r) => r.sector === sector)!.applicants - before.sectors.find((r) => r.sector === sector)!.applicants;
      expect(after.applicants - before.applicants).toBe(3);
      expect([change('EDUCATION'), change('HEALTHCARE'), change('GOVERNMENT')]).toEqual([2, 1, 0]);

      const other = db.trackApplicant(people.iin());
      const wrong = await federation.query(APPLY, { input: applicationInput(zoneId, { ableBodiedMembers: 2, intendedWork: [{ sector: 'EDUCATION' }] }) }, { token: await people.token(other) });
      expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.intendedWork' });
      const badCode = await federation.query(
        APPLY,
        { input: applicationInput(zoneId, { ableBodiedMembers: 1, intendedWork: [{ sector: 'EDUCATION', occupationCode: '99' }] }) },
        { token: await people.token(other) },
      );
      expect(badCode.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'input.intendedWork.0.occupationCode' });
    } finally {
      await db.restore();
    }
  });

  it('gives every recipient region and the country, each side summing to 1, in constant statements', async () => {
    const query = `query ByRegion { resettlementMatchByRegion(year: ${YEAR}) {
      national { applicants mismatchIndex sectors { applicants applicantShare vacancies vacancyShare } }
      regions { region { code } applicants mismatchIndex sectors { applicants applicantShare vacancies vacancyShare } } } }`;
    let data: { resettlementMatchByRegion: { national: { applicants: number; mismatchIndex: number; sectors: { applicants: number; applicantShare: number; vacancies: number; vacancyShare: number }[] };
      regions: { region: { code: string }; applicants: number; sectors: { applicants: number; applicantShare: number; vacancyShare: number }[] }[] } } | undefined;
    const vacancyStatements = await federation.countStatements('vacancies', async () => {
      data = expectData(await federation.query(query));
    });
    const report = data!.resettlementMatchByRegion;
    expect(report.regions.map((row) => row.region.code)).toEqual(['KZ-10', 'KZ-11', 'KZ-23', 'KZ-27', 'KZ-39', 'KZ-55', 'KZ-59', 'KZ-62', 'KZ-63', 'KZ-35'].sort());
    // At most one statement per entity fetch of the plan (the national match, the ten regions'), never one per region.
    expect(vacancyStatements).toBeGreaterThanOrEqual(1);
    expect(vacancyStatements).toBeLessThanOrEqual(2);
    expect(report.national.applicants).toBe(report.regions.reduce((sum, row) => sum + row.applicants, 0));
    for (const match of [report.national, ...report.regions]) {
      if (match.applicants === 0) continue;
      expect(match.sectors.reduce((sum, row) => sum + row.applicantShare, 0)).toBeCloseTo(1, 9);
      expect(match.sectors.reduce((sum, row) => sum + row.vacancyShare, 0)).toBeCloseTo(1, 9);
    }
    // The demo's movers want what the 2017 movers wanted: most of them state jobs the vacancies barely offer.
    expect(report.national.mismatchIndex).toBeGreaterThan(0.6);
  });

  it.each([[{ year: 1900 }, 'year'], [{ zoneId: 'nope' }, 'zoneId']])('rejects %j as BAD_USER_INPUT on %s', async (variables, argument) => {
    const response = await federation.query(MATCH, { zoneId, year: YEAR, ...variables });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});

const RECORD = `mutation Return($applicationId: ID!, $returnedOn: Date!, $members: Int!) {
  recordResettlementReturn(applicationId: $applicationId, returnedOn: $returnedOn, members: $members) { applicationId returnedOn members } }`;
const RATES = `query Rates($year: Int!) {
  resettlementReturnRate(year: $year) { resettledPersons returnedPersons rate }
  resettlementZones(year: $year) { id returnRate(year: $year) { resettledPersons returnedPersons rate } } }`;

interface Rates {
  resettlementReturnRate: { resettledPersons: number; returnedPersons: number; rate: number };
  resettlementZones: { id: string; returnRate: { resettledPersons: number; returnedPersons: number; rate: number | null } }[];
}

describe('returns of resettled families', () => {
  const recorded: string[] = [];
  afterAll(async () => {
    await client.query('delete from resettlement.resettlement_return where application_id = any($1::uuid[])', [recorded]);
  });

  it('come to about 108 of 7 000 resettlers in the demo, nationally and as the zones add up', async () => {
    const data = expectData(await federation.query<Rates>(RATES, { year: YEAR }));
    const national = data.resettlementReturnRate;
    expect(national.returnedPersons).toBeGreaterThan(0);
    expect(Math.abs(national.rate - 108 / 7000)).toBeLessThan(0.002);
    expect(data.resettlementZones.reduce((sum, zone) => sum + zone.returnRate.returnedPersons, 0)).toBe(national.returnedPersons);
    expect(data.resettlementZones.reduce((sum, zone) => sum + zone.returnRate.resettledPersons, 0)).toBe(national.resettledPersons);
  });

  it('are recorded only by an officer of the zone’s region, once, within the family and not in the future', async () => {
    const { rows } = await client.query(
      `select a.id, a.family_members, z.region_code from resettlement.resettlement_application a
         join resettlement.resettlement_zone z on z.id = a.zone_id
        where a.status = 'ACCEPTED' and not exists (select 1 from resettlement.resettlement_return r where r.application_id = a.id)
        order by a.id limit 1`,
    );
    const application = rows[0] as { id: string; family_members: number; region_code: string };
    const variables = { applicationId: application.id, returnedOn: '2026-11-20', members: 1 };
    const otherRegion = application.region_code === 'KZ-55' ? 'KZ-59' : 'KZ-55';
    expect(errorCode(await federation.query(RECORD, variables))).toBe('UNAUTHENTICATED');
    expect(errorCode(await federation.query(RECORD, variables, { token: await officerOf(otherRegion) }))).toBe('FORBIDDEN');
    const citizen = citizens('1962-01-01');
    const iin = citizen.iin();
    expect(errorCode(await federation.query(RECORD, variables, { token: await citizen.token(iin) }))).toBe('FORBIDDEN');
    const officer = await officerOf(application.region_code);
    const tooMany = await federation.query(RECORD, { ...variables, members: application.family_members + 1 }, { token: officer });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'members' });
    const future = await federation.query(RECORD, { ...variables, returnedOn: '2999-01-01' }, { token: officer });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'returnedOn' });
    const unknownApplication = await federation.query(RECORD, { ...variables, applicationId: '00000000-0000-4000-8000-000000000000' }, { token: officer });
    expect(errorCode(unknownApplication)).toBe('FORBIDDEN');
    // Nothing of that was written.
    expect((await client.query('select count(*)::int as n from resettlement.resettlement_return where application_id = $1', [application.id])).rows[0].n).toBe(0);

    const before = expectData(await federation.query<Rates>(RATES, { year: YEAR })).resettlementReturnRate;
    const done = expectData(await federation.query<{ recordResettlementReturn: unknown }>(RECORD, variables, { token: officer }));
    recorded.push(application.id);
    expect(done.recordResettlementReturn).toEqual({ applicationId: application.id, returnedOn: '2026-11-20', members: 1 });
    const after = expectData(await federation.query<Rates>(RATES, { year: YEAR })).resettlementReturnRate;
    expect(after.returnedPersons - before.returnedPersons).toBe(1);
    expect(errorCode(await federation.query(RECORD, variables, { token: officer }))).toBe('CONFLICT');
  });

  it('are refused for a family that has not moved (a pending application)', async () => {
    const { rows } = await client.query(
      `select a.id, z.region_code from resettlement.resettlement_application a join resettlement.resettlement_zone z on z.id = a.zone_id
        where a.status = 'PENDING' order by a.id limit 1`,
    );
    const response = await federation.query(RECORD, { applicationId: rows[0].id, returnedOn: '2026-11-20', members: 1 }, { token: await officerOf(rows[0].region_code) });
    expect(errorCode(response)).toBe('CONFLICT');
  });
});
