import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation, tokenFor } from '../support/federation.js';
import { failureOf, type Subscriber, subscribe, subscribersOf, TRANSPORTS, untilSubscribed } from './support.js';

/**
 * inspectionRecorded and workingConditionsChanged through the gateway: inspectors only and their
 * own regions for inspections, the query's access rules for the enterprise's fields. The
 * assessment recorded here repeats the enterprise's current one (same workplaces, same day),
 * so no figure other files read changes.
 */
interface Workplace {
  code: string;
  title: string;
  occupationCode: string;
  conditionsClass: string;
  workers: number;
  assessedOn: string;
}

const INSPECTIONS = 'subscription ($area: AreaInput, $kinds: [InspectionKind!]) { inspectionRecorded(area: $area, kinds: $kinds) { id kind violations inspectedOn } }';
const CONDITIONS = `subscription ($area: AreaInput, $minClass: WorkingConditionsClass) {
  workingConditionsChanged(area: $area, minClass: $minClass) { id name hazardClass workplaces { code } } }`;
const RECORD_INSPECTION = 'mutation ($input: InspectionInput!) { recordInspection(input: $input) { id } }';
const RECORD_ASSESSMENT = 'mutation ($input: AssessmentInput!) { recordWorkingConditionsAssessment(input: $input) { id } }';

let enterprise: { id: string; bin: string; workplaces: Workplace[] };
const tokens: Record<string, string> = {};
const open: Subscriber<unknown>[] = [];
const enterprisesUrl = () => federation.subgraphUrl('enterprises');

function subscribed<Data>(...args: Parameters<typeof subscribe>): Subscriber<Data> {
  const subscriber = subscribe<Data>(...args);
  open.push(subscriber as Subscriber<unknown>);
  return subscriber;
}

async function recordInspection(kind: string): Promise<string> {
  const input = { bin: enterprise.bin, inspectedOn: '2026-11-30', kind, violations: 2, findings: 'subscription test' };
  return expectData(await federation.query<{ recordInspection: { id: string } }>(RECORD_INSPECTION, { input }, { token: tokens.inspector })).recordInspection.id;
}

beforeAll(async () => {
  tokens.inspector = await tokenFor({ sub: 'inspector-kz35', roles: ['inspector'], regions: ['KZ-35'] });
  tokens.elsewhere = await tokenFor({ sub: 'inspector-kz55', roles: ['inspector'], regions: ['KZ-55'] });
  tokens.employer = await tokenFor({ sub: 'employer-any', roles: ['employer'], bin: '000000000000' });
  const { enterprises } = expectData(
    await federation.query<{ enterprises: { edges: { node: { id: string; bin: string; workplaces: Workplace[] } }[] } }>(
      `{ enterprises(area: { regionCode: "KZ-35" }, filter: { minHazardClass: HARMFUL_3_1 }, first: 1) {
          edges { node { id bin workplaces { code title occupationCode conditionsClass workers assessedOn } } } } }`,
      {},
      { token: tokens.inspector },
    ),
  );
  enterprise = enterprises.edges[0]!.node;
  expect(enterprise.workplaces.length).toBeGreaterThan(0);
});

afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
});

describe.each(TRANSPORTS)('inspectionRecorded over %s', (transport) => {
  it('refuses an anonymous caller with UNAUTHENTICATED and an employer with FORBIDDEN', async () => {
    expect(await failureOf(subscribed(transport, INSPECTIONS))).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(await failureOf(subscribed(transport, INSPECTIONS, { token: tokens.employer }))).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it("delivers an inspection to the region's inspector, of the kinds asked, and not to an inspector of another region", async () => {
    const before = await subscribersOf(enterprisesUrl());
    type Event = { inspectionRecorded: { id: string; kind: string } };
    const mine = subscribed<Event>(transport, INSPECTIONS, { token: tokens.inspector, variables: { area: { regionCode: 'KZ-35' } } });
    const accidentsOnly = subscribed<Event>(transport, INSPECTIONS, { token: tokens.inspector, variables: { kinds: ['ACCIDENT'] } });
    const otherRegion = subscribed<Event>(transport, INSPECTIONS, { token: tokens.elsewhere });
    await untilSubscribed(enterprisesUrl(), before, 3);
    const planned = await recordInspection('PLANNED');
    const accident = await recordInspection('ACCIDENT');
    await mine.next((result) => result.data?.inspectionRecorded?.id === accident);
    expect(mine.received.some((result) => result.data?.inspectionRecorded?.id === planned)).toBe(true);
    const seen = await accidentsOnly.next((result) => result.data?.inspectionRecorded?.id === accident);
    expect(seen.data!.inspectionRecorded.kind).toBe('ACCIDENT');
    expect(accidentsOnly.received.some((result) => result.data?.inspectionRecorded?.id === planned)).toBe(false);
    expect(otherRegion.received).toEqual([]);
  });

  it('refuses a bad area as BAD_USER_INPUT naming the argument', async () => {
    const failure = await failureOf(subscribed(transport, INSPECTIONS, { token: tokens.inspector, variables: { area: { regionCode: 'KZ-00' } } }));
    expect(failure).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'area.regionCode' } });
  });
});

describe('workingConditionsChanged', () => {
  it.each(TRANSPORTS)(
    "delivers an assessed enterprise with its card; workplaces to the region's inspector only (%s)",
    async (transport) => {
      type Event = { workingConditionsChanged: { id: string; name: string; hazardClass: string; workplaces: { code: string }[] | null } };
      const before = await subscribersOf(enterprisesUrl());
      const inspector = subscribed<Event>(transport, CONDITIONS, { token: tokens.inspector, variables: { area: { regionCode: 'KZ-35' } } });
      const outsider = subscribed<Event>(transport, CONDITIONS, { token: tokens.elsewhere, variables: { area: { regionCode: 'KZ-35' } } });
      const tooMild = subscribed<Event>(transport, CONDITIONS, { variables: { area: { regionCode: 'KZ-35' }, minClass: 'DANGEROUS_4' } });
      await untilSubscribed(enterprisesUrl(), before, 3);
      const [assessedOn] = enterprise.workplaces.map((workplace) => workplace.assessedOn).sort().slice(-1);
      const input = {
        bin: enterprise.bin,
        assessedOn,
        workplaces: enterprise.workplaces
          .filter((workplace) => workplace.assessedOn === assessedOn)
          .map(({ code, title, occupationCode, conditionsClass, workers }) => ({ code, title, occupationCode, conditionsClass, workers })),
      };
      expectData(await federation.query(RECORD_ASSESSMENT, { input }, { token: tokens.inspector }));
      const isOurs = (result: { data?: Event | null }) => result.data?.workingConditionsChanged?.id === enterprise.id;
      const seen = await inspector.next(isOurs);
      expect(seen.data!.workingConditionsChanged.workplaces?.length).toBeGreaterThan(0);
      const outside = await outsider.next(isOurs);
      expect(outside.data!.workingConditionsChanged.name).toMatch(/\S/);
      expect(outside.data!.workingConditionsChanged.workplaces).toBeNull();
      expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      if (seen.data!.workingConditionsChanged.hazardClass !== 'DANGEROUS_4') expect(tooMild.received.some(isOurs)).toBe(false);
    },
  );
});
