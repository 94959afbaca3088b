import { request as httpRequest, type IncomingMessage } from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startHiveGateway } from '../../gateway/engines/hive-gateway.js';
import { SLOW_CONSUMER_CLOSE_CODE } from '../../services/kernel/events/client-buffers.js';
import type { RunningService } from '../../services/kernel/http.js';
import { fetchMetric } from '../../services/kernel/metrics.js';
import { expectData, federation, tokenFor } from '../support/federation.js';
import { gatewayConfig, type Subscriber, subscribe, subscribersOf, untilSubscribed, untilSubscribers } from './support.js';

/**
 * Slow consumers at the gateway (docs/architecture.md §14, issue 16 "Limits"): a WebSocket
 * client and an SSE client that stop reading, on a gateway with a small SUBSCRIPTION_BUFFER_BYTES,
 * while vacancies are posted through the gateway. Each asks for its vacancy's region boundary, so
 * that its events are large and fill the sockets' kernel buffers within a few dozen events.
 */
const BUFFER_BYTES = 256 * 1024;
const SLOW = 'subscription ($area: AreaInput) { vacancyPosted(area: $area) { id region { code boundary } } }';
const NORMAL = 'subscription ($area: AreaInput) { vacancyPosted(area: $area) { id } }';
const POST = 'mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }';
const CLOSE = 'mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }';
const MAX_POSTS = 400;

let gateway: RunningService;
let token: string;
let employer: { bin: string; katoCode: string; regionCode: string };
let pool: pg.Pool;
const posted: string[] = [];
const open: Subscriber<unknown>[] = [];
const vacanciesUrl = () => federation.subgraphUrl('vacancies');

interface GatewayMetrics {
  subscriptionBufferPeakBytes: number;
  slowConsumersDropped: number;
}

async function gatewayMetrics(): Promise<GatewayMetrics> {
  return {
    subscriptionBufferPeakBytes: await fetchMetric(gateway.url, 'subscription_buffer_peak_bytes'),
    slowConsumersDropped: await fetchMetric(gateway.url, 'subscription_slow_consumers_dropped_total'),
  };
}

/** A graphql-transport-ws client by hand, so that the test can stop its socket's reading. */
function slowWebSocket(variables: Record<string, unknown>) {
  const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string };
    if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SLOW, variables } }));
  });
  return { socket, closed };
}

/** An SSE subscription whose body is never read until `read()`; `read` collects the rest of it. */
function slowEventStream(variables: Record<string, unknown>) {
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    const request = httpRequest(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' } }, resolve);
    request.once('error', reject);
    request.end(JSON.stringify({ query: SLOW, variables }));
  });
  return {
    response,
    read: async (): Promise<string> => {
      const body = await response;
      const chunks: Buffer[] = [];
      body.on('data', (chunk: Buffer) => chunks.push(chunk));
      body.resume();
      // A dropped stream's connection closes once its last event is out.
      return new Promise((resolve) => body.once('close', () => resolve(Buffer.concat(chunks).toString('utf8'))));
    },
  };
}

async function postVacancy(title: string): Promise<string> {
  const input = { bin: employer.bin, title, occupationCode: '7212', salaryMinTenge: 320_000, employmentType: 'PERMANENT', katoCode: employer.katoCode };
  const { postVacancy } = expectData(await federation.query<{ postVacancy: { id: string } }>(POST, { input }, { token }));
  posted.push(postVacancy.id);
  return postVacancy.id;
}

beforeAll(async () => {
  pool = new pg.Pool({ connectionString: federation.databaseUrl(), max: 2 });
  const { vacancies } = expectData(
    await federation.query<{ vacancies: { edges: { node: { katoCode: string; region: { code: string }; enterprise: { bin: string } } }[] } }>(
      '{ vacancies(first: 1, area: { regionCode: "KZ-35" }) { edges { node { katoCode region { code } enterprise { bin } } } } }',
    ),
  );
  const node = vacancies.edges[0]!.node;
  employer = { bin: node.enterprise.bin, katoCode: node.katoCode, regionCode: node.region.code };
  token = await tokenFor({ sub: 'employer-slow-consumers', roles: ['employer'], bin: employer.bin });
  gateway = await startHiveGateway({ port: 0, config: gatewayConfig({ SUBSCRIPTION_BUFFER_BYTES: String(BUFFER_BYTES), SUBSCRIPTION_HEARTBEAT_SECONDS: '10' }) });
});

afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
  await gateway?.close();
  const stillOpen = await pool.query<{ id: string }>("select id from vacancies.vacancy where id = any($1::uuid[]) and status = 'OPEN'", [posted]);
  for (const { id } of stillOpen.rows) expectData(await federation.query(CLOSE, { id }, { token }));
  await pool.end();
});

describe('a subscription client that stops reading', () => {
  it('is dropped with its code past SUBSCRIPTION_BUFFER_BYTES, while a reading one on the same gateway gets every event', async () => {
    const area = { regionCode: employer.regionCode };
    const before = await subscribersOf(vacanciesUrl());
    const readers = [subscribe<{ vacancyPosted: { id: string } }>('ws', NORMAL, { variables: { area }, gatewayUrl: gateway.url })];
    readers.push(subscribe<{ vacancyPosted: { id: string } }>('sse', NORMAL, { variables: { area }, gatewayUrl: gateway.url }));
    open.push(...(readers as Subscriber<unknown>[]));
    const ws = slowWebSocket({ area });
    const sse = slowEventStream({ area });
    await untilSubscribed(vacanciesUrl(), before, 4);
    // From here on neither slow client reads a byte.
    ws.socket.pause();
    (await sse.response).pause();

    let metrics = await gatewayMetrics();
    while (metrics.slowConsumersDropped < 2 && posted.length < MAX_POSTS) {
      await Promise.all([1, 2, 3, 4].map((n) => postVacancy(`Slow consumer load ${posted.length + n}`)));
      metrics = await gatewayMetrics();
    }
    expect(metrics.slowConsumersDropped).toBe(2);
    // What waited for any one client in the gateway's socket buffers never passed the bound.
    expect(metrics.subscriptionBufferPeakBytes).toBeGreaterThan(0);
    expect(metrics.subscriptionBufferPeakBytes).toBeLessThanOrEqual(BUFFER_BYTES);

    // Once they read again, each finds the reason at the end of what it had been sent.
    ws.socket.resume();
    expect(await ws.closed).toEqual({ code: SLOW_CONSUMER_CLOSE_CODE, reason: expect.stringContaining('slow consumer dropped') });
    const events = (await sse.read()).trimEnd().split('\n\n');
    expect(events.at(-1)).toBe('event: complete\ndata:');
    const last = JSON.parse(events.at(-2)!.replace(/^event: next\ndata: /, '')) as { errors: { extensions: Record<string, unknown> }[] };
    expect(last.errors[0]!.extensions).toEqual({ code: 'LIMIT_EXCEEDED', limit: 'subscriptionBufferBytes', max: BUFFER_BYTES });

    // The readers got every event, and the dropped clients' upstream subscriptions ended.
    for (const reader of readers) {
      for (const id of posted) await reader.next((result) => result.data?.vacancyPosted.id === id, 5000);
    }
    await untilSubscribers(vacanciesUrl(), (count) => count === before + 2);
    expect((await gatewayMetrics()).slowConsumersDropped).toBe(2);
  });
});
