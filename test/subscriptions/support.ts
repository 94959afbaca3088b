import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import { expect } from 'vitest';
import { type Config, parseConfig } from '../../services/kernel/config.js';
import { fetchMetric } from '../../services/kernel/metrics.js';
import { federation, type GraphQLResponse } from '../support/federation.js';

export type Transport = 'sse' | 'ws';
export const TRANSPORTS: Transport[] = ['sse', 'ws'];

export interface Subscriber<Data> {
  /** Everything received so far, in order. */
  received: GraphQLResponse<Data>[];
  /** Resolves with the first result that satisfies `matches`, or fails after `ms`. */
  next(matches: (result: GraphQLResponse<Data>) => boolean, ms?: number): Promise<GraphQLResponse<Data>>;
  /** True once the stream ended (completed or failed). */
  ended: () => boolean;
  close(): Promise<void>;
}

/**
 * A client subscribed through a gateway over GraphQL-over-SSE (graphql-sse, distinct
 * connections) or graphql-ws (the token in connection_init), collecting what arrives.
 */
export function subscribe<Data = Record<string, unknown>>(
  transport: Transport,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string; gatewayUrl?: string } = {},
): Subscriber<Data> {
  const url = options.gatewayUrl ?? federation.gatewayUrl();
  const authorization = options.token ? `Bearer ${options.token}` : undefined;
  const received: GraphQLResponse<Data>[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const push = (result: GraphQLResponse<Data>) => {
    received.push(result);
    for (const wake of waiters) wake();
  };
  let dispose: () => Promise<void> | void;
  const request = { query, variables: options.variables ?? {} };
  const sink = {
    next: (result: unknown) => push(result as GraphQLResponse<Data>),
    error: (error: unknown) => {
      const message = error instanceof Error ? error.message : JSON.stringify(error);
      push({ errors: [{ message, extensions: { code: 'STREAM_FAILED' } }] });
      ended = true;
      for (const wake of waiters) wake();
    },
    complete: () => {
      ended = true;
      for (const wake of waiters) wake();
    },
  };
  if (transport === 'sse') {
    const client = createSseClient({ url, headers: authorization ? { authorization } : {}, retryAttempts: 0 });
    const unsubscribe = client.subscribe(request, sink);
    dispose = () => {
      unsubscribe();
      client.dispose();
    };
  } else {
    const client = createWsClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: authorization ? { authorization } : {},
      retryAttempts: 0,
      lazy: false,
    });
    const unsubscribe = client.subscribe(request, sink);
    dispose = async () => {
      unsubscribe();
      await client.dispose();
    };
  }
  return {
    received,
    ended: () => ended,
    next: (matches, ms = 2000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(matches);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`nothing matching within ${ms} ms; received ${JSON.stringify(received)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
    close: async () => {
      await dispose();
    },
  };
}

/** The settings of a gateway a test starts beside the run's own, on the run's subgraphs, with `overrides`. */
export function gatewayConfig(overrides: Record<string, string> = {}): Config {
  return parseConfig({
    ...process.env,
    REGIONS_URL: federation.subgraphUrl('regions'),
    ENTERPRISES_URL: federation.subgraphUrl('enterprises'),
    VACANCIES_URL: federation.subgraphUrl('vacancies'),
    RESETTLEMENT_URL: federation.subgraphUrl('resettlement'),
    PROJECTS_URL: federation.subgraphUrl('projects'),
    ...overrides,
  });
}

/** Live subscribers in a subgraph process (its `/metrics`). */
export function subscribersOf(subgraphUrl: string): Promise<number> {
  return fetchMetric(subgraphUrl, 'graphql_open_subscriptions');
}

/**
 * Live subscribers once the count has held still for 300 ms (10 s at most): an earlier test's
 * subscription still closing would otherwise leave `before` one too high, and a new subscriber
 * then never shows above it.
 */
export async function settledSubscribersOf(subgraphUrl: string): Promise<number> {
  const deadline = Date.now() + 10_000;
  let count = await subscribersOf(subgraphUrl);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await subscribersOf(subgraphUrl);
    if (again === count || Date.now() > deadline) return again;
    count = again;
  }
}

/**
 * Waits until the subgraph's live subscribers satisfy `holds`: 15 s at most, since a gateway
 * started by a test plans its first operation cold, and the embedded database is slow to share.
 */
export async function untilSubscribers(subgraphUrl: string, holds: (count: number) => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!holds(await subscribersOf(subgraphUrl))) {
    if (Date.now() > deadline) throw new Error(`subscribers at ${subgraphUrl}: ${await subscribersOf(subgraphUrl)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Waits until the subgraph holds `count` more subscribers than `before`: the gateway subscribes
 * upstream after answering the client, and a write committed earlier would rightly be missed.
 */
export function untilSubscribed(subgraphUrl: string, before: number, count = 1): Promise<void> {
  return untilSubscribers(subgraphUrl, (live) => live >= before + count);
}

/** The first error of a result that failed, with its code. */
export function failureOf(subscriber: Subscriber<unknown>) {
  return subscriber.next((result) => Boolean(result.errors?.length)).then((result) => {
    expect(result.data ?? null).toBeNull();
    return result.errors![0]!;
  });
}
