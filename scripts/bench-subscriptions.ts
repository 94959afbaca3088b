import 'reflect-metadata';
import { createClient } from 'graphql-sse';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { reloadConfig } from '../services/kernel/config.js';
import { signDevToken } from '../services/kernel/dev-tokens.js';
import { startFederation } from './start.js';

/**
 * `npm run bench:subscriptions -- --subscribers 1,100,1000 --events 20`: commit-to-client latency
 * of `vacancyPosted` through the gateway over SSE. Starts the whole federation in this process (on
 * DATABASE_URL, or the embedded database), opens N subscriptions, posts vacancies one at a time
 * and times each subscriber's copy from the moment the mutation's answer arrived (the commit is
 * acknowledged; an event may even beat the answer, which shows as a latency near zero). Not a
 * test: one machine, every process on the same cores, so the figures move from run to run.
 */
const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1,100,1000' },
    events: { type: 'string', default: '20' },
  },
});
const sizes = values.subscribers.split(',').map(Number);
// Every bench subscriber is the same anonymous caller: the per-caller limit would stop it at 50.
process.env.SUBSCRIPTIONS_PER_CALLER ??= String(Math.max(...sizes) + 10);
reloadConfig();
const events = Number(values.events);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

const federation = await startFederation({ gatewayPort: 0, subgraphPorts: [0, 0, 0, 0, 0] });
const vacancies = federation.subgraphs.find((subgraph) => subgraph.name === 'vacancies')!;
const metrics = async () => ((await (await fetch(vacancies.url.replace(/\/graphql$/, '/metrics'))).json()) as { subscribers: number }).subscribers;

const seeded = (await (
  await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ vacancies(first: 1, area: { regionCode: "KZ-55" }) { edges { node { katoCode enterprise { bin } } } } }' }),
  })
).json()) as { data: { vacancies: { edges: { node: { katoCode: string; enterprise: { bin: string } } }[] } } };
const employer = seeded.data.vacancies.edges[0]!.node;
const token = await signDevToken({ sub: 'bench-employer', roles: ['employer'], bin: employer.enterprise.bin });
const posted: string[] = [];

console.log('| subscribers | events | p50 ms | p99 ms | max ms | missing | RSS MB before → with subscribers |');
console.log('|---|---|---|---|---|---|---|');
for (const size of sizes) {
  const rssBefore = process.memoryUsage().rss;
  const arrivals = new Map<string, number[]>();
  const client = createClient({ url: federation.gatewayUrl, retryAttempts: 0 });
  const base = await metrics();
  const stops = Array.from({ length: size }, () =>
    client.subscribe<{ vacancyPosted: { id: string } }>(
      { query: 'subscription { vacancyPosted(area: { regionCode: "KZ-55" }) { id } }' },
      {
        next: (result) => {
          const id = result.data?.vacancyPosted.id;
          if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), performance.now()]);
        },
        error: () => undefined,
        complete: () => undefined,
      },
    ),
  );
  const subscribing = performance.now() + 120_000;
  while ((await metrics()) < base + size) {
    if (performance.now() > subscribing) throw new Error(`only ${(await metrics()) - base} of ${size} subscriptions arrived`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const rssWith = process.memoryUsage().rss;
  const latencies: number[] = [];
  let missing = 0;
  for (let index = 0; index < events; index++) {
    const response = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: 'mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }',
        variables: { input: { bin: employer.enterprise.bin, title: `Bench ${index}`, occupationCode: '7212', salaryMinTenge: 320_000, employmentType: 'PERMANENT', katoCode: employer.katoCode } },
      }),
    });
    const committedAt = performance.now();
    const id = ((await response.json()) as { data: { postVacancy: { id: string } } }).data.postVacancy.id;
    posted.push(id);
    const deadline = committedAt + 10_000;
    while ((arrivals.get(id)?.length ?? 0) < size && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    const seen = arrivals.get(id) ?? [];
    missing += size - seen.length;
    for (const at of seen) latencies.push(Math.max(0, at - committedAt));
  }
  latencies.sort((a, b) => a - b);
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  console.log(
    `| ${size} | ${events} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} | ${missing} | ${mb(rssBefore)} → ${mb(rssWith)} |`,
  );
  for (const stop of stops) stop();
  client.dispose();
  while ((await metrics()) > base) await new Promise((resolve) => setTimeout(resolve, 50));
}

// Leave no bench vacancy OPEN.
for (const id of posted) {
  await fetch(federation.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }', variables: { id } }),
  });
}
await federation.close();
process.exit(0);
