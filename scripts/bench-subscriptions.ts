import 'reflect-metadata';
import { createClient } from 'graphql-sse';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig, reloadConfig } from '../services/kernel/config.js';
import { signDevToken } from '../services/kernel/dev-tokens.js';
import { fetchMetric } from '../services/kernel/metrics.js';
import { type ServiceProcess, startService, stopService, waitReady } from './lib/bench/services.js';
import { startFederation } from './start.js';

/**
 * `npm run bench:subscriptions`: the subscription pipeline's figures (docs/architecture.md §14).
 * The subgraphs run in this process (on DATABASE_URL, or the embedded database); the gateway the
 * subscribers use is its own process (GATEWAY_ENGINE, `--engine`), so its RSS is its own.
 *
 * 1. Latency: N subscribers of `vacancyPosted` over SSE, vacancies posted one at a time through
 *    the gateway; each copy timed from the moment the mutation's answer arrived (the commit is
 *    acknowledged; an event may beat the answer: a latency near zero). With it, the gateway's RSS
 *    before and with the N subscribers, per 1 000.
 * 2. Sustained rate: `--sustained-subscribers` subscribers while events are committed at each of
 *    `--rates` per second for `--seconds` (one outbox row per commit, a copy of a real posted
 *    event with a new id, so only the pipeline is measured, not postVacancy): a rate is sustained
 *    when every copy arrives, commits keep up, and the lag of the last quarter stays within twice
 *    that of the first (+20 ms).
 *
 * Not a test: one machine, every process on the same cores, so the figures move from run to run;
 * each table says the load average when it was taken.
 */
const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1,100,1000' },
    events: { type: 'string', default: '20' },
    'sustained-subscribers': { type: 'string', default: '100' },
    rates: { type: 'string', default: '5,10,25,50,100,200,400' },
    seconds: { type: 'string', default: '5' },
    engine: { type: 'string' },
  },
});
const sizes = values.subscribers.split(',').filter(Boolean).map(Number);
const sustainedSize = Number(values['sustained-subscribers']);
const rates = values.rates.split(',').filter(Boolean).map(Number);
const seconds = Number(values.seconds);
// Every bench subscriber is the same anonymous caller: the per-caller limit would stop it at 50.
process.env.SUBSCRIPTIONS_PER_CALLER ??= String(Math.max(...sizes, sustainedSize) + 10);
if (values.engine) process.env.GATEWAY_ENGINE = values.engine;
reloadConfig();
const events = Number(values.events);
const QUERY = 'subscription { vacancyPosted(area: { regionCode: "KZ-55" }) { id } }';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const ms = (value: number) => value.toFixed(1);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The process's resident set, from the kernel (Linux). */
function rssMb(service: ServiceProcess): number {
  const line = readFileSync(`/proc/${service.process.pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

const federation = await startFederation({ gatewayPort: 0, subgraphPorts: [0, 0, 0, 0, 0] });
const vacancies = federation.subgraphs.find((subgraph) => subgraph.name === 'vacancies')!;
const metrics = () => fetchMetric(vacancies.url, 'graphql_open_subscriptions');
// The subscribers' gateway, alone in its process; writes go through the launcher's own gateway.
const gateway = startService(`gateway (${loadConfig().GATEWAY_ENGINE})`, ['--import', 'tsx', 'gateway/main.ts'], await freePort(), {});
await waitReady(gateway);

async function graphql<Data>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<Data> {
  const response = await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Data; errors?: unknown[] };
  if (!body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

const seeded = await graphql<{ vacancies: { edges: { node: { katoCode: string; enterprise: { bin: string } } }[] } }>(
  '{ vacancies(first: 1, area: { regionCode: "KZ-55" }) { edges { node { katoCode enterprise { bin } } } } }',
);
const employer = seeded.vacancies.edges[0]!.node;
const token = await signDevToken({ sub: 'bench-employer', roles: ['employer'], bin: employer.enterprise.bin });
const posted: string[] = [];

async function postVacancy(title: string): Promise<string> {
  const input = { bin: employer.enterprise.bin, title, occupationCode: '7212', salaryMinTenge: 320_000, employmentType: 'PERMANENT', katoCode: employer.katoCode };
  const { postVacancy } = await graphql<{ postVacancy: { id: string } }>('mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }', { input }, token);
  posted.push(postVacancy.id);
  return postVacancy.id;
}

/** `size` SSE subscribers on the bench gateway, live upstream when this resolves; arrival times by vacancy id. */
async function openSubscribers(size: number) {
  const arrivals = new Map<string, number[]>();
  const failures: string[] = [];
  const client = createClient({ url: gateway.url, retryAttempts: 0 });
  const base = await metrics();
  const stops = Array.from({ length: size }, () =>
    client.subscribe<{ vacancyPosted: { id: string } }>(
      { query: QUERY },
      {
        next: (result) => {
          const id = result.data?.vacancyPosted.id;
          if (!id) return;
          const seen = arrivals.get(id);
          if (seen) seen.push(performance.now());
          else arrivals.set(id, [performance.now()]);
        },
        // Counted, not retried: a subscription that failed to open is reported as such.
        error: (error: unknown) => void failures.push(error instanceof Error ? error.message : JSON.stringify(error)),
        complete: () => undefined,
      },
    ),
  );
  const deadline = performance.now() + 120_000;
  while ((await metrics()) < base + size - failures.length) {
    if (performance.now() > deadline) throw new Error(`only ${(await metrics()) - base} of ${size} subscriptions arrived`);
    await sleep(50);
  }
  if (failures.length) console.log(`(${failures.length} of ${size} subscriptions failed to open: ${[...new Set(failures)].join('; ')})`);
  return {
    arrivals,
    live: size - failures.length,
    close: async () => {
      for (const stop of stops) stop();
      client.dispose();
      while ((await metrics()) > base) await sleep(50);
    },
  };
}

const rssRows: string[] = [];
if (sizes.length) {
  console.log(`\nCommit-to-client latency, vacancyPosted over SSE (load average ${load()}):\n`);
  console.log('| subscribers | events | p50 ms | p99 ms | max ms | missing | gateway RSS MB before → with | per 1 000 subscribers |');
  console.log('|---|---|---|---|---|---|---|---|');
}
for (const size of sizes) {
  const rssBefore = rssMb(gateway);
  const subscribers = await openSubscribers(size);
  const rssWith = rssMb(gateway);
  const latencies: number[] = [];
  let missing = 0;
  for (let index = 0; index < events; index++) {
    const id = await postVacancy(`Bench ${index}`);
    const committedAt = performance.now();
    const deadline = committedAt + 10_000;
    while ((subscribers.arrivals.get(id)?.length ?? 0) < subscribers.live && performance.now() < deadline) await sleep(5);
    const seen = subscribers.arrivals.get(id) ?? [];
    missing += subscribers.live - seen.length;
    for (const at of seen) latencies.push(Math.max(0, at - committedAt));
  }
  latencies.sort((a, b) => a - b);
  // Below 100 subscribers the difference is the noise of one allocation, not a cost per subscriber.
  const perThousand = size >= 100 ? `${(((rssWith - rssBefore) / size) * 1000).toFixed(0)} MB` : '—';
  console.log(
    `| ${size} | ${events} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(latencies.at(-1) ?? Number.NaN)} | ${missing} | ${rssBefore.toFixed(0)} → ${rssWith.toFixed(0)} | ${perThousand} |`,
  );
  if (size >= 100) rssRows.push(`${perThousand} measured with ${size}`);
  await subscribers.close();
}

if (rates.length && sustainedSize > 0) {
  const pool = new pg.Pool({ connectionString: loadConfig().DATABASE_URL, max: 4 });
  // A real posted event to copy: its payload is what postVacancy's outbox row carries.
  if (!posted.length) await postVacancy('Bench template');
  const template = (
    await pool.query<{ payload: Record<string, unknown> }>("select payload from vacancies.outbox where topic = 'vacancyPosted' and payload->>'id' = $1", [posted.at(-1)])
  ).rows[0]!.payload;
  const subscribers = await openSubscribers(sustainedSize);
  console.log(`\nSustained rate, ${sustainedSize} subscribers, ${seconds} s per rate (load average ${load()} at the start):\n`);
  console.log('| target events/s | committed events/s | delivered | lag p50 first ¼ → last ¼, ms | lag p99 ms | sustained |');
  console.log('|---|---|---|---|---|---|');
  let best = 0;
  for (const rate of rates) {
    const total = Math.round(rate * seconds);
    const committed: { id: string; at: number }[] = [];
    const inserts: Promise<void>[] = [];
    const start = performance.now();
    for (let index = 0; index < total; ) {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
      for (; index < due; index++) {
        const id = randomUUID();
        inserts.push(
          pool
            .query("insert into vacancies.outbox (topic, payload) values ('vacancyPosted', $1::jsonb)", [JSON.stringify({ ...template, id })])
            .then(() => void committed.push({ id, at: performance.now() })),
        );
      }
      await sleep(5);
    }
    await Promise.all(inserts);
    const committedRate = total / ((performance.now() - start) / 1000);
    const deadline = performance.now() + 10_000;
    const arrived = () => committed.reduce((sum, event) => sum + (subscribers.arrivals.get(event.id)?.length ?? 0), 0);
    while (arrived() < total * subscribers.live && performance.now() < deadline) await sleep(20);
    const lags = (slice: typeof committed) =>
      slice.flatMap((event) => (subscribers.arrivals.get(event.id) ?? []).map((at) => Math.max(0, at - event.at))).sort((a, b) => a - b);
    const quarter = Math.max(1, Math.floor(committed.length / 4));
    const first = percentile(lags(committed.slice(0, quarter)), 50);
    const last = percentile(lags(committed.slice(-quarter)), 50);
    const all = lags(committed);
    const delivered = arrived() / (total * subscribers.live);
    const sustained = delivered === 1 && committedRate >= rate * 0.9 && last <= first * 2 + 20;
    if (sustained) best = rate;
    console.log(
      `| ${rate} | ${committedRate.toFixed(0)} | ${(delivered * 100).toFixed(1)} % | ${ms(first)} → ${ms(last)} | ${ms(percentile(all, 99))} | ${sustained ? 'yes' : 'no'} |`,
    );
    for (const event of committed) subscribers.arrivals.delete(event.id);
    if (!sustained) break;
    // Let the pipeline drain before the next rate.
    await sleep(1000);
  }
  console.log(
    `\nSustained: ${best} events/s to ${sustainedSize} subscribers (${best * sustainedSize} deliveries/s); gateway RSS per 1 000 subscribers: ${rssRows.join(', ') || 'not measured'}; load average now ${load()}.`,
  );
  await subscribers.close();
  await pool.end();
}

// Leave no bench vacancy OPEN.
for (const id of posted) await graphql('mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }', { id }, token);
await stopService(gateway);
await federation.close();
process.exit(0);
