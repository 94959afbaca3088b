import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSelectedGateway } from '../../gateway/engines/select.js';
import type { RunningService } from '../../services/kernel/http.js';
import { federation } from '../support/federation.js';
import { gatewayConfig, subscribe, subscribersOf, untilSubscribed } from './support.js';

/**
 * Keep-alives on idle subscription connections and a clean close (docs/architecture.md §14), on
 * a gateway started with SUBSCRIPTION_HEARTBEAT_SECONDS=1. Raw clients, so what is on the wire
 * is what is checked: a library client would answer pings and hide comments.
 */
const QUERY = 'subscription { vacancyClosed { id } }';
let gateway: RunningService;
const vacanciesUrl = () => federation.subgraphUrl('vacancies');

function startGateway(): Promise<RunningService> {
  const config = gatewayConfig({ SUBSCRIPTION_HEARTBEAT_SECONDS: '1' });
  return startSelectedGateway({ port: 0, config });
}

/** Opens a GraphQL-over-SSE stream and counts the keep-alive comments (`:` lines) on it until `ms` passed. */
async function commentsOnStream(url: string, ms: number): Promise<{ comments: number; events: string }> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: QUERY }),
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  const comments = text.split('\n\n').filter((message) => message.trim() === ':').length;
  const events = text
    .split('\n\n')
    .filter((message) => message.trim() !== ':' && message.trim() !== '')
    .join('\n\n');
  return { comments, events };
}

beforeAll(async () => {
  gateway = await startGateway();
});

afterAll(async () => {
  await gateway?.close();
});

describe('keep-alives on idle subscription connections', () => {
  it('pings an idle WebSocket every SUBSCRIPTION_HEARTBEAT_SECONDS', async () => {
    const socket = new WebSocket(gateway.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    let pings = 0;
    socket.on('ping', () => {
      pings++;
    });
    const acked = new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        if (JSON.parse(String(data)).type === 'connection_ack') resolve();
      });
      socket.on('error', reject);
    });
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await acked;
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: QUERY } }));
    await new Promise((resolve) => setTimeout(resolve, 3500));
    socket.close(1000);
    // One a second, on a busy machine at least two in 3.5 s.
    expect(pings).toBeGreaterThanOrEqual(2);
  });

  it("sends keep-alive comments on a client's idle SSE stream (Hive's own: 12 s, 300 ms under NODE_ENV=test)", async () => {
    expect(process.env.NODE_ENV).toBe('test');
    const { comments, events } = await commentsOnStream(gateway.url, 2000);
    // The opening comment, then one every 300 ms.
    expect(comments).toBeGreaterThanOrEqual(3);
    expect(events).toBe('');
  });

  it("sends keep-alive comments on a subgraph's idle SSE stream to the gateway (graphql-sse's: every 12 s)", async () => {
    const { comments, events } = await commentsOnStream(vacanciesUrl(), 13_500);
    // The opening comment, then the one at 12 s.
    expect(comments).toBeGreaterThanOrEqual(2);
    expect(events).toBe('');
  }, 30_000);
});

describe('a fresh gateway', () => {
  it('serves a WebSocket subscription that is its very first request', async () => {
    // The map page opens its socket as it loads: no query may have loaded the schema before.
    const fresh = await startGateway();
    try {
      const before = await subscribersOf(vacanciesUrl());
      const overWs = subscribe('ws', QUERY, { gatewayUrl: fresh.url });
      await untilSubscribed(vacanciesUrl(), before);
      expect(overWs.ended()).toBe(false);
      await overWs.close();
    } finally {
      await fresh.close();
    }
  });
});

describe('a clean close', () => {
  it('ends live SSE and WebSocket subscriptions when the gateway closes', async () => {
    const closing = await startGateway();
    const before = await subscribersOf(vacanciesUrl());
    const overSse = subscribe('sse', QUERY, { gatewayUrl: closing.url });
    const overWs = subscribe('ws', QUERY, { gatewayUrl: closing.url });
    await untilSubscribed(vacanciesUrl(), before, 2);
    const started = Date.now();
    await closing.close();
    // Nothing held the close: no stream was left to time out.
    expect(Date.now() - started).toBeLessThan(5000);
    const deadline = Date.now() + 5000;
    while (!(overSse.ended() && overWs.ended()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(overSse.ended()).toBe(true);
    expect(overWs.ended()).toBe(true);
    await overSse.close();
    await overWs.close();
  });
});
