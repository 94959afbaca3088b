import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * `/metrics` of every service in Prometheus text format (docs/architecture.md §7): one registry
 * per service (several run in one process in the embedded demo and the tests), Node's process
 * metrics, and the project's own families. The GraphQL layer of each engine reports requests
 * through `observe` (`apolloMetrics` below for Apollo Server, gateway/plugins/metrics.ts for Hive
 * Gateway); the rest is read from its source on each scrape.
 */

/** Distinct operation names kept as labels; later new names are counted as `other`. */
export const OPERATION_NAMES_LIMIT = 200;

/** A GraphQL name (what a parsed operation name always is), bounded in length. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** Seconds: from a fast cached answer to the gateway's deadline. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface PoolUsage {
  /** Connections checked out by a statement or a transaction. */
  inUse: number;
  /** Callers waiting for a connection. */
  waiting: number;
}

/** What a service reads on each scrape; a service without a database or subscriptions leaves them out. */
export interface MetricSources {
  sqlStatements?: () => number;
  pool?: () => PoolUsage;
  openSubscriptions?: () => number;
  /** Subscription clients' unread bytes (events/client-buffers.ts). */
  clientBuffers?: { metrics(): { subscriptionBufferPeakBytes: number; slowConsumersDropped: number } };
}

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'code'>;
  private readonly names = new Set<string>();

  constructor(service: string, sources: MetricSources = {}) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'GraphQL requests by operation name (anonymous, or other past the limit of distinct names): count and latency',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({ name: 'graphql_errors_total', help: 'Errors answered, by extensions.code', labelNames: ['code'], registers });
    // Families read from their source on each scrape: a gauge is set to it, a counter to its total.
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    const total = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    const { sqlStatements, pool, openSubscriptions, clientBuffers } = sources;
    if (sqlStatements) total('sql_statements_total', 'SQL statements sent to the database', sqlStatements);
    if (pool) {
      gauge('db_pool_connections_in_use', 'Database connections checked out', () => pool().inUse);
      gauge('db_pool_waiting', 'Callers waiting for a database connection', () => pool().waiting);
    }
    if (openSubscriptions) gauge('graphql_open_subscriptions', 'Subscriptions open now', openSubscriptions);
    if (clientBuffers) {
      gauge(
        'subscription_buffer_peak_bytes',
        'The most bytes any one subscription client had written to it and not yet read (SUBSCRIPTION_BUFFER_BYTES bounds it)',
        () => clientBuffers.metrics().subscriptionBufferPeakBytes,
      );
      total(
        'subscription_slow_consumers_dropped_total',
        'Subscription clients dropped for more than SUBSCRIPTION_BUFFER_BYTES unread',
        () => clientBuffers.metrics().slowConsumersDropped,
      );
    }
  }

  /** The label for an operation name: `anonymous` without one, `other` past the limit or for a name that is not a GraphQL name. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.names.has(name)) return name;
    if (!OPERATION_NAME.test(name) || this.names.size >= OPERATION_NAMES_LIMIT) return 'other';
    this.names.add(name);
    return name;
  }

  /** One GraphQL request answered: its operation, how long it took, the codes of its errors. */
  observe(operation: string | null | undefined, seconds: number, errorCodes: readonly unknown[] = []): void {
    this.duration.observe({ operation: this.operationLabel(operation) }, seconds);
    for (const code of errorCodes) this.countError(code);
  }

  /** An error answered, also outside GraphQL (a refused body); one without a code counts as INTERNAL_SERVER_ERROR. */
  countError(code: unknown): void {
    this.errors.inc({ code: typeof code === 'string' && OPERATION_NAME.test(code) ? code : 'INTERNAL_SERVER_ERROR' });
  }
}

/** The codes of an answer's errors. */
export function errorCodes(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): unknown[] {
  return (errors ?? []).map((error) => error.extensions?.code);
}

/** Apollo Server's side (the subgraphs, the `apollo` gateway engine): every answered request, errors as formatted. */
export function apolloMetrics<Context extends BaseContext>(metrics: ServiceMetrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, request, response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          metrics.observe(operationName ?? request.operationName, (performance.now() - started) / 1000, errorCodes(errors));
        },
      };
    },
  };
}

/**
 * The value of one sample in a Prometheus text exposition: the sample named `name` whose labels
 * include `labels`, or the sum over every such sample (several services' default labels, or every
 * operation); 0 when there is none. For tests and the benchmark, which read `/metrics`.
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([label, value]) => found[label] === value)) sum += Number(match[3]);
  }
  return sum;
}

/** Reads a service's `/metrics` (its GraphQL URL's sibling) and returns `metricValue` of it. */
export async function fetchMetric(graphqlUrl: string, name: string, labels?: Record<string, string>): Promise<number> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'));
  return metricValue(await response.text(), name, labels);
}
