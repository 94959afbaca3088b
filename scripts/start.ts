import { performance } from 'node:perf_hooks';
import { startSelectedGateway } from '../gateway/engines/select.js';
import { loadConfig, reloadConfig } from '../services/kernel/config.js';
import { closeOnSignals, type RunningService } from '../services/kernel/http.js';
import { ensureDevSecret, ensureDevSigningSecret } from '../services/kernel/dev-tokens.js';
import { logger } from '../services/kernel/logger.js';
import { startSubgraph, type RunningSubgraph } from '../services/kernel/subgraph.js';
import { startEmbeddedPostgis } from './lib/embedded-postgis.js';
import { SUBGRAPHS } from './subgraphs.js';

/**
 * `npm start`: the all-in-one developer launcher. Without DATABASE_URL it starts the embedded
 * PostGIS (data in DATA_DIR), then the five subgraphs and the gateway in this one process, each
 * on its own port exactly as in production, seeding demo data on first start.
 */
export interface Federation {
  gatewayUrl: string;
  subgraphs: RunningSubgraph[];
  close(): Promise<void>;
}

export async function startFederation(options: { gatewayPort?: number; subgraphPorts?: number[] } = {}): Promise<Federation> {
  const log = logger('launcher');
  const closers: RunningService[] = [];
  if (!loadConfig().DATABASE_URL) {
    const startedAt = performance.now();
    const embedded = await startEmbeddedPostgis(loadConfig().DATA_DIR);
    process.env.DATABASE_URL = embedded.url;
    // The subgraphs' pools share one PGlite backend; fewer connections each keep the queue short.
    process.env.DATABASE_POOL_SIZE ??= '4';
    // One multiplexed backend: a NOTIFY never reaches another connection's LISTEN; relays poll.
    process.env.OUTBOX_LISTEN ??= 'false';
    reloadConfig();
    closers.push({ url: embedded.url, port: 0, close: embedded.close });
    log.info({ dataDir: loadConfig().DATA_DIR, ms: Math.round(performance.now() - startedAt) }, 'embedded PostGIS started');
  }
  const devSecret = await ensureDevSecret();
  if (devSecret?.created) log.info({ path: devSecret.path }, 'made a development JWT secret (npm run token signs with it)');
  const signingSecret = await ensureDevSigningSecret();
  if (signingSecret?.created) log.info({ path: signingSecret.path }, 'made a development secret for gateway → subgraph signatures');
  const subgraphs: RunningSubgraph[] = [];
  for (const [index, definition] of SUBGRAPHS.entries()) {
    const running = await startSubgraph(definition, { seed: true, port: options.subgraphPorts?.[index] });
    closers.unshift(running);
    subgraphs.push(running);
  }
  const byName = Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url]));
  for (const name of ['regions', 'enterprises', 'vacancies', 'resettlement', 'projects']) {
    if (byName[name]) process.env[`${name.toUpperCase()}_URL`] = byName[name];
  }
  reloadConfig();
  const gateway = await startSelectedGateway({ port: options.gatewayPort });
  closers.unshift(gateway);
  return {
    gatewayUrl: gateway.url,
    subgraphs,
    // Gateway first, database last: nothing is left talking to a closed pool.
    close: async () => {
      for (const service of closers) await service.close();
    },
  };
}

const SAMPLE_QUERY = `{ regions { code name(lang: KK) population } }`;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const federation = await startFederation();
  const log = logger('launcher');
  closeOnSignals([federation], log);
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
  log.info({ gateway: federation.gatewayUrl, map: new URL('/map', federation.gatewayUrl).href, seconds }, 'federation ready');
  console.log(
    `\nEnterprise Map is up in ${seconds} s: ${federation.gatewayUrl}\n` +
      `The map: ${new URL('/map', federation.gatewayUrl).href}  (tiles: ${new URL('/tiles/enterprises.json', federation.gatewayUrl).href})\n` +
      `Open the GraphQL URL in a browser for the GraphQL page, or try:\n` +
      `  curl -s ${federation.gatewayUrl} -H 'content-type: application/json' -d '${JSON.stringify({ query: SAMPLE_QUERY })}'\n` +
      `Signed-in calls: npm run token -- --role inspector --regions KZ-35  (then header Authorization: Bearer <token>)\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
