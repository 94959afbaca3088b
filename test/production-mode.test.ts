import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reloadConfig } from '../services/kernel/config.js';
import { startSubgraph, type RunningSubgraph } from '../services/kernel/subgraph.js';
import { SUBGRAPHS } from '../scripts/subgraphs.js';
import { federation } from './support/federation.js';

/**
 * NODE_ENV=production (issue 17, item 13): no "did you mean" in any error, no stack trace, and
 * introspection off unless INTROSPECTION says otherwise. A subgraph of its own, started here in
 * production mode on the test database (this file runs in its own process).
 */

type Answer = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };

async function ask(url: string, query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as Answer;
}

const enterprises = SUBGRAPHS.find((subgraph) => subgraph.name === 'enterprises')!;

function startInProduction(environment: Record<string, string> = {}): Promise<RunningSubgraph> {
  Object.assign(process.env, { NODE_ENV: 'production', DATABASE_URL: federation.databaseUrl(), MIGRATE: 'false', ...environment });
  reloadConfig();
  return startSubgraph(enterprises, { port: 0 });
}

const MISTAKES: [string, string, Record<string, unknown>?][] = [
  ['a misspelt field', '{ enterprisez(first: 1) { totalCount } }'],
  ['a misspelt enum literal', '{ enterprises(orderBy: NAM, first: 1) { totalCount } }'],
  ['a misspelt enum variable', 'query ($order: EnterpriseOrder) { enterprises(orderBy: $order, first: 1) { totalCount } }', { order: 'NAM' }],
  ['a misspelt input field', '{ enterprises(filter: { nameContain: "a" }, first: 1) { totalCount } }'],
];

describe('a subgraph in production mode', () => {
  let subgraph: RunningSubgraph;
  beforeAll(async () => {
    subgraph = await startInProduction();
  });
  afterAll(() => subgraph?.close());

  it.each(MISTAKES)('answers %s without suggestions or stack', async (_case, query, variables) => {
    const answer = await ask(subgraph.url, query, variables);
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors ?? []) {
      expect(error.message).not.toMatch(/did you mean/i);
      expect(error.extensions).not.toHaveProperty('stacktrace');
    }
  });

  it('refuses introspection', async () => {
    const answer = await ask(subgraph.url, '{ __schema { queryType { name } } }');
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('still tells the gateway its schema (_service.sdl is federation, not introspection)', async () => {
    const answer = await ask(subgraph.url, '{ _service { sdl } }');
    expect(answer.errors).toBeUndefined();
  });
});

describe('a subgraph in production mode with INTROSPECTION=true', () => {
  let subgraph: RunningSubgraph;
  beforeAll(async () => {
    subgraph = await startInProduction({ INTROSPECTION: 'true' });
  });
  afterAll(() => subgraph?.close());

  it('answers introspection', async () => {
    const answer = await ask(subgraph.url, '{ __schema { queryType { name } } }');
    expect(answer.errors).toBeUndefined();
  });
});
