import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation, type GraphQLResponse } from '../support/federation.js';
import {
  adminToken,
  APPLY,
  applicationInput,
  citizens,
  database,
  DECIDE,
  errorCode,
  officerOf,
  ROUTES,
  SET_QUOTA,
  tokenOf,
  zonesOf,
} from './support.js';

/**
 * Who may do what with resettlement (docs/architecture.md §5), for every protected field and mutation and
 * every kind of caller, through the gateway and straight at the subgraph: the subgraph verifies
 * the token itself, so going around the gateway gains nothing.
 */

const RIGHT_REGION = 'KZ-55';
const WRONG_REGION = 'KZ-59';
const QUOTA_YEAR = 2027;

const people = citizens('1961-03-14');
const db = database();

type Expected = 'data' | 'UNAUTHENTICATED' | 'FORBIDDEN';

interface Caller {
  name: string;
  /** `applicantIin`: the citizen whose application the case is about. */
  token: (applicantIin: string) => Promise<string | undefined>;
}

const anonymous: Caller = { name: 'anonymous', token: async () => undefined };
const citizenOwn: Caller = { name: 'the applicant (citizen, own IIN)', token: (iin) => people.token(iin) };
const citizenOther: Caller = { name: 'another citizen', token: () => people.token(db.trackApplicant(people.iin())) };
const officerRight: Caller = { name: `an officer of ${RIGHT_REGION}`, token: () => officerOf(RIGHT_REGION) };
const officerWrong: Caller = { name: `an officer of ${WRONG_REGION}`, token: () => officerOf(WRONG_REGION) };
const inspector: Caller = {
  name: `an inspector of ${RIGHT_REGION}`,
  token: () => tokenOf({ sub: 'inspector-1', roles: ['inspector'], regions: [RIGHT_REGION] }),
};
const employer: Caller = { name: 'an employer', token: () => tokenOf({ sub: 'employer-1', roles: ['employer'], bin: '940140000385' }) };
const admin: Caller = { name: 'an admin', token: () => adminToken() };

let zoneId: string;
let otherZoneId: string;

/** A fresh PENDING application to the right region's zone, filed by a fresh citizen. */
async function pendingApplication(): Promise<{ id: string; applicantIin: string }> {
  const applicantIin = db.trackApplicant(people.iin());
  const response = await federation.query<{ applyForResettlement: { id: string } }>(APPLY, { input: applicationInput(zoneId) }, {
    token: await people.token(applicantIin),
  });
  return { id: expectData(response).applyForResettlement.id, applicantIin };
}

function expectOutcome(response: GraphQLResponse, expected: Expected) {
  if (expected === 'data') expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  else expect(errorCode(response)).toBe(expected);
}

beforeAll(async () => {
  const [zone] = await zonesOf(RIGHT_REGION);
  const [otherZone] = await zonesOf(WRONG_REGION);
  zoneId = zone!.id;
  otherZoneId = otherZone!.id;
  await db.trackQuota(zoneId, QUOTA_YEAR);
});

afterAll(() => db.restore());

describe.each(ROUTES)('resettlement access %s', (_route, send) => {
  describe('resettlementApplications', () => {
    let own: { id: string; applicantIin: string };
    let other: { id: string; applicantIin: string };

    beforeAll(async () => {
      own = await pendingApplication();
      const otherIin = db.trackApplicant(people.iin());
      const response = await federation.query<{ applyForResettlement: { id: string } }>(APPLY, { input: applicationInput(otherZoneId) }, {
        token: await people.token(otherIin),
      });
      other = { id: expectData(response).applyForResettlement.id, applicantIin: otherIin };
    });

    const LIST = '{ resettlementApplications(first: 400) { totalCount edges { node { id zone { region { code } } applicantIinMasked } } } }';
    type List = { resettlementApplications: { totalCount: number; edges: { node: { id: string; zone: { region: { code: string } } } }[] } };

    it('is UNAUTHENTICATED for an anonymous caller', async () => {
      expect(errorCode(await send(LIST))).toBe('UNAUTHENTICATED');
    });

    it.each([inspector, employer])('is FORBIDDEN for $name', async (caller: Caller) => {
      const response = await send(LIST, {}, { token: await caller.token(own.applicantIin) });
      expect(errorCode(response)).toBe('FORBIDDEN');
      expect(response.data ?? null).toBeNull();
    });

    it("gives a citizen their own applications and nobody else's", async () => {
      for (const mine of [own, other]) {
        const list = expectData(await send(LIST, {}, { token: await people.token(mine.applicantIin) })) as List;
        expect(list.resettlementApplications.totalCount).toBe(1);
        expect(list.resettlementApplications.edges.map((edge) => edge.node.id)).toEqual([mine.id]);
      }
    });

    it.each([
      [RIGHT_REGION, () => own, () => other],
      [WRONG_REGION, () => other, () => own],
    ])('gives an officer of %s the applications of their region only, counted in SQL', async (region, mine, notMine) => {
      const list = expectData(await send(LIST, {}, { token: await officerOf(region) })) as List;
      const ids = list.resettlementApplications.edges.map((edge) => edge.node.id);
      expect(list.resettlementApplications.edges.every((edge) => edge.node.zone.region.code === region)).toBe(true);
      expect(ids).toContain(mine().id);
      expect(ids).not.toContain(notMine().id);
      expect(list.resettlementApplications.totalCount).toBeLessThan(await db.applicationCount());
    });

    it('gives an admin every application', async () => {
      const list = expectData(await send(LIST, {}, { token: await admin.token('') })) as List;
      expect(list.resettlementApplications.totalCount).toBe(await db.applicationCount());
    });

    it('shows the full applicant IIN to the applicant and an admin, and only the masked one to the officer', async () => {
      const IIN = '{ resettlementApplications(first: 500) { edges { node { id applicantIin applicantIinMasked } } } }';
      type Iin = { resettlementApplications: { edges: { node: { id: string; applicantIin: string | null; applicantIinMasked: string } }[] } };
      const masked = `${own.applicantIin.slice(0, 6)}******`;

      const mine = expectData(await send(IIN, {}, { token: await people.token(own.applicantIin) })) as Iin;
      expect(mine.resettlementApplications.edges[0]!.node).toEqual({ id: own.id, applicantIin: own.applicantIin, applicantIinMasked: masked });

      const byOfficer = await send(IIN, {}, { token: await officerOf(RIGHT_REGION) });
      const edges = (byOfficer.data as Iin).resettlementApplications.edges;
      const index = edges.findIndex((edge) => edge.node.id === own.id);
      expect(edges[index]!.node).toEqual({ id: own.id, applicantIin: null, applicantIinMasked: masked });
      expect(edges.every((edge) => edge.node.applicantIin === null && /^\d{6}\*{6}$/.test(edge.node.applicantIinMasked))).toBe(true);
      // One FORBIDDEN per application on the page, each for that field alone.
      expect(byOfficer.errors).toHaveLength(edges.length);
      expect(byOfficer.errors!.every((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.at(-1) === 'applicantIin')).toBe(true);
      expect(byOfficer.errors!.map((error) => error.path)).toContainEqual(['resettlementApplications', 'edges', index, 'node', 'applicantIin']);

      const byAdmin = expectData(await send(IIN, {}, { token: await admin.token('') })) as Iin;
      expect(byAdmin.resettlementApplications.edges.find((edge) => edge.node.id === own.id)?.node.applicantIin).toBe(own.applicantIin);
    });
  });

  describe('applyForResettlement', () => {
    it.each<{ caller: Caller; expected: Expected }>([
      { caller: anonymous, expected: 'UNAUTHENTICATED' },
      { caller: citizenOwn, expected: 'data' },
      { caller: officerRight, expected: 'FORBIDDEN' },
      { caller: officerWrong, expected: 'FORBIDDEN' },
      { caller: inspector, expected: 'FORBIDDEN' },
      { caller: employer, expected: 'FORBIDDEN' },
      // An admin may do anything, but applies only for the family of the IIN in their own token: without one, nobody to apply for.
      { caller: admin, expected: 'FORBIDDEN' },
    ])('$caller.name → $expected', async ({ caller, expected }) => {
      const before = await db.applicationCount();
      const response = await send(APPLY, { input: applicationInput(zoneId) }, { token: await caller.token(db.trackApplicant(people.iin())) });
      expectOutcome(response, expected);
      expect(await db.applicationCount()).toBe(before + (expected === 'data' ? 1 : 0));
    });
  });

  describe('decideResettlementApplication', () => {
    it.each<{ caller: Caller; expected: Expected }>([
      { caller: anonymous, expected: 'UNAUTHENTICATED' },
      { caller: citizenOwn, expected: 'FORBIDDEN' },
      { caller: citizenOther, expected: 'FORBIDDEN' },
      { caller: officerRight, expected: 'data' },
      { caller: officerWrong, expected: 'FORBIDDEN' },
      { caller: inspector, expected: 'FORBIDDEN' },
      { caller: employer, expected: 'FORBIDDEN' },
      { caller: admin, expected: 'data' },
    ])('$caller.name → $expected', async ({ caller, expected }) => {
      const application = await pendingApplication();
      const response = await send(DECIDE, { id: application.id, decision: 'REJECT', reason: 'matrix test' }, {
        token: await caller.token(application.applicantIin),
      });
      expectOutcome(response, expected);
      expect((await db.application(application.id))?.status).toBe(expected === 'data' ? 'REJECTED' : 'PENDING');
    });

    it('refuses an unknown application id like somebody else’s (FORBIDDEN), and tells an admin NOT_FOUND', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const variables = { id: unknown, decision: 'REJECT', reason: 'no such application' };
      expect(errorCode(await send(DECIDE, variables, { token: await officerOf(RIGHT_REGION) }))).toBe('FORBIDDEN');
      expect(errorCode(await send(DECIDE, variables, { token: await adminToken() }))).toBe('NOT_FOUND');
    });
  });

  describe('setZoneQuota', () => {
    it.each<{ caller: Caller; expected: Expected; families: number }>([
      { caller: anonymous, expected: 'UNAUTHENTICATED', families: 11 },
      { caller: citizenOwn, expected: 'FORBIDDEN', families: 12 },
      { caller: officerRight, expected: 'data', families: 13 },
      { caller: officerWrong, expected: 'FORBIDDEN', families: 14 },
      { caller: inspector, expected: 'FORBIDDEN', families: 15 },
      { caller: employer, expected: 'FORBIDDEN', families: 16 },
      { caller: admin, expected: 'data', families: 17 },
    ])('$caller.name → $expected', async ({ caller, expected, families }) => {
      const before = await db.quotaFamilies(zoneId, QUOTA_YEAR);
      const response = await send(SET_QUOTA, { zoneId, year: QUOTA_YEAR, families }, { token: await caller.token(people.iin()) });
      expectOutcome(response, expected);
      expect(await db.quotaFamilies(zoneId, QUOTA_YEAR)).toBe(expected === 'data' ? families : before);
    });

    it('answers an unknown zone with NOT_FOUND (zones are public)', async () => {
      const response = await send(SET_QUOTA, { zoneId: '00000000-0000-4000-8000-000000000000', year: QUOTA_YEAR, families: 1 }, {
        token: await officerOf(RIGHT_REGION),
      });
      expect(errorCode(response)).toBe('NOT_FOUND');
    });
  });
});
