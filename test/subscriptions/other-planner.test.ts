import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelectedGateway } from '../../gateway/engines/select.js';
import { loadConfig } from '../../services/kernel/config.js';
import type { RunningService } from '../../services/kernel/http.js';
import { expectData, federation, tokenFor } from '../support/federation.js';
import { failureOf, type Subscriber, subscribe, subscribersOf, TRANSPORTS, untilSubscribed, gatewayConfig } from './support.js';

/**
 * The subscriptions on the Hive planner the rest of the run does not use (the JavaScript one
 * when GATEWAY_ENGINE is the default `hive-router`, the Rust one when it is `hive`), so every run
 * checks both: an event with a field from a second subgraph, and a subgraph's refusal with its
 * code (docs/architecture.md §14). The whole subscription suite passes on either:
 * `GATEWAY_ENGINE=hive npx vitest run test/subscriptions`.
 */
const OTHER_PLANNER = loadConfig().GATEWAY_ENGINE === 'hive' ? 'hive-router' : 'hive';
const POSTED = 'subscription ($area: AreaInput) { vacancyPosted(area: $area) { id enterprise { bin name } } }';
let gateway: RunningService;
const open: Subscriber<unknown>[] = [];
const vacanciesUrl = () => federation.subgraphUrl('vacancies');

beforeAll(async () => {
  gateway = await startSelectedGateway({ port: 0, config: gatewayConfig({ GATEWAY_ENGINE: OTHER_PLANNER }) });
});

afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
  await gateway?.close();
});

describe.each(TRANSPORTS)(`subscriptions through the other Hive planner (${OTHER_PLANNER}) over %s`, (transport) => {
  it('delivers a committed vacancy within 2 s with its employer from the enterprises subgraph', async () => {
    const { vacancies } = expectData(
      await federation.query<{ vacancies: { edges: { node: { katoCode: string; region: { code: string }; enterprise: { bin: string } } }[] } }>(
        '{ vacancies(first: 1, area: { regionCode: "KZ-55" }) { edges { node { katoCode region { code } enterprise { bin } } } } }',
      ),
    );
    const employer = vacancies.edges[0]!.node;
    const token = await tokenFor({ sub: `employer-${OTHER_PLANNER}`, roles: ['employer'], bin: employer.enterprise.bin });
    const before = await subscribersOf(vacanciesUrl());
    const subscriber = subscribe<{ vacancyPosted: { id: string; enterprise: { bin: string; name: string } } }>(transport, POSTED, {
      variables: { area: { regionCode: employer.region.code } },
      gatewayUrl: gateway.url,
    });
    open.push(subscriber as Subscriber<unknown>);
    await untilSubscribed(vacanciesUrl(), before);
    const input = {
      bin: employer.enterprise.bin,
      title: `Rigger (${OTHER_PLANNER} planner, ${transport})`,
      occupationCode: '7212',
      salaryMinTenge: 320_000,
      employmentType: 'PERMANENT',
      katoCode: employer.katoCode,
    };
    const { postVacancy } = expectData(
      await federation.query<{ postVacancy: { id: string } }>(
        'mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }',
        { input },
        { token },
      ),
    );
    try {
      const event = await subscriber.next((result) => result.data?.vacancyPosted?.id === postVacancy.id, 2000);
      expect(event.data!.vacancyPosted.enterprise).toMatchObject({ bin: employer.enterprise.bin, name: expect.stringMatching(/\S/) });
    } finally {
      expectData(
        await federation.query('mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }', { id: postVacancy.id }, { token }),
      );
    }
  });

  it("keeps a subgraph's refusal coded: anonymous inspectionRecorded is UNAUTHENTICATED, a bad area BAD_USER_INPUT", async () => {
    const anonymous = subscribe(transport, 'subscription { inspectionRecorded { id } }', { gatewayUrl: gateway.url });
    open.push(anonymous);
    expect(await failureOf(anonymous)).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    const badArea = subscribe(transport, POSTED, { variables: { area: { regionCode: 'KZ-99' } }, gatewayUrl: gateway.url });
    open.push(badArea);
    expect(await failureOf(badArea)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'area.regionCode' } });
  });
});
