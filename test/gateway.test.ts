import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelectedGateway } from '../gateway/engines/select.js';
import { parseConfig } from '../services/kernel/config.js';
import type { RunningService } from '../services/kernel/http.js';
import { expectData, federation, type GraphQLResponse, tokenFor } from './support/federation.js';
import { type ForwardingProxy, forwardingProxy } from './support/proxy.js';

/**
 * Hive Gateway with the Rust planner is the default engine (GATEWAY_ENGINE=hive-router; `hive`,
 * the JavaScript planner, runs the same suite): what the contract promises of the
 * gateway, checked on the federation every test runs through and on a second Hive gateway in
 * production mode with strict limits, whose subgraph calls pass through recording proxies.
 */
const SUBGRAPHS = ['regions', 'enterprises', 'vacancies', 'resettlement'] as const;

async function post(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
}

const DOWN = 'http://127.0.0.1:9/graphql';
let proxies: Record<string, ForwardingProxy>;
let production: RunningService;

beforeAll(async () => {
  proxies = Object.fromEntries(
    await Promise.all(SUBGRAPHS.map(async (name) => [name, await forwardingProxy(federation.subgraphUrl(name))] as const)),
  );
  const config = parseConfig({
    ...process.env,
    NODE_ENV: 'production',
    REGIONS_URL: proxies.regions!.url,
    ENTERPRISES_URL: proxies.enterprises!.url,
    VACANCIES_URL: proxies.vacancies!.url,
    // Nothing listens on port 9: the resettlement subgraph is down for this gateway.
    RESETTLEMENT_URL: DOWN,
    QUERY_MAX_COST: '200',
    QUERY_MAX_TOKENS: '300',
    QUERY_MAX_DIRECTIVES: '3',
  });
  production = await startSelectedGateway({ port: 0, config });
});

afterAll(async () => {
  await production?.close();
  for (const proxy of Object.values(proxies ?? {})) await new Promise((resolve) => proxy.server.close(resolve));
});

const subgraphCalls = () => Object.values(proxies).reduce((sum, proxy) => sum + proxy.seen.length, 0);

describe('the gateway engine', () => {
  it('is Hive Gateway with the Rust planner unless GATEWAY_ENGINE says otherwise', () => {
    expect(parseConfig({}).GATEWAY_ENGINE).toBe('hive-router');
    expect(parseConfig({ GATEWAY_ENGINE: 'hive' }).GATEWAY_ENGINE).toBe('hive');
    expect(parseConfig({ GATEWAY_ENGINE: 'apollo' }).GATEWAY_ENGINE).toBe('apollo');
  });
});

describe('operations endpoints', () => {
  it('answers /health and /ready (every subgraph ready)', async () => {
    const base = federation.gatewayUrl().replace(/\/graphql$/, '');
    const health = await fetch(`${base}/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: 'up' }]);
    const ready = await fetch(`${base}/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('is not ready while a subgraph is down', async () => {
    const ready = await fetch(production.url.replace(/\/graphql$/, '/ready'));
    expect([ready.status, await ready.json()]).toEqual([503, { status: 'not ready', unavailable: ['resettlement'] }]);
  });

  it('serves GraphiQL from its own files, with a fetcher that runs subscriptions over SSE', async () => {
    const page = await fetch(federation.gatewayUrl(), { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('GraphiQL');
    expect(html).toContain('graphqlSse.createClient');
    expect(html).not.toMatch(/src="https?:|href="https?:/);
    const scripts = [...html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((match) => match[1]!);
    expect(scripts).toContain('/graphiql/graphql-sse.min.js');
    for (const path of scripts) {
      const asset = await fetch(new URL(path, federation.gatewayUrl()));
      expect(asset.status, path).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, path).toBeGreaterThan(1000);
    }
  });
});

describe('request ids and tokens', () => {
  it("returns the caller's x-request-id, or one it made", async () => {
    const given = await post(federation.gatewayUrl(), '{ regions { code } }', { 'x-request-id': 'a16-given-id' });
    expect(given.headers.get('x-request-id')).toBe('a16-given-id');
    const made = await post(federation.gatewayUrl(), '{ regions { code } }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('forwards the token and the request id to every subgraph it asks', async () => {
    const token = await tokenFor({ sub: 'inspector-1', roles: ['inspector'], regions: ['KZ-35'] });
    const before = Object.fromEntries(SUBGRAPHS.map((name) => [name, proxies[name]?.seen.length ?? 0]));
    const response = await post(production.url, '{ vacancies(first: 3) { edges { node { title region { code } enterprise { name } } } } }', {
      authorization: `Bearer ${token}`,
      'x-request-id': 'a16-forwarded-id',
    });
    expectData(response.body);
    for (const name of ['vacancies', 'enterprises']) {
      const calls = proxies[name]!.seen.slice(before[name]);
      expect(calls.length, name).toBeGreaterThan(0);
      for (const headers of calls) {
        expect(headers.authorization, name).toBe(`Bearer ${token}`);
        expect(headers['x-request-id'], name).toBe('a16-forwarded-id');
      }
    }
  });

  it('answers a bad token with HTTP 401 and UNAUTHENTICATED, asking no subgraph', async () => {
    const before = subgraphCalls();
    const response = await post(production.url, '{ regions { code } }', { authorization: 'Bearer not.a.jwt' });
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(response.body.data ?? null).toBeNull();
    expect(subgraphCalls()).toBe(before);
  });
});

describe('limits, before any subgraph is asked', () => {
  const rejected = async (query: string, limit: string) => {
    const before = subgraphCalls();
    const response = await post(production.url, query);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit });
    expect(response.body.data ?? null).toBeNull();
    expect(subgraphCalls()).toBe(before);
  };

  it('rejects a query over the cost limit', () =>
    rejected('{ regions { enterprises(first: 5) { edges { node { name vacancies { edges { node { title salaryMinTenge } } } } } } } }', 'cost'));

  it('rejects a query over the token limit', () => {
    const ring = Array.from({ length: 150 }, (_, index) => `[${70 + index / 100}, 45]`).join(', ');
    return rejected(`{ enterprises(first: 1, area: { polygon: { type: "Polygon", coordinates: [[${ring}]] } }) { totalCount } }`, 'tokens');
  });

  it('rejects a query with too many directives', () =>
    rejected('{ regions { code @include(if: true) name @include(if: true) population @skip(if: false) katoCode @skip(if: false) } }', 'directives'));

  it('lets a query within every limit through', async () => {
    expectData((await post(production.url, '{ regions { code name } }')).body);
  });
});

describe('input errors', () => {
  it('answers a variable that does not coerce with BAD_USER_INPUT naming it', async () => {
    const response = await federation.query('query ($code: ID!) { region(code: $code) { name } }', {});
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'code' });
  });

  it('suggests field and enum names in development only', async () => {
    const typo = '{ regionz { code } }';
    const enumTypo = '{ regions { name(lang: EM) } }';
    expect((await federation.query(typo)).errors?.[0]?.message).toMatch(/Did you mean/);
    expect((await federation.query(enumTypo)).errors?.[0]?.message).toMatch(/Did you mean/);
    for (const query of [typo, enumTypo]) {
      const error = (await post(production.url, query)).body.errors?.[0];
      expect(error?.message).toBeDefined();
      expect(error?.message).not.toMatch(/Did you mean/);
    }
  });
});

describe('errors in production', () => {
  it('answers a document that does not parse or validate with the codes Apollo uses', async () => {
    const parse = (await post(production.url, '{ regions { code }')).body.errors?.[0];
    expect(parse?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(parse?.message).toMatch(/Syntax Error/);
    const validation = (await post(production.url, '{ regions { codes } }')).body.errors?.[0];
    expect(validation?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(validation?.message).toContain('Cannot query field "codes" on type "Region".');
  });

  it('answers SUBGRAPH_UNAVAILABLE at the path of what a down subgraph owns, and still answers the rest', async () => {
    const response = await post(production.url, '{ regions { code resettlementQuota(year: 2026) { year } } }');
    const regions = response.body.data?.regions as { code: string; resettlementQuota: null }[];
    expect(regions.length).toBe(20);
    for (const region of regions) expect(region.resettlementQuota).toBeNull();
    const error = response.body.errors?.[0];
    expect(error?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'resettlement' });
    expect(error?.path?.[0]).toBe('regions');
    expect(error?.message).toBe('the resettlement subgraph is unavailable');
    expect(JSON.stringify(response.body)).not.toContain('127.0.0.1');
  });

  it('keeps the message and code of a public error, without a stack', async () => {
    const response = await post(production.url, '{ regionAt(point: { lat: 100, lon: 70 }) { code } }');
    const error = response.body.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'point.lat' });
    expect(error?.message).toContain('lat');
    expect(JSON.stringify(error)).not.toMatch(/stacktrace|\bat [\w.]+ \(/);
  });
});
