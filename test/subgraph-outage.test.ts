import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelectedGateway } from '../gateway/engines/select.js';
import { parseConfig, reloadConfig } from '../services/kernel/config.js';
import type { RunningService } from '../services/kernel/http.js';
import { startSubgraph, type RunningSubgraph } from '../services/kernel/subgraph.js';
import { SUBGRAPHS } from '../scripts/subgraphs.js';
import { federation, type GraphQLResponse } from './support/federation.js';

/**
 * A subgraph outage (issue 17, item 1; docs/architecture.md §6): a federation of its own whose
 * vacancies subgraph this file stops and starts again on the same port, beside the shared
 * federation's other subgraphs (never stopped here). Each engine gets its own gateway over it.
 */

const vacanciesDefinition = SUBGRAPHS.find((subgraph) => subgraph.name === 'vacancies')!;

const ZONES = '{ resettlementZones(regionCode: "KZ-35") { name nearbyVacancies(first: 1) { totalCount } } }';
const HEADLINE_3 = `{ resettlementZones(regionCode: "KZ-55", year: 2026) { name region { name }
  nearbyVacancies(radiusKm: 30, filter: { housingProvided: true }) { edges { distanceKm
    node { title salaryMinTenge enterprise { name hazardClass specialPayment { eligibleWorkers } } } } } } }`;
const REGION_FIGURES = '{ regions { code name openVacancyCount hazardSummary { enterprises } resettlementRole } }';
const ENTERPRISE_CARD = '{ enterprises(first: 2) { edges { node { name hazardClass openVacancyCount vacancies(first: 1) { totalCount } } } } }';

async function post(url: string, query: string): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

type Zone = { name: string; nearbyVacancies: { totalCount: number } | null };

async function startVacancies(port = 0): Promise<RunningSubgraph> {
  Object.assign(process.env, { DATABASE_URL: federation.databaseUrl(), MIGRATE: 'false' });
  reloadConfig();
  return startSubgraph(vacanciesDefinition, { port });
}

/** The gateway's /ready while `vacancies` is down names it, and only it. */
async function readiness(gatewayUrl: string) {
  const response = await fetch(gatewayUrl.replace(/\/graphql$/, '/ready'));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Every error the outage causes is SUBGRAPH_UNAVAILABLE for vacancies, at a path. */
function expectOutageErrors(body: GraphQLResponse): void {
  expect(body.errors?.length).toBeGreaterThan(0);
  for (const error of body.errors ?? []) {
    expect(error.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'vacancies' });
    expect(error.path?.length).toBeGreaterThan(0);
  }
}

const ENGINES = ['hive-router', 'hive', 'apollo'] as const;

/** A gateway of `engine` over the shared federation's subgraphs, but this file's vacancies one. */
function outageGatewayConfig(engine: (typeof ENGINES)[number], vacanciesUrl: string, overrides: Record<string, string> = {}) {
  return parseConfig({
    ...process.env,
    REGIONS_URL: federation.subgraphUrl('regions'),
    ENTERPRISES_URL: federation.subgraphUrl('enterprises'),
    VACANCIES_URL: vacanciesUrl,
    RESETTLEMENT_URL: federation.subgraphUrl('resettlement'),
    PROJECTS_URL: federation.subgraphUrl('projects'),
    GATEWAY_ENGINE: engine,
    ...overrides,
  });
}

describe.each(ENGINES)('with the vacancies subgraph down (%s gateway)', (engine) => {
  let vacancies: RunningSubgraph;
  let gateway: RunningService;
  let vacanciesPort: number;

  beforeAll(async () => {
    vacancies = await startVacancies();
    vacanciesPort = vacancies.port;
    gateway = await startSelectedGateway({ port: 0, config: outageGatewayConfig(engine, vacancies.url) });
    const before = (await post(gateway.url, ZONES)).body;
    expect(before.errors).toBeUndefined();
    await vacancies.close();
  });

  afterAll(async () => {
    await gateway?.close();
    await vacancies?.close();
  });

  it('answers the zones with nearbyVacancies null and SUBGRAPH_UNAVAILABLE at each path', async () => {
    const { status, body } = await post(gateway.url, ZONES);
    expect(status).toBe(200);
    const zones = (body.data as { resettlementZones: Zone[] }).resettlementZones;
    expect(zones.length).toBeGreaterThan(0);
    for (const zone of zones) {
      expect(zone.name).toEqual(expect.any(String));
      expect(zone.nearbyVacancies).toBeNull();
    }
    expectOutageErrors(body);
    expect(body.errors?.[0]?.path?.[0]).toBe('resettlementZones');
    expect(JSON.stringify(body)).not.toContain(String(vacanciesPort));
  });

  it.each([
    ['headline query 3', HEADLINE_3, 'resettlementZones'],
    ['the regions with their figures', REGION_FIGURES, 'regions'],
    ['enterprise cards', ENTERPRISE_CARD, 'enterprises'],
  ])('answers %s with partial data', async (_case, query, root) => {
    const { status, body } = await post(gateway.url, query);
    expect(status).toBe(200);
    const rows = (body.data as Record<string, unknown> | null | undefined)?.[root];
    expect(rows).toBeTruthy();
    expectOutageErrors(body);
  });

  it('is not ready, and /ready names the subgraph that is down', async () => {
    expect(await readiness(gateway.url)).toEqual({ status: 503, body: { status: 'not ready', unavailable: ['vacancies'] } });
  });

  it('answers everything again once the subgraph is back on its port, without a gateway restart', async () => {
    vacancies = await startVacancies(vacanciesPort);
    const { body } = await post(gateway.url, ZONES);
    expect(body.errors).toBeUndefined();
    for (const zone of (body.data as { resettlementZones: Zone[] }).resettlementZones) {
      expect(zone.nearbyVacancies?.totalCount).toEqual(expect.any(Number));
    }
    expect(await readiness(gateway.url)).toEqual({ status: 200, body: { status: 'ready' } });
  });
});

/**
 * The subgraph behind a proxy or load balancer with no healthy instance: the proxy answers for it
 * with 502, 503 or 504 and a page of HTML. That is the same outage as a refused connection,
 * so the same SUBGRAPH_UNAVAILABLE at each path, naming the subgraph, not the proxy's address or page.
 */
const PROXY_PAGE = '<html><body>upstream unavailable</body></html>';

describe.each(ENGINES)('with a proxy answering for the vacancies subgraph (%s gateway)', (engine) => {
  let proxyStatus = 502;
  const proxy: Server = createServer((request, response) => {
    request.resume();
    response.writeHead(proxyStatus, { 'content-type': 'text/html' }).end(PROXY_PAGE);
  });
  let gateway: RunningService;
  let proxyPort: number;

  beforeAll(async () => {
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
    proxyPort = (proxy.address() as { port: number }).port;
    gateway = await startSelectedGateway({ port: 0, config: outageGatewayConfig(engine, `http://127.0.0.1:${proxyPort}/graphql`) });
  });

  afterAll(async () => {
    await gateway?.close();
    await new Promise((closed) => proxy.close(closed));
  });

  it.each([502, 503, 504])('maps a %i from the proxy to SUBGRAPH_UNAVAILABLE at each path', async (status) => {
    proxyStatus = status;
    const { status: httpStatus, body } = await post(gateway.url, ZONES);
    expect(httpStatus).toBe(200);
    const zones = (body.data as { resettlementZones: Zone[] }).resettlementZones;
    expect(zones.length).toBeGreaterThan(0);
    for (const zone of zones) expect(zone.nearbyVacancies).toBeNull();
    expectOutageErrors(body);
    const text = JSON.stringify(body);
    expect(text).not.toContain(String(proxyPort));
    expect(text).not.toContain('upstream unavailable');
  });
});

/**
 * The same outage under load (issue 17, "Also"): CLIENTS clients loop headline query 3 (zones
 * from resettlement, vacancies near them, their employers from enterprises) while the vacancies
 * subgraph is stopped mid-run and started again on its port. Every answer is HTTP 200 within
 * the gateway's deadline, with full data or with SUBGRAPH_UNAVAILABLE errors at paths.
 */
const CLIENTS = 8;
const DEADLINE_MS = 10_000;

interface Sample {
  startedAt: number;
  endedAt: number;
  status: number;
  body: GraphQLResponse;
}

/** One client's loop until `running()` says stop; a request that outlives the deadline is a 0. */
async function loop(url: string, running: () => boolean, samples: Sample[]): Promise<void> {
  while (running()) {
    const startedAt = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: HEADLINE_3 }),
        signal: AbortSignal.timeout(DEADLINE_MS + 5_000),
      });
      samples.push({ startedAt, endedAt: Date.now(), status: response.status, body: (await response.json()) as GraphQLResponse });
    } catch (error) {
      samples.push({ startedAt, endedAt: Date.now(), status: 0, body: { errors: [{ message: String(error) }] } });
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `holds`, at most `ms`: on a loaded machine a request takes seconds, and each phase needs some. */
async function until(holds: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!holds() && Date.now() < deadline) await sleep(100);
}

describe.each(ENGINES)('under load, with the vacancies subgraph stopped and started again (%s gateway)', (engine) => {
  let vacancies: RunningSubgraph;
  let gateway: RunningService;

  beforeAll(async () => {
    vacancies = await startVacancies();
    const config = outageGatewayConfig(engine, vacancies.url, { GATEWAY_DEADLINE_MS: String(DEADLINE_MS) });
    gateway = await startSelectedGateway({ port: 0, config });
    expect((await post(gateway.url, HEADLINE_3)).body.errors).toBeUndefined();
  });

  afterAll(async () => {
    await gateway?.close();
    await vacancies?.close();
  });

  it('answers every request 200 with full or coded partial data, and full data again after the restart', async () => {
    const samples: Sample[] = [];
    let running = true;
    const clients = Array.from({ length: CLIENTS }, () => loop(gateway.url, () => running, samples));
    await sleep(1_500);

    const port = vacancies.port;
    const stopping = Date.now();
    await vacancies.close();
    const downAt = Date.now();
    // Stopping waits for the requests in flight, not for idle keep-alive connections.
    expect(downAt - stopping).toBeLessThan(5_000);
    const answeredSince = (from: number) => samples.filter((sample) => sample.startedAt >= from).length;
    await sleep(1_500);
    expect(await readiness(gateway.url)).toEqual({ status: 503, body: { status: 'not ready', unavailable: ['vacancies'] } });
    await until(() => answeredSince(downAt) > 2 * CLIENTS, 15_000);

    const restarting = Date.now();
    vacancies = await startVacancies(port);
    const upAt = Date.now();
    await sleep(1_500);
    await until(() => answeredSince(upAt + 500) > 2 * CLIENTS, 15_000);
    running = false;
    await Promise.all(clients);

    for (const sample of samples) {
      expect(sample.status, JSON.stringify(sample.body)).toBe(200);
      expect(sample.endedAt - sample.startedAt).toBeLessThan(DEADLINE_MS);
      const zones = (sample.body.data as { resettlementZones: unknown[] } | null | undefined)?.resettlementZones;
      expect(zones?.length).toBeGreaterThan(0);
      if (sample.body.errors) expectOutageErrors(sample.body);
    }
    const whileDown = samples.filter((sample) => sample.startedAt >= downAt && sample.endedAt <= restarting);
    expect(whileDown.length).toBeGreaterThan(CLIENTS);
    for (const sample of whileDown) expect(sample.body.errors, JSON.stringify(sample.body.data)).toBeDefined();
    const afterRestart = samples.filter((sample) => sample.startedAt >= upAt + 500);
    expect(afterRestart.length).toBeGreaterThan(CLIENTS);
    for (const sample of afterRestart) expect(sample.body.errors).toBeUndefined();
    expect(await readiness(gateway.url)).toEqual({ status: 200, body: { status: 'ready' } });
  });
});
