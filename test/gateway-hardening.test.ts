import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelectedGateway } from '../gateway/engines/select.js';
import { parseConfig } from '../services/kernel/config.js';
import type { RunningService } from '../services/kernel/http.js';
import { federation } from './support/federation.js';
import { type ForwardingProxy, forwardingProxy } from './support/proxy.js';

/**
 * What bounds a request at the gateway (issue 17, items 12-14): introspection as a setting, a
 * per-request deadline, gzip above a threshold. The federation's own gateway (development mode)
 * and a second one in production mode whose regions subgraph answers only after 3 s.
 */

const post = (url: string, query: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

const INTROSPECTION = '{ __schema { queryType { name } } }';

let slow: ForwardingProxy;
let production: RunningService;

beforeAll(async () => {
  // Far slower than the deadline, so an answer well before it proves the deadline ended the request.
  slow = await forwardingProxy(federation.subgraphUrl('regions'), 10_000);
  production = await startSelectedGateway({
    port: 0,
    config: parseConfig({ ...process.env, NODE_ENV: 'production', REGIONS_URL: slow.url, GATEWAY_DEADLINE_MS: '800' }),
  });
});

afterAll(async () => {
  await production?.close();
  await new Promise((resolve) => slow?.server.close(resolve));
});

describe('introspection', () => {
  it('is on in development', async () => {
    const body = (await (await post(federation.gatewayUrl(), INTROSPECTION)).json()) as { errors?: unknown[] };
    expect(body.errors).toBeUndefined();
  });

  it('is off in production unless INTROSPECTION=true', async () => {
    const body = (await (await post(production.url, INTROSPECTION)).json()) as { data?: unknown; errors?: unknown[] };
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
  });
});

describe('the per-request deadline (GATEWAY_DEADLINE_MS)', () => {
  it.each(['hive-router', 'hive', 'apollo'] as const)('answers HTTP 504 with TIMEOUT when a subgraph is slower than the deadline (%s)', async (engine) => {
    const gateway = await startSelectedGateway({
      port: 0,
      config: parseConfig({ ...process.env, NODE_ENV: 'production', REGIONS_URL: slow.url, GATEWAY_DEADLINE_MS: '800', GATEWAY_ENGINE: engine }),
    });
    try {
      const startedAt = performance.now();
      const response = await post(gateway.url, '{ regions { code } }');
      expect(performance.now() - startedAt).toBeLessThan(5_000);
      expect(response.status).toBe(504);
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      // Within the deadline the same gateway answers as ever.
      const quick = (await (await post(gateway.url, '{ __typename }')).json()) as { data?: { __typename?: string } };
      expect(quick.data?.__typename).toBe('Query');
    } finally {
      await gateway.close();
    }
  });
});

describe('compression (COMPRESS_MIN_BYTES)', () => {
  it('gzips a large answer for a client that accepts gzip', async () => {
    const answer = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const url = new URL(federation.gatewayUrl());
      const outgoing = httpRequest(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' } },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ encoding: incoming.headers['content-encoding'], body: Buffer.concat(chunks) }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(JSON.stringify({ query: '{ regions { code boundary } }' }));
    });
    expect(answer.encoding).toBe('gzip');
    const json = JSON.parse(gunzipSync(answer.body).toString('utf8')) as { data: { regions: unknown[] } };
    expect(json.data.regions).toHaveLength(20);
    expect(answer.body.length).toBeLessThan(gunzipSync(answer.body).length / 2);
  });

  it('leaves a small answer uncompressed', async () => {
    const small = await post(federation.gatewayUrl(), '{ regions { code } }', { 'accept-encoding': 'gzip' });
    expect(small.headers.get('content-encoding')).toBeNull();
  });
});
