import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../gateway/gateway.js';
import type { RunningService } from '../services/kernel/http.js';
import { fetchMetric, metricValue } from '../services/kernel/metrics.js';
import { expectData, federation } from './support/federation.js';
import { gatewayConfig, subscribe, untilSubscribers } from './subscriptions/support.js';

/**
 * `/metrics` of every service in Prometheus text format (docs/architecture.md §7): requests and
 * latency per operation name, errors by code, SQL statements, the pool, open subscriptions.
 */
const SUBGRAPHS = ['regions', 'enterprises', 'vacancies', 'resettlement', 'projects'];
const metricsUrl = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '/metrics');
const requests = (url: string, operation: string) => fetchMetric(url, 'graphql_request_duration_seconds_count', { operation });
const errors = (url: string, code: string) => fetchMetric(url, 'graphql_errors_total', { code });

describe('/metrics', () => {
  it.each([['gateway'], ...SUBGRAPHS.map((name) => [name])])('%s answers the Prometheus text format with Node process metrics', async (name) => {
    const url = name === 'gateway' ? federation.gatewayUrl() : federation.subgraphUrl(name);
    const response = await fetch(metricsUrl(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(text).toContain('# TYPE graphql_errors_total counter');
    expect(metricValue(text, 'process_resident_memory_bytes', { service: name })).toBeGreaterThan(0);
  });

  it('counts a request under its operation name at the gateway and at the subgraph it reached', async () => {
    const gateway = federation.gatewayUrl();
    const regions = federation.subgraphUrl('regions');
    const before = await requests(gateway, 'MetricsRegionNames');
    const anonymousBefore = await requests(gateway, 'anonymous');
    const subgraphBefore = await requests(regions, 'MetricsDirect');
    expectData(await federation.query('query MetricsRegionNames { regions { code } }'));
    expectData(await federation.query('{ regions { code } }'));
    expectData(await federation.querySubgraph('regions', 'query MetricsDirect { regions { code } }'));
    expect(await requests(gateway, 'MetricsRegionNames')).toBe(before + 1);
    expect(await requests(gateway, 'anonymous')).toBe(anonymousBefore + 1);
    expect(await requests(regions, 'MetricsDirect')).toBe(subgraphBefore + 1);
    const text = await (await fetch(metricsUrl(gateway))).text();
    expect(metricValue(text, 'graphql_request_duration_seconds_bucket', { operation: 'MetricsRegionNames', le: '+Inf' })).toBe(before + 1);
    expect(metricValue(text, 'graphql_request_duration_seconds_sum', { operation: 'MetricsRegionNames' })).toBeGreaterThan(0);
  });

  it('counts errors by their code at the gateway and at the subgraph that raised them', async () => {
    const gateway = federation.gatewayUrl();
    const enterprises = federation.subgraphUrl('enterprises');
    const before = await errors(gateway, 'BAD_USER_INPUT');
    const subgraphBefore = await errors(enterprises, 'BAD_USER_INPUT');
    const parseBefore = await errors(gateway, 'GRAPHQL_PARSE_FAILED');
    const response = await federation.query('query MetricsBadBin { enterpriseByBin(bin: "12345") { name } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await federation.query('{')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(await errors(gateway, 'BAD_USER_INPUT')).toBe(before + 1);
    expect(await errors(enterprises, 'BAD_USER_INPUT')).toBe(subgraphBefore + 1);
    expect(await errors(gateway, 'GRAPHQL_PARSE_FAILED')).toBe(parseBefore + 1);
  });

  it('counts SQL statements and shows the pool of each subgraph', async () => {
    const enterprises = federation.subgraphUrl('enterprises');
    const before = await fetchMetric(enterprises, 'sql_statements_total');
    expectData(await federation.query('{ enterprises(first: 3) { edges { node { name } } } }'));
    expect(await fetchMetric(enterprises, 'sql_statements_total')).toBeGreaterThan(before);
    for (const name of SUBGRAPHS) {
      const text = await (await fetch(metricsUrl(federation.subgraphUrl(name)))).text();
      expect(text).toMatch(/^db_pool_connections_in_use\{service="[a-z]+"\} \d+$/m);
      expect(text).toMatch(/^db_pool_waiting\{service="[a-z]+"\} \d+$/m);
      expect(text).toMatch(/^sql_statements_total\{service="[a-z]+"\} [1-9]\d*$/m);
    }
  });

  it('shows an open subscription at the gateway and at its subgraph, and none once it closed', async () => {
    const gateway = federation.gatewayUrl();
    const vacancies = federation.subgraphUrl('vacancies');
    expect(await fetchMetric(gateway, 'graphql_open_subscriptions')).toBe(0);
    const subgraphBefore = await fetchMetric(vacancies, 'graphql_open_subscriptions');
    const subscriber = subscribe('sse', 'subscription { vacancyPosted(area: { regionCode: "KZ-55" }) { id } }');
    try {
      await untilSubscribers(vacancies, (live) => live === subgraphBefore + 1);
      expect(await fetchMetric(gateway, 'graphql_open_subscriptions')).toBe(1);
    } finally {
      await subscriber.close();
    }
    await untilSubscribers(vacancies, (live) => live === subgraphBefore);
    const deadline = Date.now() + 5000;
    while ((await fetchMetric(gateway, 'graphql_open_subscriptions')) !== 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 25));
    expect(await fetchMetric(gateway, 'graphql_open_subscriptions')).toBe(0);
  });
});

describe('/metrics on the apollo gateway engine', () => {
  let gateway: RunningService;
  beforeAll(async () => {
    gateway = await startGateway({ port: 0, config: gatewayConfig() });
  });
  afterAll(() => gateway?.close());

  it('counts requests by operation name and errors by code', async () => {
    const post = (query: string) =>
      fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then((response) =>
        response.json(),
      );
    await post('query MetricsApollo { regions { code } }');
    await post('{ enterpriseByBin(bin: "12345") { name } }');
    expect(await requests(gateway.url, 'MetricsApollo')).toBe(1);
    expect(await errors(gateway.url, 'BAD_USER_INPUT')).toBe(1);
  });
});
