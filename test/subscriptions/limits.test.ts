import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSelectedGateway } from '../../gateway/engines/select.js';
import type { RunningService } from '../../services/kernel/http.js';
import { federation, tokenFor } from '../support/federation.js';
import { failureOf, type Subscriber, subscribe, subscribersOf, untilSubscribed, untilSubscribers, gatewayConfig } from './support.js';

/** Subscription limits at the gateway, on one started with small ones (SUBSCRIPTIONS_PER_*). */
const QUERY = 'subscription { vacancyClosed { id } }';
let gateway: RunningService;
let token: string;
const open: Subscriber<unknown>[] = [];
const vacanciesUrl = () => federation.subgraphUrl('vacancies');

beforeAll(async () => {
  const config = gatewayConfig({ SUBSCRIPTIONS_PER_CALLER: '2', SUBSCRIPTIONS_PER_CONNECTION: '1' });
  gateway = await startSelectedGateway({ port: 0, config });
  token = await tokenFor({ sub: 'dashboard-1', roles: ['inspector'], regions: ['KZ-35'] });
});

afterAll(async () => {
  for (const subscriber of open) await subscriber.close();
  await gateway?.close();
});

describe('subscription limits', () => {
  it('refuses a caller more than SUBSCRIPTIONS_PER_CALLER live subscriptions, and takes one again after another ends', async () => {
    const before = await subscribersOf(vacanciesUrl());
    const first = subscribe('sse', QUERY, { token, gatewayUrl: gateway.url });
    const second = subscribe('sse', QUERY, { token, gatewayUrl: gateway.url });
    open.push(first, second);
    await untilSubscribed(vacanciesUrl(), before, 2);
    const third = subscribe('sse', QUERY, { token, gatewayUrl: gateway.url });
    open.push(third);
    expect(await failureOf(third)).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED' } });
    // Another caller is not affected.
    const other = subscribe('sse', QUERY, { token: await tokenFor({ sub: 'dashboard-2', roles: ['inspector'], regions: ['KZ-35'] }), gatewayUrl: gateway.url });
    open.push(other);
    await untilSubscribed(vacanciesUrl(), before, 3);

    await first.close();
    await untilSubscribers(vacanciesUrl(), (count) => count === before + 2);
    const again = subscribe('ws', QUERY, { token, gatewayUrl: gateway.url });
    open.push(again);
    await untilSubscribed(vacanciesUrl(), before, 3);
    expect(again.received).toEqual([]);
  });

  it('refuses more than SUBSCRIPTIONS_PER_CONNECTION on one WebSocket', async () => {
    const client = createClient({ url: gateway.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false });
    const results: unknown[] = [];
    const errors: unknown[] = [];
    const sink = { next: (value: unknown) => results.push(value), error: (error: unknown) => errors.push(error), complete: () => undefined };
    const before = await subscribersOf(vacanciesUrl());
    const stopFirst = client.subscribe({ query: QUERY }, sink);
    await untilSubscribed(vacanciesUrl(), before);
    client.subscribe({ query: QUERY }, sink);
    const deadline = Date.now() + 2000;
    while (errors.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(JSON.stringify(errors)).toContain('LIMIT_EXCEEDED');
    stopFirst();
    await client.dispose();
  });
});
