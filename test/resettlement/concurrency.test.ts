import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';
import { APPLY, applicationInput, citizens, database, DECIDE, errorCode, officerOf, SET_QUOTA, YEAR, zonesOf, type ZoneWithQuota } from './support.js';

const REGION = 'KZ-63';
const FREE_FAMILIES = 6;

const people = citizens('1963-11-20');
const db = database();

let zone: ZoneWithQuota;
let officer: string;

beforeAll(async () => {
  [zone] = (await zonesOf(REGION)) as [ZoneWithQuota];
  officer = await officerOf(REGION);
  await db.trackQuota(zone.id, YEAR);
});

afterAll(() => db.restore());

async function pendingApplications(count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const token = await people.token(db.trackApplicant(people.iin()));
      return expectData(await federation.query<{ applyForResettlement: { id: string } }>(APPLY, { input: applicationInput(zone.id) }, { token }))
        .applyForResettlement.id;
    }),
  );
}

describe('concurrent resettlement decisions', () => {
  it(`accepts exactly the ${FREE_FAMILIES} free families when 2×${FREE_FAMILIES}+5 acceptances arrive at once`, async () => {
    const quota = expectData(
      await federation.query<{ setZoneQuota: { quota: { families: number; acceptedFamilies: number } } }>(
        SET_QUOTA,
        { zoneId: zone.id, year: YEAR, families: zone.quota.acceptedFamilies + FREE_FAMILIES },
        { token: officer },
      ),
    ).setZoneQuota.quota;
    const ids = await pendingApplications(2 * FREE_FAMILIES + 5);

    const answers = await Promise.all(ids.map((id) => federation.query(DECIDE, { id, decision: 'ACCEPT' }, { token: officer })));

    expect(answers.filter((answer) => !answer.errors)).toHaveLength(FREE_FAMILIES);
    expect(answers.filter((answer) => answer.errors).map(errorCode)).toEqual(Array(FREE_FAMILIES + 5).fill('CONFLICT'));
    const after = expectData(
      await federation.query<{ resettlementZones: { id: string; quota: { families: number; acceptedFamilies: number; freeFamilies: number } }[] }>(
        `{ resettlementZones(regionCode: "${REGION}") { id quota(year: ${YEAR}) { families acceptedFamilies freeFamilies } } }`,
      ),
    ).resettlementZones.find((candidate) => candidate.id === zone.id)!.quota;
    expect(after).toEqual({ families: quota.families, acceptedFamilies: quota.families, freeFamilies: 0 });
    const statuses = await Promise.all(ids.map(async (id) => (await db.application(id))?.status));
    expect(statuses.filter((status) => status === 'ACCEPTED')).toHaveLength(FREE_FAMILIES);
    expect(statuses.filter((status) => status === 'PENDING')).toHaveLength(FREE_FAMILIES + 5);
  });

  it('files one application when the same citizen sends ten at once', async () => {
    const token = await people.token(db.trackApplicant(people.iin()));
    const before = await db.applicationCount();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => federation.query(APPLY, { input: applicationInput(zone.id) }, { token })),
    );
    expect(answers.filter((answer) => !answer.errors)).toHaveLength(1);
    expect(answers.filter((answer) => answer.errors).map(errorCode)).toEqual(Array(9).fill('CONFLICT'));
    expect(await db.applicationCount()).toBe(before + 1);
  });
});
