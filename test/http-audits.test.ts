import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { federation } from './support/federation.js';

/**
 * The GraphQL over HTTP specification, checked by graphql-http's own audits against the gateway
 * (issue 17, item 10): every MUST and SHOULD it tests, with zero warnings and zero errors.
 */
describe('the gateway against the GraphQL over HTTP audits (graphql-http)', () => {
  it('passes every audit without a warning', async () => {
    const audits = serverAudits({ url: federation.gatewayUrl(), fetchFn: fetch });
    const results = await Promise.all(audits.map((audit) => audit.fn()));
    const problems = results
      .filter((result) => result.status !== 'ok')
      .map((result) => `${result.id} ${result.status}: ${result.name} — ${'reason' in result ? result.reason : ''}`);
    expect(problems).toEqual([]);
    expect(results.length).toBeGreaterThan(30);
  });

  it('answers a syntax error with HTTP 400, GRAPHQL_PARSE_FAILED and its location to a graphql-response+json client', async () => {
    const response = await fetch(federation.gatewayUrl(), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: '{"query":"{"}' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors?: { locations?: unknown[]; extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors?.[0]?.locations).toEqual([{ line: 1, column: 2 }]);
  });
});
