import { ApolloServer, type HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { performance } from 'node:perf_hooks';
import { loadConfig, type Config } from './config.js';
import type { RequestContext } from './context.js';
import { databaseUrl, isReady, openSubgraphDatabase, type EntityManager, type SubgraphDatabase, type SubgraphDatabaseOptions } from './db.js';
import { authenticateRequest } from './auth.js';
import { errorFormatter } from './errors.js';
import { noNulLiteralsRule } from './graphql/input-guard.js';
import { apolloRoutes, closeOnSignals, createHttpApp, listen, type RunningService } from './http.js';
import { ClientBuffers } from './events/client-buffers.js';
import { EventHub } from './events/event-hub.js';
import { outboxPruning } from './events/pruning.js';
import { OutboxRelay } from './events/relay.js';
import { logger, type Logger } from './logger.js';
import { apolloMetrics, ServiceMetrics } from './metrics.js';
import { startTracing } from './tracing.js';
import { inSeedTransaction } from './seed/bulk-insert.js';
import { isEmpty, type SubgraphSeed } from './seed/seed.js';
import { todayInKazakhstan } from './domain/calendar.js';
import { createTileService, type TileLayer, type TileService } from './tiles/service.js';
import { bound, runSql } from './sql.js';

export interface SubgraphDefinition<Loaders> {
  name: string;
  defaultPort: number;
  database: Omit<SubgraphDatabaseOptions, 'log' | 'tracing'>;
  buildSchema: () => Promise<GraphQLSchema>;
  createLoaders: (em: EntityManager) => Loaders;
  /** Reference or demo data; written on start when the first of its tables is empty. */
  seed?: SubgraphSeed;
  jobs?: SubgraphJob[];
  /** Vector-tile layers of this subgraph's own rows, served at /tiles/{layer}… (docs/architecture.md, "Map tiles"). */
  tiles?: TileLayer<unknown>[];
  /**
   * The subgraph owns events: it writes them to its outbox (a migration creates
   * `<schema>.outbox`, services/kernel/events/outbox.ts), each process relays them to its own
   * subscribers, and it serves its subscriptions over SSE.
   */
  events?: boolean;
}

/**
 * Upkeep a subgraph runs beside serving: on start, then every few minutes. Every instance runs
 * it, so a job must be safe to run concurrently with itself (and with writes).
 */
export interface SubgraphJob {
  name: string;
  /** Minutes between runs, from config; 0 turns the job off. */
  everyMinutes: (config: Config) => number;
  run: (database: SubgraphDatabase, log: Logger) => Promise<void>;
}

/** Starts the jobs; the returned function stops the timers and waits for a run in progress. */
function startJobs(jobs: SubgraphJob[], database: SubgraphDatabase, log: Logger, changed: () => void): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  for (const job of jobs) {
    const minutes = job.everyMinutes(loadConfig());
    if (minutes <= 0) continue;
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const run = job
        .run(database, log.child({ job: job.name }))
        .then(changed)
        .catch((error: unknown) => log.error({ err: error, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    };
    tick();
    timers.push(setInterval(tick, minutes * 60_000).unref());
  }
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(running);
  };
}

export interface RunningSubgraph extends RunningService {
  name: string;
  database: SubgraphDatabase;
}

export async function startSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  options: { port?: number; seed?: boolean } = {},
): Promise<RunningSubgraph> {
  const config = loadConfig();
  const log = logger(definition.name);
  const tracing = startTracing(definition.name, config.OTEL_EXPORTER_OTLP_ENDPOINT);
  const database = await openSubgraphDatabase({ ...definition.database, log, serving: true, tracing });
  if (options.seed && definition.seed) await seedIfEmpty(definition.seed, database, log);

  const tiles: TileService | null = definition.tiles?.length
    ? createTileService(definition.tiles, () => database.orm.em.fork(), log, todayInKazakhstan)
    : null;
  const dataChanged = () => tiles?.changed();

  const events = definition.events ? new EventHub(config.SUBSCRIPTION_QUEUE_SIZE) : null;
  const buffers = new ClientBuffers(config.SUBSCRIPTION_BUFFER_BYTES, config.SUBSCRIPTION_HEARTBEAT_SECONDS * 1000);
  const metrics = new ServiceMetrics(definition.name, {
    sqlStatements: () => database.counter.statements,
    pool: database.poolUsage,
    ...(events ? { openSubscriptions: () => events.size, clientBuffers: buffers } : {}),
  });
  const schema = await definition.buildSchema();
  const formatError = errorFormatter({
    isProduction: config.isProduction,
    onInternal: (error) => log.error({ err: error }, 'internal error'),
  });
  const apollo = new ApolloServer<RequestContext<Loaders>>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.isProduction,
    formatError,
    validationRules: [noNulLiteralsRule],
    // Apollo pretty-prints answers by default (two-space indent): a 500-row answer to the gateway
    // grew by its whitespace and its stringify was 9 % of the subgraph's CPU (docs/architecture.md §8).
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      apolloMetrics(metrics),
      // No field has a cache hint; Apollo's default cache-control plugin would still hook every
      // resolved field (willResolveField) to compute none (docs/architecture.md §8).
      ApolloServerPluginCacheControlDisabled(),
      // Mutations are this subgraph's only writes besides jobs: after one, the next tile is recomputed.
      {
        async requestDidStart() {
          return {
            async willSendResponse({ operation }) {
              if (operation?.operation === 'mutation') dataChanged();
            },
          };
        },
      },
    ],
  });

  const relay = events
    ? new OutboxRelay({
        databaseUrl: databaseUrl(),
        schema: definition.database.schema,
        hub: events,
        pollMs: config.OUTBOX_POLL_MS,
        listen: config.OUTBOX_LISTEN,
        log: log.child({ relay: 'outbox' }),
      })
    : null;
  await relay?.start();
  const jobs = [...(definition.jobs ?? []), ...(events ? [outboxPruning(definition.database.schema)] : [])];
  const stopJobs = startJobs(jobs, database, log, dataChanged);
  const context = async ({ headers, requestId }: { headers: HeaderMap; requestId: string }): Promise<RequestContext<Loaders>> => {
    const principal = await authenticateRequest(headers.get('authorization'));
    const em = database.orm.em.fork();
    const ctx: RequestContext<Loaders> = {
      requestId,
      em,
      loaders: definition.createLoaders(em),
      log: log.child({ requestId }),
      principal,
      events,
      renew: () => {
        ctx.em = database.orm.em.fork();
        ctx.loaders = definition.createLoaders(ctx.em);
      },
    };
    return ctx;
  };
  await apollo.start();
  const app = await createHttpApp({
    log,
    ready: async () => ({ ready: await isReady(database.orm) }),
    metrics,
    routes: [
      ...(tiles ? [tiles.routes] : []),
      apolloRoutes(
        {
          apollo,
          context,
          gatewaySecret: config.SUBGRAPH_SIGNING_SECRET,
          metrics,
          tracing,
          subscriptions: events
            ? { schema, authenticate: (headers) => authenticateRequest(headers.get('authorization')), formatError, buffers }
            : undefined,
        },
        log,
      ),
    ],
  });
  const service = await listen(app, {
    host: config.HOST,
    port: options.port ?? config.PORT ?? definition.defaultPort,
    log,
    beforeClose: () => events?.close(),
    onClose: async () => {
      await apollo.stop();
      await relay?.close();
      await stopJobs();
      await database.close();
      await tracing.close();
    },
  });
  return { ...service, name: definition.name, database };
}

async function seedIfEmpty(seed: SubgraphSeed, database: SubgraphDatabase, log: Logger): Promise<void> {
  const em = database.orm.em.fork();
  if (!(await isEmpty(em, seed.tables[0]!))) return;
  const config = loadConfig();
  const options = {
    seed: config.SEED,
    enterprises: config.DEMO_ENTERPRISES,
    vacancies: null,
    asOf: todayInKazakhstan(),
    workforceScale: config.DEMO_WORKFORCE_SCALE,
  };
  const startedAt = performance.now();
  const rows = await inSeedTransaction(database, (target) => seed.run(target, options, () => undefined));
  await runSql(em, bound(`analyze ${seed.tables.join(', ')}`));
  log.info({ rows, ms: Math.round(performance.now() - startedAt) }, 'seeded');
}

/** `main.ts` of a subgraph: start it alone (docker-compose runs one process per subgraph). */
export async function runSubgraphMain<Loaders>(definition: SubgraphDefinition<Loaders>): Promise<void> {
  const running = await startSubgraph(definition, { seed: loadConfig().SEED_ON_START });
  closeOnSignals([running], logger(definition.name));
}
