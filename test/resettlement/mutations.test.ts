import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyRentSubsidyTenge, relocationSubsidyTenge } from '../../services/resettlement/domain/subsidies.js';
import { expectData, federation } from '../support/federation.js';
import {
  APPLY,
  applicationInput,
  citizens,
  database,
  DECIDE,
  DONOR_KATO,
  errorCode,
  officerOf,
  RECIPIENT_KATO,
  SET_QUOTA,
  YEAR,
  zonesOf,
  type ZoneWithQuota,
} from './support.js';

const REGION = 'KZ-59';
const PLANNING_YEAR = 2028;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const people = citizens('1962-07-01');
const db = database();

interface Applied {
  applyForResettlement: {
    id: string;
    year: number;
    status: string;
    zone: { id: string };
    fromKatoCode: string;
    fromRegion: { code: string };
    familyMembers: number;
    ableBodiedMembers: number;
    relocationSubsidyTenge: number;
    monthlyRentSubsidyTenge: number;
    commitmentYears: number;
    decidedAt: string | null;
    reason: string | null;
  };
}

let zone: ZoneWithQuota;
let officer: string;

async function apply(overrides: Record<string, unknown> = {}, applicantIin = db.trackApplicant(people.iin())) {
  return federation.query<Applied>(APPLY, { input: applicationInput(zone.id, overrides) }, { token: await people.token(applicantIin) });
}

async function pendingApplicationId(): Promise<string> {
  return expectData(await apply()).applyForResettlement.id;
}

async function quotaOf(zoneId: string, year: number) {
  const data = expectData(
    await federation.query<{ resettlementZones: { id: string; quota: { families: number; acceptedFamilies: number } | null }[] }>(
      `{ resettlementZones(regionCode: "${REGION}") { id quota(year: ${year}) { families acceptedFamilies } } }`,
    ),
  );
  return data.resettlementZones.find((candidate) => candidate.id === zoneId)!.quota;
}

beforeAll(async () => {
  // Two tests accept a family each.
  zone = (await zonesOf(REGION)).find((candidate) => candidate.quota.freeFamilies >= 2)!;
  officer = await officerOf(REGION);
  await db.trackQuota(zone.id, YEAR);
  await db.trackQuota(zone.id, PLANNING_YEAR);
});

afterAll(() => db.restore());

describe('applyForResettlement', () => {
  it("files a pending application for the citizen's own family, with subsidies from the year's MCI and the 5-year commitment", async () => {
    const applicantIin = db.trackApplicant(people.iin());
    const application = expectData(await apply({ familyMembers: 5, ableBodiedMembers: 3 }, applicantIin)).applyForResettlement;
    expect(application).toMatchObject({
      year: YEAR,
      status: 'PENDING',
      zone: { id: zone.id },
      fromKatoCode: DONOR_KATO,
      fromRegion: { code: 'KZ-61' },
      familyMembers: 5,
      ableBodiedMembers: 3,
      relocationSubsidyTenge: relocationSubsidyTenge(5, YEAR),
      monthlyRentSubsidyTenge: monthlyRentSubsidyTenge(5, YEAR),
      commitmentYears: 5,
      decidedAt: null,
      reason: null,
    });
    // 2026 MCI is 4 325 tenge: 70 MCI for each of 5 members, 30 MCI of rent a month for a family of 5.
    expect(application.relocationSubsidyTenge).toBe(1_513_750);
    expect(application.monthlyRentSubsidyTenge).toBe(129_750);

    const mine = expectData(
      await federation.query<{ resettlementApplications: { edges: { node: { id: string; applicantIin: string } }[] } }>(
        '{ resettlementApplications { edges { node { id applicantIin } } } }',
        {},
        { token: await people.token(applicantIin) },
      ),
    );
    expect(mine.resettlementApplications.edges.map((edge) => edge.node)).toEqual([{ id: application.id, applicantIin }]);
  });

  it('refuses a second open application of the same citizen for the same year with CONFLICT', async () => {
    const applicantIin = db.trackApplicant(people.iin());
    expectData(await apply({}, applicantIin));
    const before = await db.applicationCount();
    expect(errorCode(await apply({ familyMembers: 2, ableBodiedMembers: 1 }, applicantIin))).toBe('CONFLICT');
    expect(await db.applicationCount()).toBe(before);
  });

  it('lets a citizen apply again once the earlier application was rejected', async () => {
    const applicantIin = db.trackApplicant(people.iin());
    const first = expectData(await apply({}, applicantIin)).applyForResettlement;
    expectData(await federation.query(DECIDE, { id: first.id, decision: 'REJECT', reason: 'documents missing' }, { token: officer }));
    expect(expectData(await apply({}, applicantIin)).applyForResettlement.status).toBe('PENDING');
  });

  it('answers a zone that does not exist with NOT_FOUND and files nothing', async () => {
    const before = await db.applicationCount();
    expect(errorCode(await apply({ zoneId: UNKNOWN_ID }))).toBe('NOT_FOUND');
    expect(await db.applicationCount()).toBe(before);
  });

  it.each([
    ['a zone id that is not an id', { zoneId: 'zone-1' }, 'input.zoneId'],
    ['a year before the table allows', { year: 2019 }, 'input.year'],
    ['a year whose MCI is not published', { year: 2027 }, 'input.year'],
    ['a year without regional resettlement data', { year: 2025 }, 'input.year'],
    ['a KATO code of 5 digits', { fromKatoCode: '61101' }, 'input.fromKatoCode'],
    ['a KATO code of no region', { fromKatoCode: '991010000' }, 'input.fromKatoCode'],
    ['a KATO code in a recipient region', { fromKatoCode: RECIPIENT_KATO }, 'input.fromKatoCode'],
    ['no family members', { familyMembers: 0, ableBodiedMembers: 0 }, 'input.familyMembers'],
    ['21 family members', { familyMembers: 21 }, 'input.familyMembers'],
    ['no able-bodied member', { ableBodiedMembers: 0 }, 'input.ableBodiedMembers'],
    ['more able-bodied members than members', { familyMembers: 2, ableBodiedMembers: 3 }, 'input.ableBodiedMembers'],
  ])('answers %s with BAD_USER_INPUT on the field, and files nothing', async (_case, overrides, argument) => {
    const before = await db.applicationCount();
    const response = await apply(overrides);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(response.data ?? null).toBeNull();
    expect(await db.applicationCount()).toBe(before);
  });
});

describe('decideResettlementApplication', () => {
  it("accepts a pending application into the zone's quota", async () => {
    const id = await pendingApplicationId();
    const before = await quotaOf(zone.id, YEAR);
    const decided = expectData(
      await federation.query<{ decideResettlementApplication: { id: string; status: string; decidedAt: string | null } }>(
        DECIDE,
        { id, decision: 'ACCEPT' },
        { token: officer },
      ),
    ).decideResettlementApplication;
    expect(decided.status).toBe('ACCEPTED');
    expect(decided.decidedAt).not.toBeNull();
    expect(await quotaOf(zone.id, YEAR)).toEqual({ families: before!.families, acceptedFamilies: before!.acceptedFamilies + 1 });
  });

  it('rejects with the reason, trimmed', async () => {
    const id = await pendingApplicationId();
    const decided = expectData(
      await federation.query<{ decideResettlementApplication: { status: string; reason: string } }>(
        DECIDE,
        { id, decision: 'REJECT', reason: '  incomplete documents ' },
        { token: officer },
      ),
    ).decideResettlementApplication;
    expect(decided).toMatchObject({ status: 'REJECTED', reason: 'incomplete documents' });
  });

  it('decides an application only once: a second decision is a CONFLICT and changes nothing', async () => {
    const id = await pendingApplicationId();
    expectData(await federation.query(DECIDE, { id, decision: 'REJECT', reason: 'first decision' }, { token: officer }));
    const response = await federation.query(DECIDE, { id, decision: 'ACCEPT' }, { token: officer });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(await db.application(id)).toMatchObject({ status: 'REJECTED', reason: 'first decision' });
  });

  it("refuses an acceptance into a full quota with CONFLICT and leaves the application pending", async () => {
    const current = (await quotaOf(zone.id, YEAR))!;
    expectData(await federation.query(SET_QUOTA, { zoneId: zone.id, year: YEAR, families: current.acceptedFamilies }, { token: officer }));
    const id = await pendingApplicationId();
    expect(errorCode(await federation.query(DECIDE, { id, decision: 'ACCEPT' }, { token: officer }))).toBe('CONFLICT');
    expect((await db.application(id))?.status).toBe('PENDING');
    expectData(await federation.query(SET_QUOTA, { zoneId: zone.id, year: YEAR, families: current.families }, { token: officer }));
  });

  it.each([
    ['an id that is not an id', { id: 'application-1', decision: 'REJECT', reason: 'x' }, 'id'],
    ['a rejection without a reason', { decision: 'REJECT' }, 'reason'],
    ['a rejection with a blank reason', { decision: 'REJECT', reason: '   ' }, 'reason'],
    ['a reason longer than 2 000 characters', { decision: 'REJECT', reason: 'x'.repeat(2001) }, 'reason'],
  ])('answers %s with BAD_USER_INPUT on the argument, and leaves the application pending', async (_case, variables, argument) => {
    const id = await pendingApplicationId();
    const response = await federation.query(DECIDE, { id, ...variables }, { token: officer });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await db.application(id)).toMatchObject({ status: 'PENDING', reason: null, decided_at: null });
  });
});

describe('setZoneQuota', () => {
  it('creates a quota for a year without one, then replaces it', async () => {
    type Set = { setZoneQuota: { id: string; quota: { year: number; families: number; acceptedFamilies: number; freeFamilies: number } } };
    const created = expectData(await federation.query<Set>(SET_QUOTA, { zoneId: zone.id, year: PLANNING_YEAR, families: 40 }, { token: officer }));
    expect(created.setZoneQuota).toEqual({ id: zone.id, quota: { year: PLANNING_YEAR, families: 40, acceptedFamilies: 0, freeFamilies: 40 } });
    const replaced = expectData(await federation.query<Set>(SET_QUOTA, { zoneId: zone.id, year: PLANNING_YEAR, families: 0 }, { token: officer }));
    expect(replaced.setZoneQuota.quota).toMatchObject({ families: 0, freeFamilies: 0 });
    expect(await db.quotaFamilies(zone.id, PLANNING_YEAR)).toBe(0);
  });

  it('refuses a quota below the families already accepted with CONFLICT, keeping the quota', async () => {
    expectData(await federation.query(DECIDE, { id: await pendingApplicationId(), decision: 'ACCEPT' }, { token: officer }));
    const current = (await quotaOf(zone.id, YEAR))!;
    const response = await federation.query(SET_QUOTA, { zoneId: zone.id, year: YEAR, families: current.acceptedFamilies - 1 }, { token: officer });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(await db.quotaFamilies(zone.id, YEAR)).toBe(current.families);
  });

  it.each([
    ['a zone id that is not an id', { zoneId: 'zone-1' }, 'zoneId'],
    ['a year before 2020', { year: 2019 }, 'year'],
    ['a year after 2100', { year: 2101 }, 'year'],
    ['a negative number of families', { families: -1 }, 'families'],
  ])('answers %s with BAD_USER_INPUT on the argument, and keeps the quota', async (_case, overrides, argument) => {
    const before = await db.quotaFamilies(zone.id, YEAR);
    const response = await federation.query(SET_QUOTA, { zoneId: zone.id, year: YEAR, families: 1_000, ...overrides }, { token: officer });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    expect(await db.quotaFamilies(zone.id, YEAR)).toBe(before);
  });
});
