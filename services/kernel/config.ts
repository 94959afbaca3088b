import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The one place where the process environment is read and validated. Every service imports
 * `loadConfig()` (memoised) instead of touching `process.env`, so a typo in a variable fails
 * at start with a message naming it, not in the middle of a request.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const positiveInt = z.coerce.number().int().positive();

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  /**
   * Serving connections cancel a statement after this long (TIMEOUT to the client); migrations,
   * seeds and scripts run on sessions without it. 0 turns it off.
   */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('127.0.0.1'),
  MIGRATE: booleanFlag.default(true),
  /** Seed reference and demo data into a subgraph's empty tables when it starts alone (main.ts). */
  SEED_ON_START: booleanFlag.default(true),
  DATA_DIR: z.string().default('.data'),
  /** The region boundaries (data/regions/kz-regions.geojson in the repository by default). */
  REGIONS_GEOJSON: z.string().default(fileURLToPath(new URL('../../data/regions/kz-regions.geojson', import.meta.url))),
  SEED: z.coerce.number().int().default(42),
  DEMO_ENTERPRISES: positiveInt.default(3_000),
  /**
   * Share of an enterprise's realistic workforce (about 40 declared workers) the demo declares:
   * every contract is a row the embedded database must load on a first start, and the map needs
   * the enterprises and their figures, not 120 000 contracts.
   */
  DEMO_WORKFORCE_SCALE: z.coerce.number().positive().max(1).default(0.2),
  /**
   * Card figures (ages, harmful months, contracts in force) move with the calendar: the
   * enterprises subgraph recomputes the cards computed before today this often; 0 turns it off.
   */
  FIGURES_REFRESH_MINUTES: z.coerce.number().int().min(0).default(60),
  /**
   * Query.staffingShortages aggregates every OPEN vacancy (millions at full scale): each answer
   * is kept this long (a vacancy posted or closed through the same process clears it); 0 = off.
   */
  SHORTAGES_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Point tiles (enterprises, vacancies) below this zoom hold grid clusters with a `count` (docs/architecture.md, "Map tiles"). */
  TILE_CLUSTER_BELOW_ZOOM: z.coerce.number().int().min(0).max(14).default(10),
  /**
   * Encoded tiles are kept at most this long per instance (fresh for the first half, then served
   * while one refresh runs); a write through the same instance drops them at once, so this bounds
   * how stale a tile is after a write through another instance.
   */
  TILE_CACHE_SECONDS: z.coerce.number().int().min(0).max(59).default(30),
  TILE_CACHE_ENTRIES: positiveInt.default(5_000),
  /** The bytes the kept tiles may take per instance (a city tile is a few hundred kB), the oldest dropped first. */
  TILE_CACHE_MEGABYTES: positiveInt.default(256),
  /**
   * Tiles one instance makes at once (0: one more than this machine has cores, the database's
   * when it runs beside it); the others wait their turn, at most TILE_QUEUE_LIMIT of them before
   * a 503 (docs/architecture.md §12, "Tiles wait their turn").
   */
  TILE_CONCURRENCY: z.coerce.number().int().min(0).default(0),
  TILE_QUEUE_LIMIT: z.coerce.number().int().min(0).default(512),
  REGIONS_URL: z.string().url().default('http://127.0.0.1:4001/graphql'),
  ENTERPRISES_URL: z.string().url().default('http://127.0.0.1:4002/graphql'),
  VACANCIES_URL: z.string().url().default('http://127.0.0.1:4003/graphql'),
  RESETTLEMENT_URL: z.string().url().default('http://127.0.0.1:4004/graphql'),
  PROJECTS_URL: z.string().url().default('http://127.0.0.1:4005/graphql'),
  SUPERGRAPH_PATH: z.string().default('schema/supergraph.graphql'),
  /**
   * Which gateway serves the supergraph (gateway/engines/select.ts): Hive Gateway with its
   * JavaScript planner by default, the only one that federates subscriptions here.
   */
  GATEWAY_ENGINE: z.enum(['apollo', 'hive', 'hive-router']).default('hive-router'),
  /** The gateway answers TIMEOUT (HTTP 504) to a request unanswered after this long; 0 turns it off. */
  GATEWAY_DEADLINE_MS: z.coerce.number().int().min(0).default(30_000),
  /** The gateway gzips JSON answers of at least this many bytes for clients that accept it; 0 turns it off. */
  COMPRESS_MIN_BYTES: z.coerce.number().int().min(0).default(1024),
  /** GraphQL introspection at the gateway and the subgraphs; unset: on in development and test, off in production. */
  INTROSPECTION: booleanFlag.optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  JWKS_URL: z.string().url().optional(),
  /**
   * The gateway signs its subgraph requests with it; subgraphs answer `_entities` only to signed
   * requests (kernel/gateway-signature.ts). Required in production; `npm start` makes one.
   */
  SUBGRAPH_SIGNING_SECRET: z.string().min(32, 'SUBGRAPH_SIGNING_SECRET must be at least 32 characters').optional(),
  JWT_AUDIENCE: z.string().default('enterprise-map'),
  JWT_ISSUER: z.string().default('enterprise-map-dev'),
  /** Every token must carry `exp`, at most this far after it was issued (or after now). */
  JWT_MAX_LIFETIME_SECONDS: positiveInt.default(86_400),
  MAX_PAGE_SIZE: positiveInt.default(500),
  DEFAULT_PAGE_SIZE: positiveInt.default(50),
  MAX_RADIUS_KM: z.coerce.number().positive().default(1000),
  /**
   * The investment-project navigator's model (docs/domain.md "Navigator"): the share of the
   * workers employed in an occupation that a new employer can hire in a year.
   */
  NAVIGATOR_HIRE_SHARE: z.coerce.number().gt(0).max(1).default(0.1),
  MAX_POLYGON_VERTICES: positiveInt.default(10_000),
  MAX_CONTRACTS_PER_DECLARATION: positiveInt.default(10_000),
  /** The largest request body a service reads; a larger one is answered 413 (LIMIT_EXCEEDED). */
  MAX_BODY_BYTES: positiveInt.default(20 * 1024 * 1024),
  /** Nesting of `{ [ (` in a document and of lists/objects in variables, checked before parsing. */
  MAX_NESTING_DEPTH: positiveInt.default(32),
  QUERY_MAX_DEPTH: positiveInt.default(12),
  QUERY_MAX_ALIASES: positiveInt.default(30),
  QUERY_MAX_COST: positiveInt.default(50_000),
  QUERY_MAX_TOKENS: positiveInt.default(5_000),
  QUERY_MAX_DIRECTIVES: positiveInt.default(50),
  /**
   * Subscriptions (docs/architecture.md §14). Each subgraph's outbox relay reads committed events
   * this often; on a real server LISTEN/NOTIFY also wakes it (off for the embedded PGlite, where a
   * NOTIFY never crosses pooled connections). Outbox rows are kept OUTBOX_RETENTION_MINUTES.
   */
  OUTBOX_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(250),
  OUTBOX_LISTEN: booleanFlag.default(true),
  OUTBOX_RETENTION_MINUTES: positiveInt.default(60),
  /** Events waiting for one subscriber before it is dropped as a slow consumer. */
  SUBSCRIPTION_QUEUE_SIZE: positiveInt.default(100),
  /**
   * Bytes written to one subscription client (an SSE stream, a WebSocket) and not yet read by
   * it, at the gateway and at each subgraph's SSE: past this the client is dropped (LIMIT_EXCEEDED,
   * WebSocket close 4413). An event alone always goes out, whatever its size.
   */
  SUBSCRIPTION_BUFFER_BYTES: positiveInt.default(1024 * 1024),
  /** At the gateway: live subscriptions per connection (graphql-ws) and per caller (token subject, or address when anonymous). */
  SUBSCRIPTIONS_PER_CONNECTION: positiveInt.default(20),
  SUBSCRIPTIONS_PER_CALLER: positiveInt.default(50),
  /** Keep-alive on idle subscription connections (graphql-ws pings, SSE comments). */
  SUBSCRIPTION_HEARTBEAT_SECONDS: positiveInt.default(15),
  /** OTLP/HTTP collector base URL (`/v1/traces` is appended): traces are exported there; unset, tracing is off (kernel/tracing.ts). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().url().optional(),
});

/** Every variable this module reads; the README's configuration table must list each one (test/readme.test.ts). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(configSchema.shape);

export type Config = z.infer<typeof configSchema> & {
  /** `Region.boundary` source: REGIONS_GEOJSON, or the data set shipped in `data/regions/`. */
  regionsGeoJsonPath: string;
  isProduction: boolean;
  /** INTROSPECTION, or its default for NODE_ENV. */
  introspection: boolean;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable (`JWKS_URL=` from a compose file) means "not set", not "invalid".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = configSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.NODE_ENV === 'production' && !values.SUBGRAPH_SIGNING_SECRET) {
    throw new ConfigError('invalid environment: SUBGRAPH_SIGNING_SECRET is required in production');
  }
  return {
    ...values,
    regionsGeoJsonPath: values.REGIONS_GEOJSON,
    isProduction: values.NODE_ENV === 'production',
    introspection: values.INTROSPECTION ?? values.NODE_ENV !== 'production',
  };
}

let loaded: Config | undefined;

export function loadConfig(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}

/** Tests and the launcher change the environment before services start. */
export function reloadConfig(): Config {
  loaded = undefined;
  return loadConfig();
}
