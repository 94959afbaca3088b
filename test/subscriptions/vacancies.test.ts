import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSelectedGateway } from '../../gateway/engines/select.js';
import { parseConfig, reloadConfig } from '../../services/kernel/config.js';
import type { RunningService } from '../../services/kernel/http.js';
import { type RunningSubgraph, startSubgraph } from '../../services/kernel/subgraph.js';
import { vacanciesSubgraph } from '../../services/vacancies/schema.js';
import { expectData, federation, tokenFor } from '../support/federation.js';
import { failureOf, type Subscriber, subscribe, subscribersOf, TRANSPORTS, untilSubscribed, untilSubscribers } from './support.js';

/**
 * vacancyPosted and vacancyClosed through the gateway, over SSE and over WebSocket: events come
 * from committed writes only (the vacancies subgraph's outbox), reach the subscribers of every
 * replica, and obey the query arguments' validation. Everything posted here is closed again.
 */
interface Employer {
  bin: string;
  katoCode: string;
  regionCode: string;
}

interface PostedEvent {
  vacancyPosted: { id: string; title: string; region: { code: string }; enterprise: { bin: string; name: string } };
}

const POSTED_SUBSCRIPTION = `subscription ($area: AreaInput, $filter: VacancyFilter) {
  vacancyPosted(area: $area, filter: $filter) { id title region { code } enterprise { bin name } } }`;
const CLOSED_SUBSCRIPTION = 'subscription ($area: AreaInput) { vacancyClosed(area: $area) { id status closedAt } }';
const POST = 'mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }';
const CLOSE = 'mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }';

let employer: Employer;
let token: string;
let pool: pg.Pool;
const posted = new Set<string>();
const open: Subscriber<unknown>[] = [];

const vacanciesUrl = () => federation.subgraphUrl('vacancies');

function subscribed<Data>(...args: Parameters<typeof subscribe>): Subscriber<Data> {
  const subscriber = subscribe<Data>(...args);
  open.push(subscriber as Subscriber<unknown>);
  return subscriber;
}

async function postVacancy(title: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const input = { bin: employer.bin, title, occupationCode: '7212', salaryMinTenge: 320_000, employmentType: 'PERMANENT', katoCode: employer.katoCode, ...overrides };
  const { postVacancy } = expectData(await federation.query<{ postVacancy: { id: string } }>(POST, { input }, { token }));
  posted.add(postVacancy.id);
  return postVacancy.id;
}

const isPosted = (id: string) => (result: { data?: PostedEvent | null }) => result.data?.vacancyPosted?.id === id;

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: federation.databaseUrl(), max: 2 });
  const { vacancies } = expectData(
    await federation.query<{ vacancies: { edges: { node: { katoCode: string; region: { code: string }; enterprise: { bin: string } } }[] } }>(
      '{ vacancies(first: 1, area: { regionCode: "KZ-55" }) { edges { node { katoCode region { code } enterprise { bin } } } } }',
    ),
  );
  const node = vacancies.edges[0]!.node;
  employer = { bin: node.enterprise.bin, katoCode: node.katoCode, regionCode: node.region.code };
  token = await tokenFor({ sub: 'employer-subscriptions', roles: ['employer'], bin: employer.bin });
});

afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
  // Leave no OPEN vacancy behind: other files count the seeded ones.
  const stillOpen = await pool.query<{ id: string }>("select id from vacancies.vacancy where id = any($1::uuid[]) and status = 'OPEN'", [[...posted]]);
  for (const { id } of stillOpen.rows) expectData(await federation.query(CLOSE, { id }, { token }));
  await pool.end();
});

describe.each(TRANSPORTS)('vacancyPosted over %s', (transport) => {
  it('delivers a vacancy committed through the gateway within 2 s, with its employer from the enterprises subgraph', async () => {
    const before = await subscribersOf(vacanciesUrl());
    const subscriber = subscribed<PostedEvent>(transport, POSTED_SUBSCRIPTION, { variables: { area: { regionCode: employer.regionCode } } });
    await untilSubscribed(vacanciesUrl(), before);
    const committedAt = Date.now();
    const id = await postVacancy(`Welder (${transport} subscription)`);
    const event = await subscriber.next(isPosted(id), 2000);
    expect(Date.now() - committedAt).toBeLessThan(2000);
    expect(event.data!.vacancyPosted).toMatchObject({ region: { code: employer.regionCode }, enterprise: { bin: employer.bin } });
    expect(event.data!.vacancyPosted.enterprise.name).toMatch(/\S/);
  });

  it('leaves out vacancies outside the area and those the filter excludes', async () => {
    const before = await subscribersOf(vacanciesUrl());
    const here = subscribed<PostedEvent>(transport, POSTED_SUBSCRIPTION, { variables: { area: { regionCode: employer.regionCode } } });
    const elsewhere = subscribed<PostedEvent>(transport, POSTED_SUBSCRIPTION, { variables: { area: { regionCode: 'KZ-71' } } });
    const farAway = subscribed<PostedEvent>(transport, POSTED_SUBSCRIPTION, {
      variables: { area: { near: { point: { lat: 43.24, lon: 76.89 }, radiusKm: 50 } } },
    });
    const betterPaid = subscribed<PostedEvent>(transport, POSTED_SUBSCRIPTION, { variables: { filter: { minSalaryTenge: 900_000 } } });
    await untilSubscribed(vacanciesUrl(), before, 4);
    const id = await postVacancy(`Fitter (${transport} area filter)`);
    await here.next(isPosted(id));
    // Every subscriber of the process was offered the event in the same publish: it is decided.
    for (const excluded of [elsewhere, farAway, betterPaid]) expect(excluded.received.some(isPosted(id))).toBe(false);
  });

  it('refuses a bad area as BAD_USER_INPUT naming the argument, and subscribes to nothing', async () => {
    const before = await subscribersOf(vacanciesUrl());
    const tooFar = subscribed(transport, POSTED_SUBSCRIPTION, { variables: { area: { near: { point: { lat: 50, lon: 70 }, radiusKm: 5000 } } } });
    expect(await failureOf(tooFar)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'area.near.radiusKm' } });
    const twoShapes = subscribed(transport, POSTED_SUBSCRIPTION, {
      variables: { area: { regionCode: 'KZ-55', bbox: { west: 70, south: 50, east: 71, north: 51 } } },
    });
    expect(await failureOf(twoShapes)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'area' } });
    const badFilter = subscribed(transport, POSTED_SUBSCRIPTION, { variables: { filter: { occupationCode: 'welder' } } });
    expect(await failureOf(badFilter)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.occupationCode' } });
    expect(await subscribersOf(vacanciesUrl())).toBe(before);
  });
});

describe('events come from committed writes only', () => {
  it('never delivers a write that was rolled back, and delivers the next committed one', async () => {
    const before = await subscribersOf(vacanciesUrl());
    const subscriber = subscribed<PostedEvent>('sse', POSTED_SUBSCRIPTION);
    await untilSubscribed(vacanciesUrl(), before);
    const ghost = '00000000-0000-4000-8000-00000000dead';
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query("insert into vacancies.outbox (topic, payload) select 'vacancyPosted', to_jsonb(v) || jsonb_build_object('id', $1::text) from (select * from vacancies.vacancy limit 1) v", [ghost]);
      await client.query('rollback');
    } finally {
      client.release();
    }
    const id = await postVacancy('Turner (after a rollback)');
    await subscriber.next(isPosted(id));
    expect(subscriber.received.some(isPosted(ghost))).toBe(false);
  });

  // The embedded PGlite runs one transaction at a time: nothing can commit beside an open one.
  it.runIf(inject('databaseServerUrl') !== '')(
    'holds back a later commit while an earlier outbox insert is in flight, then delivers in order without the rolled-back one',
    async () => {
      const before = await subscribersOf(vacanciesUrl());
      const subscriber = subscribed<PostedEvent>('ws', POSTED_SUBSCRIPTION);
      await untilSubscribed(vacanciesUrl(), before);
      const ghost = '00000000-0000-4000-8000-00000000beef';
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query("insert into vacancies.outbox (topic, payload) select 'vacancyPosted', to_jsonb(v) || jsonb_build_object('id', $1::text) from (select * from vacancies.vacancy limit 1) v", [ghost]);
        const id = await postVacancy('Turner (committed beside an open transaction)');
        await new Promise((resolve) => setTimeout(resolve, 600));
        // Its id is above the open transaction's: it waits for that one to end.
        expect(subscriber.received.some(isPosted(id))).toBe(false);
        await client.query('rollback');
        await subscriber.next(isPosted(id));
      } finally {
        client.release();
      }
      expect(subscriber.received.some(isPosted(ghost))).toBe(false);
    },
  );
});

describe('vacancyClosed', () => {
  it.each(TRANSPORTS)('delivers a vacancy closed through the gateway (%s)', async (transport) => {
    const id = await postVacancy(`Driver (${transport} closed)`);
    const before = await subscribersOf(vacanciesUrl());
    const subscriber = subscribed<{ vacancyClosed: { id: string; status: string; closedAt: string } }>(transport, CLOSED_SUBSCRIPTION, {
      variables: { area: { regionCode: employer.regionCode } },
    });
    await untilSubscribed(vacanciesUrl(), before);
    expectData(await federation.query(CLOSE, { id }, { token }));
    const event = await subscriber.next((result) => result.data?.vacancyClosed?.id === id);
    expect(event.data!.vacancyClosed).toMatchObject({ status: 'CLOSED', closedAt: expect.any(String) });
  });
});

describe('replicas', () => {
  let replica: RunningSubgraph;
  let replicaGateway: RunningService;

  beforeAll(async () => {
    process.env.DATABASE_URL = federation.databaseUrl();
    process.env.MIGRATE = 'false';
    reloadConfig();
    replica = await startSubgraph(vacanciesSubgraph, { port: 0 });
    const config = parseConfig({
      ...process.env,
      REGIONS_URL: federation.subgraphUrl('regions'),
      ENTERPRISES_URL: federation.subgraphUrl('enterprises'),
      VACANCIES_URL: replica.url,
      RESETTLEMENT_URL: federation.subgraphUrl('resettlement'),
      PROJECTS_URL: federation.subgraphUrl('projects'),
    });
    replicaGateway = await startSelectedGateway({ port: 0, config });
  });

  afterAll(async () => {
    await replicaGateway?.close();
    await replica?.close();
  });

  it.each(TRANSPORTS)('delivers on replica B what was committed through replica A (%s)', async (transport) => {
    const before = await subscribersOf(replica.url);
    const subscriber = subscribed<PostedEvent>(transport, POSTED_SUBSCRIPTION, { gatewayUrl: replicaGateway.url });
    await untilSubscribed(replica.url, before);
    const id = await postVacancy(`Electrician (via replica A, ${transport})`);
    await subscriber.next(isPosted(id));
  });

  it('ends its subscriptions when a replica shuts down, and delivers again to new ones after it restarts', async () => {
    const before = await subscribersOf(replica.url);
    const subscriber = subscribed<PostedEvent>('sse', POSTED_SUBSCRIPTION, { gatewayUrl: replicaGateway.url });
    await untilSubscribed(replica.url, before);
    const port = replica.port;
    await replica.close();
    const deadline = Date.now() + 5000;
    while (!subscriber.ended() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(subscriber.ended()).toBe(true);

    replica = await startSubgraph(vacanciesSubgraph, { port });
    for (const transport of TRANSPORTS) {
      // Only this test subscribes to the restarted replica: one subscriber at a time.
      await untilSubscribers(replica.url, (count) => count === 0);
      const again = subscribed<PostedEvent>(transport, POSTED_SUBSCRIPTION, { gatewayUrl: replicaGateway.url });
      await untilSubscribed(replica.url, 0);
      const id = await postVacancy(`Electrician (after a restart, ${transport})`);
      await again.next(isPosted(id));
      await again.close();
    }
  });
});
