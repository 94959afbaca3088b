import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

/** What one scenario run measured; latencies in milliseconds. */
export interface Measurement {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** Every failed request, timeouts included. */
  errors: number;
  /** Of `errors`, those the load generator gave up on (its 10 s timeout). */
  timeouts: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** Latencies (any order; sorted in place) → the run's counts and percentiles. */
export function summarise(latencies: number[], errors: number, seconds: number, timeouts = 0): Measurement {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    requestsPerSecond: sorted.length / seconds,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    errors,
    timeouts,
  };
}

/** GraphQL POSTs at fixed concurrency; a 200 whose body carries `errors` counts as an error. */
export async function driveGraphQL(options: {
  url: string;
  connections: number;
  durationSeconds: number;
  nextBody: () => string;
}): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: options.nextBody() }),
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) errors += 1;
        },
      },
    ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await finished;
  return summarise(latencies, errors + result.errors, options.durationSeconds, result.timeouts);
}

/** GETs at fixed concurrency (tiles): any status but 200 counts as an error. */
export async function driveHttpGet(options: {
  connections: number;
  durationSeconds: number;
  nextUrl: () => string;
  headers?: Record<string, string>;
}): Promise<Measurement> {
  const latencies: number[] = [];
  let errors = 0;
  const first = new URL(options.nextUrl());
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: first.origin,
        connections: options.connections,
        duration: options.durationSeconds,
        headers: options.headers ?? {},
        requests: [
          {
            setupRequest: (request) => {
              const url = new URL(options.nextUrl());
              return { ...request, method: 'GET', path: `${url.pathname}${url.search}` };
            },
            onResponse: (status) => {
              if (status !== 200) errors += 1;
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  return summarise(latencies, errors + result.errors, options.durationSeconds, result.timeouts);
}

/** The floor: the same answer from the smallest hand-written SQL, at the same concurrency. */
export async function driveSql(options: {
  databaseUrl: string;
  connections: number;
  durationSeconds: number;
  nextQuery: () => { text: string; values: unknown[] }[];
}): Promise<Measurement> {
  // JIT off as in the subgraphs' own sessions (services/kernel/db.ts); the embedded PGlite has no JIT.
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.connections, options: '-c jit=off' });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + options.durationSeconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        for (const query of options.nextQuery()) await pool.query(query.text, query.values);
        latencies.push(performance.now() - started);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  await pool.end();
  return summarise(latencies, errors, options.durationSeconds);
}

/**
 * Waits until no other session of this database has run a statement for a second. A request the
 * load generator gave up on (its 10 s timeout) keeps running in the gateway and the subgraphs,
 * whose pools may still hold a queue of its statements; left alone, they would slow whichever
 * target is measured next. After `limitSeconds` what still runs is cancelled, poll by poll.
 */
export async function settleDatabase(databaseUrl: string, limitSeconds = 20): Promise<{ seconds: number; cancelled: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const started = performance.now();
  const busy = `from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid() and state = 'active' and backend_type = 'client backend'`;
  const pollMs = 200;
  let idlePolls = 0;
  let cancelled = 0;
  try {
    while (idlePolls * pollMs < 1000) {
      const overdue = (performance.now() - started) / 1000 >= limitSeconds;
      const { rows } = await client.query<{ active: number; cancelled: number }>(
        `select count(*)::int as active, count(*) filter (where $1 and pg_cancel_backend(pid))::int as cancelled ${busy}`,
        [overdue],
      );
      cancelled += rows[0]!.cancelled;
      idlePolls = rows[0]!.active === 0 ? idlePolls + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    return { seconds: (performance.now() - started) / 1000 - 1, cancelled };
  } finally {
    await client.end();
  }
}
