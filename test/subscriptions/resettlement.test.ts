import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';
import { APPLY, applicationInput, citizens, database, DECIDE, officerOf, SET_QUOTA, YEAR, zonesOf, type ZoneWithQuota } from '../resettlement/support.js';
import { failureOf, type Subscriber, subscribe, subscribersOf, TRANSPORTS, untilSubscribed } from './support.js';

/**
 * zoneQuotaChanged and myApplicationDecided through the gateway. Quotas are set to what they
 * were and applications filed here are deleted afterwards (test/resettlement/support.ts).
 */
const REGION = 'KZ-59';
const QUOTAS = `subscription ($regionCode: ID) { zoneQuotaChanged(regionCode: $regionCode) { id region { code } quota(year: ${YEAR}) { families } } }`;
const DECISIONS = 'subscription { myApplicationDecided { id status reason } }';

const people = citizens('1971-03-15');
const db = database();
let zone: ZoneWithQuota;
let officer: string;
const open: Subscriber<unknown>[] = [];
const resettlementUrl = () => federation.subgraphUrl('resettlement');

function subscribed<Data>(...args: Parameters<typeof subscribe>): Subscriber<Data> {
  const subscriber = subscribe<Data>(...args);
  open.push(subscriber as Subscriber<unknown>);
  return subscriber;
}

beforeAll(async () => {
  zone = (await zonesOf(REGION))[0]!;
  officer = await officerOf(REGION);
  await db.trackQuota(zone.id, YEAR);
});

afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
  await db.restore();
});

describe.each(TRANSPORTS)('over %s', (transport) => {
  it('zoneQuotaChanged delivers a quota set in the region, and nothing to a subscriber of another region', async () => {
    type Event = { zoneQuotaChanged: { id: string; region: { code: string }; quota: { families: number } } };
    const before = await subscribersOf(resettlementUrl());
    const here = subscribed<Event>(transport, QUOTAS, { variables: { regionCode: REGION } });
    const elsewhere = subscribed<Event>(transport, QUOTAS, { variables: { regionCode: 'KZ-71' } });
    await untilSubscribed(resettlementUrl(), before, 2);
    const families = zone.quota.families + 1;
    expectData(await federation.query(SET_QUOTA, { zoneId: zone.id, year: YEAR, families }, { token: officer }));
    const event = await here.next((result) => result.data?.zoneQuotaChanged?.id === zone.id && result.data.zoneQuotaChanged.quota.families === families);
    expect(event.data!.zoneQuotaChanged.region.code).toBe(REGION);
    expect(elsewhere.received).toEqual([]);
  });

  it('zoneQuotaChanged refuses an unknown region code as BAD_USER_INPUT', async () => {
    expect(await failureOf(subscribed(transport, QUOTAS, { variables: { regionCode: 'KZ-00' } }))).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argument: 'regionCode' },
    });
  });

  it("myApplicationDecided tells a citizen of their own decision only, and refuses anyone who is not a citizen", async () => {
    expect(await failureOf(subscribed(transport, DECISIONS))).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(await failureOf(subscribed(transport, DECISIONS, { token: officer }))).toMatchObject({ extensions: { code: 'FORBIDDEN' } });

    type Event = { myApplicationDecided: { id: string; status: string; reason: string | null } };
    const applicant = db.trackApplicant(people.iin());
    const neighbour = db.trackApplicant(people.iin());
    const before = await subscribersOf(resettlementUrl());
    const mine = subscribed<Event>(transport, DECISIONS, { token: await people.token(applicant) });
    const theirs = subscribed<Event>(transport, DECISIONS, { token: await people.token(neighbour) });
    await untilSubscribed(resettlementUrl(), before, 2);
    const { applyForResettlement } = expectData(
      await federation.query<{ applyForResettlement: { id: string } }>(APPLY, { input: applicationInput(zone.id) }, { token: await people.token(applicant) }),
    );
    expectData(await federation.query(DECIDE, { id: applyForResettlement.id, decision: 'REJECT', reason: 'subscription test' }, { token: officer }));
    const event = await mine.next((result) => result.data?.myApplicationDecided?.id === applyForResettlement.id);
    expect(event.data!.myApplicationDecided).toMatchObject({ status: 'REJECTED', reason: 'subscription test' });
    expect(theirs.received).toEqual([]);
  });
});
