import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelectedGateway } from '../gateway/engines/select.js';
import { reloadConfig } from '../services/kernel/config.js';
import type { RunningService } from '../services/kernel/http.js';
import { startSubgraph } from '../services/kernel/subgraph.js';
import { SUBGRAPHS } from '../scripts/subgraphs.js';
import { expectData, type GraphQLResponse } from './support/federation.js';
import { gatewayConfig } from './subscriptions/support.js';
import { federation } from './support/federation.js';

/**
 * OpenTelemetry traces (docs/architecture.md §7): an enterprises subgraph and a gateway of this file's
 * own, in this process, export to an OTLP/HTTP receiver started here. With
 * OTEL_EXPORTER_OTLP_ENDPOINT set, one query is one trace: the gateway's request span, the
 * subgraph's request span under it (through `traceparent`), a span per SQL statement under that.
 * Unset, nothing is sent.
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  /** 2: ERROR. */
  status?: { code?: number };
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

interface ExportedSpan extends OtlpSpan {
  service: string;
}

interface Receiver {
  url: string;
  requests: number;
  spans: ExportedSpan[];
  close(): Promise<void>;
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
}

/** A collector's OTLP/HTTP endpoint, JSON encoding: POST /v1/traces, every span kept with its service. */
async function startReceiver(): Promise<Receiver> {
  const receiver = { requests: 0, spans: [] as ExportedSpan[] };
  const server: Server = createServer(async (request, response) => {
    receiver.requests += 1;
    if (request.method !== 'POST' || request.url !== '/v1/traces') {
      response.writeHead(404).end();
      return;
    }
    const payload = JSON.parse((await body(request)).toString('utf8')) as {
      resourceSpans: { resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
    };
    for (const resourceSpans of payload.resourceSpans) {
      const service = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue ?? '';
      for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) receiver.spans.push({ ...span, service });
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const ENGINES = ['hive-router', 'hive', 'apollo'] as const;
type Engine = (typeof ENGINES)[number];
const enterprisesDefinition = SUBGRAPHS.find((subgraph) => subgraph.name === 'enterprises')!;
const QUERY = 'query TracedEnterprises { enterprises(first: 2) { edges { node { name } } } }';

/** This file's enterprises subgraph and a gateway over it (the rest: the run's federation), with `endpoint` or without. */
async function startTraced(
  engine: Engine,
  endpoint: string | undefined,
): Promise<{ gateway: RunningService; stopSubgraph: () => Promise<void>; close: () => Promise<void> }> {
  Object.assign(process.env, { DATABASE_URL: federation.databaseUrl(), MIGRATE: 'false', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint ?? '' });
  reloadConfig();
  const enterprises = await startSubgraph(enterprisesDefinition, { port: 0 });
  const config = gatewayConfig({ ENTERPRISES_URL: enterprises.url, GATEWAY_ENGINE: engine, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint ?? '' });
  const gateway = await startSelectedGateway({ port: 0, config });
  return {
    gateway,
    stopSubgraph: () => enterprises.close(),
    close: async () => {
      // Closing flushes what each service's exporter still holds.
      await gateway.close();
      await enterprises.close();
    },
  };
}

async function post(url: string, query: string): Promise<GraphQLResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as GraphQLResponse;
}

const attribute = (span: OtlpSpan, key: string) => span.attributes.find((one) => one.key === key)?.value.stringValue;

let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  Object.assign(process.env, { OTEL_EXPORTER_OTLP_ENDPOINT: '' });
  reloadConfig();
});

describe('tracing', () => {
  it('sends nothing when no endpoint is configured', async () => {
    const traced = await startTraced('hive-router', undefined);
    try {
      expectData(await post(traced.gateway.url, QUERY));
    } finally {
      await traced.close();
    }
    expect(receiver.requests).toBe(0);
  });

  it.each(ENGINES)('follows one query from the %s gateway through the subgraph to its SQL in one trace', async (engine) => {
    receiver.spans.length = 0;
    const traced = await startTraced(engine, receiver.url);
    try {
      expectData(await post(traced.gateway.url, QUERY));
    } finally {
      await traced.close();
    }
    const spans = receiver.spans;
    const gatewaySpan = spans.find((span) => span.service === 'gateway' && span.kind === 2 && !span.parentSpanId);
    expect(gatewaySpan, JSON.stringify(spans.map(({ service, name, kind }) => ({ service, name, kind })))).toBeDefined();
    const trace = spans.filter((span) => span.traceId === gatewaySpan!.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));
    const subgraphSpan = trace.find((span) => span.service === 'enterprises' && span.kind === 2);
    expect(subgraphSpan).toBeDefined();
    // The subgraph's request span continues the gateway's: its parent is the gateway's request span or its call to the subgraph.
    const parent = byId.get(subgraphSpan!.parentSpanId ?? '');
    expect(parent?.service).toBe('gateway');
    expect(parent === gatewaySpan || parent?.parentSpanId === gatewaySpan!.spanId).toBe(true);
    const sql = trace.filter((span) => span.service === 'enterprises' && attribute(span, 'db.system') === 'postgresql');
    expect(sql.length).toBeGreaterThan(0);
    for (const statement of sql) expect(statement.parentSpanId).toBe(subgraphSpan!.spanId);
    expect(sql.some((statement) => /select/i.test(attribute(statement, 'db.statement') ?? ''))).toBe(true);
  });

  it('ends the call to a subgraph that is down as an error span', async () => {
    receiver.spans.length = 0;
    const traced = await startTraced('hive-router', receiver.url);
    try {
      await traced.stopSubgraph();
      const response = await post(traced.gateway.url, QUERY);
      expect(response.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    } finally {
      await traced.close();
    }
    const call = receiver.spans.find((span) => span.service === 'gateway' && span.kind === 3);
    expect(call?.status?.code).toBe(2);
    expect(receiver.spans.some((span) => span.service === 'enterprises')).toBe(false);
  });
});
