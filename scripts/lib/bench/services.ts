import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

/** The benchmark runs every subgraph and the gateway as its own process, as production does. */
export interface ServiceProcess {
  name: string;
  url: string;
  process: ChildProcess;
}

export const SUBGRAPH_PORTS: Record<string, number> = { regions: 4101, enterprises: 4102, vacancies: 4103, resettlement: 4104 };
export const GATEWAY_PORT = 4100;

function start(name: string, entry: string, port: number, env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', MIGRATE: 'false', SEED_ON_START: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return { name, url: `http://127.0.0.1:${port}/graphql`, process: child };
}

async function waitReady(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.process.exitCode !== null) throw new Error(`${service.name} exited with ${service.process.exitCode}`);
    const ready = await fetch(service.url.replace(/\/graphql$/, '/ready'))
      .then((response) => response.ok)
      .catch(() => false);
    if (ready) return;
    await sleep(250);
  }
  throw new Error(`${service.name} not ready after ${timeoutMs} ms`);
}

export async function startServices(gatewayEntry = 'gateway/main.ts'): Promise<{ subgraphs: ServiceProcess[]; gateway: ServiceProcess; stop(): Promise<void> }> {
  const subgraphs = Object.entries(SUBGRAPH_PORTS).map(([name, port]) => start(name, `services/${name}/main.ts`, port, {}));
  await Promise.all(subgraphs.map((service) => waitReady(service)));
  const urls = Object.fromEntries(subgraphs.map((service) => [`${service.name.toUpperCase()}_URL`, service.url]));
  const gateway = start('gateway', gatewayEntry, GATEWAY_PORT, urls);
  await waitReady(gateway);
  return {
    subgraphs,
    gateway,
    stop: async () => {
      for (const service of [gateway, ...subgraphs]) {
        service.process.kill('SIGTERM');
        if (service.process.exitCode === null) await once(service.process, 'exit');
      }
    },
  };
}

export async function sqlStatements(subgraphs: ServiceProcess[]): Promise<number> {
  const counts = await Promise.all(
    subgraphs.map(async (service) => {
      const response = await fetch(service.url.replace(/\/graphql$/, '/metrics'));
      return ((await response.json()) as { sqlStatements: number }).sqlStatements;
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}
