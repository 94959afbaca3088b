import { type Attributes, context, propagation, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { IncomingHttpHeaders } from 'node:http';
import type pg from 'pg';

/**
 * OpenTelemetry traces gateway → subgraph → SQL (docs/architecture.md §7), exported over
 * OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT; unset, nothing is started and nothing is sent. Each
 * service has its own provider (its `service.name`; several run in one process in the embedded
 * demo and the tests); the context travels in AsyncLocalStorage within a process and as W3C
 * `traceparent` between them.
 */
export interface Tracing {
  /** False when no endpoint is configured: every method does nothing. */
  enabled: boolean;
  /** Runs `handle` in a server span continuing the caller's `traceparent`; `status` is read when it is done. */
  serve<T>(name: string, headers: IncomingHttpHeaders, handle: () => Promise<T>, status?: () => number): Promise<T>;
  /** A client span for a call to another service, child of the active span: the headers that carry it, and its end. */
  outgoing(name: string, attributes: Attributes): { headers: Record<string, string>; end: (status?: number, error?: unknown) => void };
  /** A child span per SQL statement the pool's connections send within a traced request. */
  tracePool(pool: pg.Pool): void;
  /** Sends what is still buffered and stops. */
  close(): Promise<void>;
}

const OFF: Tracing = {
  enabled: false,
  serve: (_name, _headers, handle) => handle(),
  outgoing: () => ({ headers: {}, end: () => undefined }),
  tracePool: () => undefined,
  close: async () => undefined,
};

/** SQL text kept on a span: the statement, never its parameters. */
const STATEMENT_CHARS = 2000;

let registered = false;

/** The context manager and the propagator are the process's; set once, by the first service that traces. */
function registerPropagation(): void {
  if (registered) return;
  registered = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** The service's tracing, to OTEL_EXPORTER_OTLP_ENDPOINT of its config; without one, nothing at all. */
export function startTracing(service: string, endpoint: string | undefined): Tracing {
  if (!endpoint) return OFF;
  registerPropagation();
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }))],
  });
  const tracer = provider.getTracer('enterprise-map');
  return {
    enabled: true,
    serve: (name, headers, handle, status) => {
      const parent = propagation.extract(context.active(), headers);
      return tracer.startActiveSpan(name, { kind: SpanKind.SERVER }, parent, async (span) => {
        try {
          return await handle();
        } catch (error) {
          failed(span, error);
          throw error;
        } finally {
          const code = status?.();
          if (code !== undefined) span.setAttribute('http.response.status_code', code);
          if (code !== undefined && code >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
      });
    },
    outgoing: (name, attributes) => {
      const span = tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes });
      const headers: Record<string, string> = {};
      propagation.inject(trace.setSpan(context.active(), span), headers);
      return {
        headers,
        end: (status, error) => {
          if (status !== undefined) span.setAttribute('http.response.status_code', status);
          if (error !== undefined || (status !== undefined && status >= 500)) failed(span, error);
          span.end();
        },
      };
    },
    tracePool: (pool) => pool.on('connect', (client) => traceQueries(client, tracer)),
    close: () => provider.shutdown(),
  };
}

function failed(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
}

/** The active context's `traceparent` (empty when nothing is traced), for a call that makes no span of its own. */
export function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

/** Wraps one connection's `query`: a client span around each statement sent while a span is active. */
function traceQueries(client: pg.PoolClient, tracer: Tracer): void {
  const query = client.query as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = function traced(this: unknown, ...args: unknown[]) {
    if (!trace.getSpan(context.active())) return query.apply(this, args);
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const span = tracer.startSpan(text.trimStart().split(/\s/, 1)[0]?.toUpperCase() || 'SQL', {
      kind: SpanKind.CLIENT,
      attributes: { 'db.system': 'postgresql', 'db.statement': text.slice(0, STATEMENT_CHARS) },
    });
    const result = query.apply(this, args);
    if (!(result instanceof Promise)) {
      // A cursor (a streamed read) or a callback: its end is not awaited here.
      span.end();
      return result;
    }
    return result.then(
      (value) => {
        span.end();
        return value;
      },
      (error: unknown) => {
        failed(span, error);
        span.end();
        throw error;
      },
    );
  };
}
