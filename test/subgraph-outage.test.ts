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

describe.each(ENGINES)('with the vacancies subgraph down (%s gateway)', (engine) => {
  let vacancies: RunningSubgraph;
  let gateway: RunningService;
  let vacanciesPort: number;

  beforeAll(async () => {
    vacancies = await startVacancies();
    vacanciesPort = vacancies.port;
    const config = parseConfig({
      ...process.env,
      REGIONS_URL: federation.subgraphUrl('regions'),
      ENTERPRISES_URL: federation.subgraphUrl('enterprises'),
      VACANCIES_URL: vacancies.url,
      RESETTLEMENT_URL: federation.subgraphUrl('resettlement'),
      PROJECTS_URL: federation.subgraphUrl('projects'),
      GATEWAY_ENGINE: engine,
    });
    gateway = await startSelectedGateway({ port: 0, config });
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
