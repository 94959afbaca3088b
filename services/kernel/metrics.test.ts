import { describe, expect, it } from 'vitest';
import { metricValue, OPERATION_NAMES_LIMIT, ServiceMetrics } from './metrics.js';

describe('ServiceMetrics', () => {
  it('folds operation names past the limit, and names that are not GraphQL names, into other', async () => {
    const metrics = new ServiceMetrics('bounded');
    for (let index = 0; index < OPERATION_NAMES_LIMIT + 5; index += 1) metrics.observe(`Operation${index}`, 0.01);
    metrics.observe('not a name', 0.01);
    metrics.observe(null, 0.01);
    metrics.observe('Operation0', 0.01);
    const text = await metrics.registry.metrics();
    expect(metricValue(text, 'graphql_request_duration_seconds_count', { operation: 'other' })).toBe(6);
    expect(metricValue(text, 'graphql_request_duration_seconds_count', { operation: 'anonymous' })).toBe(1);
    expect(metricValue(text, 'graphql_request_duration_seconds_count', { operation: 'Operation0' })).toBe(2);
    expect(text.match(/^graphql_request_duration_seconds_count\{/gm)).toHaveLength(OPERATION_NAMES_LIMIT + 2);
  });

  it('counts errors by code, an error without one as INTERNAL_SERVER_ERROR', async () => {
    const metrics = new ServiceMetrics('errors');
    metrics.observe('Op', 0.01, ['BAD_USER_INPUT', 'BAD_USER_INPUT', undefined]);
    const text = await metrics.registry.metrics();
    expect(metricValue(text, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(2);
    expect(metricValue(text, 'graphql_errors_total', { code: 'INTERNAL_SERVER_ERROR' })).toBe(1);
  });

  it('reads what its sources say on each scrape', async () => {
    let statements = 3;
    const metrics = new ServiceMetrics('sources', {
      sqlStatements: () => statements,
      pool: () => ({ inUse: 2, waiting: 1 }),
      openSubscriptions: () => 4,
    });
    expect(metricValue(await metrics.registry.metrics(), 'sql_statements_total')).toBe(3);
    statements = 10;
    const text = await metrics.registry.metrics();
    expect(metricValue(text, 'sql_statements_total', { service: 'sources' })).toBe(10);
    expect(metricValue(text, 'db_pool_connections_in_use')).toBe(2);
    expect(metricValue(text, 'db_pool_waiting')).toBe(1);
    expect(metricValue(text, 'graphql_open_subscriptions')).toBe(4);
  });
});

describe('metricValue', () => {
  const text = [
    '# HELP x_total a counter',
    '# TYPE x_total counter',
    'x_total{service="a",code="A"} 2',
    'x_total{service="b",code="A"} 3',
    'x_total{service="b",code="B"} 5',
    'x_totals 100',
    'y 1.5',
  ].join('\n');

  it('sums the samples whose labels include the given ones, 0 when none', () => {
    expect(metricValue(text, 'x_total')).toBe(10);
    expect(metricValue(text, 'x_total', { code: 'A' })).toBe(5);
    expect(metricValue(text, 'x_total', { service: 'b', code: 'B' })).toBe(5);
    expect(metricValue(text, 'x_total', { code: 'C' })).toBe(0);
    expect(metricValue(text, 'y')).toBe(1.5);
  });
});
