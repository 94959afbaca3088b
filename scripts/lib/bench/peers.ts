import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startService, waitReady, type ServiceProcess } from './services.js';

/**
 * Peers answer some scenarios (`Scenario.peer`) on the same database, to put our numbers beside
 * a well-known alternative. Each lives under bench/peers/<name> with its own package.json, never
 * installed by the root `npm ci` (PostGraphile v4 needs graphql 15).
 */
export const PEERS = {
  postgraphile: { directory: 'bench/peers/postgraphile', entry: 'server.mjs', port: 4110, label: 'PostGraphile 4 + @graphile/postgis' },
} as const;
export type Peer = keyof typeof PEERS;

export async function startPeer(peer: Peer, databaseUrl: string): Promise<ServiceProcess> {
  const { directory, entry, port } = PEERS[peer];
  if (!existsSync(`${directory}/node_modules`)) {
    const installed = spawnSync('npm', ['ci', '--prefix', directory, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    if (installed.status !== 0) throw new Error(`npm ci --prefix ${directory} failed`);
  }
  const service = startService(peer, [`${directory}/${entry}`], port, { DATABASE_URL: databaseUrl });
  await waitReady(service);
  return service;
}
