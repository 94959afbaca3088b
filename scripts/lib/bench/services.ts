import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fetchMetric } from '../../../services/kernel/metrics.js';

/** The benchmark runs every subgraph and the gateway as its own process, as production does. */
export interface ServiceProcess {
  name: string;
  url: string;
  process: ChildProcess;
}

export const SUBGRAPH_PORTS: Record<string, number> = { regions: 4101, enterprises: 4102, vacancies: 4103, resettlement: 4104, projects: 4105 };

/** The gateway engines the benchmark compares, all serving schema/supergraph.graphql; one runs at a time. */
/** The values of GATEWAY_ENGINE (gateway/engines/select.ts), each on its own port. */
export const ENGINES = {
  apollo: { port: 4100, label: '@apollo/gateway' },
  hive: { port: 4111, label: 'Hive Gateway' },
  'hive-router': { port: 4112, label: 'Hive Gateway + Rust query planner' },
} as const;
export type Engine = keyof typeof ENGINES;

let profileDirectory: string | null = null;

/** Production mode requires it: the services of one run share one, made here unless given. */
const signingSecret = process.env.SUBGRAPH_SIGNING_SECRET ?? randomBytes(32).toString('hex');

/** Every service started and not yet exited: killed if the benchmark itself dies, so none keeps its port. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** `--cpu-prof <dir>`: every service started from now on writes `<dir>/<name>.cpuprofile` when it stops. */
export function profileServicesInto(directory: string): void {
  profileDirectory = directory;
}

/**
 * The V8 flags the image's services run with (the Dockerfile's NODE_OPTIONS): a 64 MB young
 * generation, which halved the time GC takes per request (docs/architecture.md §8).
 */
const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];

/** `args` after the Node binary: a TypeScript entry runs as `--import tsx <entry>`. */
export function startService(name: string, args: string[], port: number, env: NodeJS.ProcessEnv): ServiceProcess {
  const profile = profileDirectory ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...profile, ...args], {
    env: { ...process.env, SUBGRAPH_SIGNING_SECRET: signingSecret, ...env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', MIGRATE: 'false', SEED_ON_START: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return { name, url: `http://127.0.0.1:${port}/graphql`, process: child };
}

/** A process killed by a signal keeps `exitCode` null: its 'exit' event has been and gone. */
function hasExited(service: ServiceProcess): boolean {
  return service.process.exitCode !== null || service.process.signalCode !== null;
}

/** Every service here, ours or the peer, answers 200 on `/ready` once it can serve; one that never does is stopped. */
export async function waitReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited(service)) throw new Error(`${service.name} exited with ${service.process.exitCode ?? service.process.signalCode}`);
    const ready = await fetch(service.url.replace(/\/graphql$/, '/ready'))
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return;
    await sleep(250);
  }
  await stopService(service);
  throw new Error(`${service.name} not ready after ${timeoutMs} ms`);
}

/** SIGTERM (a graceful close), then SIGKILL for one that does not finish within 10 s. */
export async function stopService(service: ServiceProcess): Promise<void> {
  if (hasExited(service)) return;
  const exited = once(service.process, 'exit');
  service.process.kill('SIGTERM');
  const kill = setTimeout(() => service.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(kill);
}

/**
 * `tileCache: 'off'` (the scenario table) measures tiles as made, not as cached
 * (scripts/lib/bench/tiles.ts); 'configured' keeps the cache production runs (the soak).
 */
export async function startSubgraphs(options: { tileCache: 'off' | 'configured' } = { tileCache: 'off' }): Promise<{ subgraphs: ServiceProcess[]; stop(): Promise<void> }> {
  // Measured requests only: no background job (the figures refresh) competes with them.
  const env = { FIGURES_REFRESH_MINUTES: '0', ...(options.tileCache === 'off' ? { TILE_CACHE_SECONDS: '0' } : {}) };
  const subgraphs = Object.entries(SUBGRAPH_PORTS).map(([name, port]) => startService(name, ['--import', 'tsx', `services/${name}/main.ts`], port, env));
  const stop = async () => void (await Promise.all(subgraphs.map(stopService)));
  await Promise.all(subgraphs.map((service) => waitReady(service))).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  return { subgraphs, stop };
}

export async function startGateway(engine: Engine, subgraphs: ServiceProcess[]): Promise<ServiceProcess> {
  const urls = Object.fromEntries(subgraphs.map((service) => [`${service.name.toUpperCase()}_URL`, service.url]));
  const gateway = startService(engine, ['--import', 'tsx', 'gateway/main.ts'], ENGINES[engine].port, { ...urls, GATEWAY_ENGINE: engine });
  await waitReady(gateway);
  return gateway;
}

export async function sqlStatements(subgraphs: ServiceProcess[]): Promise<number> {
  const counts = await Promise.all(subgraphs.map((service) => fetchMetric(service.url, 'sql_statements_total')));
  return counts.reduce((sum, count) => sum + count, 0);
}
