import autocannon from 'autocannon';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { signDevToken } from '../../../services/kernel/dev-tokens.js';
import { metricValue } from '../../../services/kernel/metrics.js';
import type { Random, Settlement } from '../../../services/kernel/seed/demo-world.js';
import { summarise, type Measurement } from './measure.js';
import type { Scenario } from './scenarios.js';
import type { ServiceProcess } from './services.js';
import { randomTile, TILE_SCENARIOS } from './tiles.js';

/**
 * The soak (`npm run bench -- --soak 600`): a map product's traffic through the gateway for a long
 * time, while every process's resident memory is sampled. It answers what a short run cannot:
 * does any request fail under sustained load, and does memory grow once the first minute's
 * plateau is reached (a leak: a cache without a bound, listeners that pile up, a pool that never
 * returns).
 *
 * The traffic is page views of /map (gateway/map/map.js), each request's kind drawn by the
 * weights of `SoakMix` (`DEFAULT_MIX`: per page view 16 tiles, 1 card, 1 dashboard read and 0.2
 * writes):
 * - tiles: GET /tiles/{layer}/{z}/{x}/{y}.mvt with `Accept-Encoding: gzip`, at the zooms and layers
 *   of the tile scenarios (national, regional, city, street), each a tile of the 4 × 4 block a
 *   view around a city (drawn by population) shows. A tile URL the soak already holds an ETag for
 *   is asked with `If-None-Match` in `revalidate` of the cases (a returning browser's cache; the
 *   tiles say `max-age=0, must-revalidate`), the others as a browser without that tile would;
 * - cards: the enterprise card the map asks when a feature is clicked, for a seeded enterprise;
 * - dashboard reads: the GraphQL read scenarios the caller gives (the bench's radius, viewport,
 *   payments and fan-out);
 * - writes: an employer posts a vacancy, or closes one posted earlier in the soak. One per five
 *   page views is more than a map's public traffic has, on purpose: each one clears the vacancies
 *   subgraph's tile cache (services/kernel/tiles/service.ts), so the soak shows the cache and its
 *   invalidation under writes.
 * GraphQL answers are asked uncompressed, so a body's `errors` can be read.
 */
export interface SoakMix {
  /** Vector tiles per page view: a 1024 px square view at 256 px a tile holds 4 × 4. */
  tiles: number;
  /** Feature cards per page view: the user clicks one enterprise. */
  cards: number;
  /** Dashboard reads per page view: one of the GraphQL read scenarios. */
  reads: number;
  /** Writes per page view: an employer posts a vacancy or closes an earlier post. */
  writes: number;
  /** Of the tile requests for a URL the soak holds an ETag for, the share sent with If-None-Match. */
  revalidate: number;
}

export const DEFAULT_MIX: SoakMix = { tiles: 16, cards: 1, reads: 1, writes: 0.2, revalidate: 0.5 };

export type RequestKind = 'tile' | 'card' | 'read' | 'write';
export const REQUEST_KINDS: readonly RequestKind[] = ['tile', 'card', 'read', 'write'];

/** The kind of the next request, by the mix's weights per page view. */
export function drawKind(random: Random, mix: SoakMix): RequestKind {
  const weights: Record<RequestKind, number> = { tile: mix.tiles, card: mix.cards, read: mix.reads, write: mix.writes };
  return random.weighted(REQUEST_KINDS, (kind) => weights[kind]);
}

/** A view is this many tiles across and down, around the tile of its centre. */
const VIEW_TILES = 4;

export interface TileRequest {
  path: string;
  /** The ETag the soak got for this path earlier: the request is a browser's revalidation. */
  ifNoneMatch?: string;
}

/**
 * One tile of a view: a tile scenario's layer and zoom, a view centred on a city, one of its
 * tiles; a revalidation in `revalidate` of the cases where `etags` holds the path.
 */
export function drawTile(random: Random, settlements: Settlement[], etags: ReadonlyMap<string, string>, revalidate: number): TileRequest {
  const scenario = random.pick(TILE_SCENARIOS);
  const centre = randomTile(random, settlements, scenario.zoom);
  const x = centre.x + random.int(-VIEW_TILES / 2, VIEW_TILES / 2 - 1);
  const y = centre.y + random.int(-VIEW_TILES / 2, VIEW_TILES / 2 - 1);
  const path = `/tiles/${scenario.layer}/${centre.z}/${x}/${y}.mvt`;
  const etag = etags.get(path);
  return etag !== undefined && random.next() < revalidate ? { path, ifNoneMatch: etag } : { path };
}

export interface SoakOptions {
  gatewayUrl: string;
  databaseUrl: string;
  services: ServiceProcess[];
  reads: Scenario[];
  settlements: Settlement[];
  random: Random;
  connections: number;
  durationSeconds: number;
  mix: SoakMix;
  sampleEverySeconds?: number;
}

export interface MemorySample {
  atSeconds: number;
  rssMegabytes: Record<string, number>;
  /** From each service's /metrics: what of the RSS is live JavaScript heap, and what Buffers outside it (tiles are Buffers). */
  heapUsedMegabytes: Record<string, number>;
  externalMegabytes: Record<string, number>;
}

/**
 * Answered requests of one kind; latencies in milliseconds. `errors`: a status other than the
 * kind's success, or a GraphQL answer with `errors`.
 */
export type KindResult = Omit<Measurement, 'timeouts'>;

export interface SoakResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  byKind: Record<RequestKind, KindResult>;
  posts: number;
  closes: number;
  tiles: {
    /** Tiles answered 200 (made or from the cache, gzip). */
    ok: number;
    /** Revalidations answered 304. */
    notModified: number;
    revalidations: number;
    /** Revalidations answered 200: the tile had changed since the soak's copy (a write). */
    changed: number;
  };
  /** Every error: the kinds' errors, and requests the load generator gave up on or lost the connection of. */
  errors: number;
  /** Of `errors`, timeouts and connection errors, whose request kind autocannon does not say. */
  transportErrors: number;
  timeouts: number;
  /** The first error bodies seen (a few), to say what failed. */
  errorSamples: string[];
  samples: MemorySample[];
}

interface SeededEnterprise {
  id: string;
  bin: string;
  katoCode: string;
}

interface Employer extends SeededEnterprise {
  token: string;
}

const POST = `mutation Soak($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`;
const CLOSE = `mutation SoakClose($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id status } }`;
/** The public card the map asks when an enterprise is clicked (gateway/map/map.js, enterpriseCard). */
const CARD = `query SoakCard($id: ID!) { enterprise(id: $id) { id bin name okedCode address hazardClass headcount qualityJobs
  workersInHarmfulConditions specialPayment { eligibleWorkers monthlyTotalTenge } lastAssessmentDate assessmentOverdue
  region { name } openVacancyCount } }`;
const OCCUPATIONS = ['7412', '8111', '2221', '2341', '7233', '9313'];

/** Resident set of a process in MB, from /proc (Linux): the figure `ps` and the OOM killer use. */
async function residentMegabytes(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kilobytes ? Math.round(Number(kilobytes) / 1024) : Number.NaN;
}

/** The process's V8 heap in use and its external memory (Buffers), in MB, from its Prometheus default metrics. */
async function heapMegabytes(service: ServiceProcess): Promise<{ heapUsed: number; external: number }> {
  const text = await fetch(service.url.replace(/\/graphql$/, '/metrics'))
    .then((response) => response.text())
    .catch(() => null);
  const megabytes = (name: string) => (text === null ? Number.NaN : Math.round(metricValue(text, name) / 2 ** 20));
  return { heapUsed: megabytes('nodejs_heap_size_used_bytes'), external: megabytes('nodejs_external_memory_bytes') };
}

/** Seeded enterprises in id order: their ids are random UUIDs, so this is a sample spread like the data. */
async function seededEnterprises(databaseUrl: string, count: number): Promise<SeededEnterprise[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; bin: string; kato_code: string }>(
      'select id, bin, kato_code from enterprises.enterprise order by id limit $1',
      [count],
    );
    return rows.map((row) => ({ id: row.id, bin: row.bin, katoCode: row.kato_code }));
  } finally {
    await client.end();
  }
}

/** Employers of seeded enterprises, each with a token for its own BIN (postVacancy's rule). */
function employers(enterprises: SeededEnterprise[]): Promise<Employer[]> {
  return Promise.all(
    enterprises.map(async (enterprise) => ({
      ...enterprise,
      token: await signDevToken({ sub: `soak-${enterprise.bin}`, roles: ['employer'], bin: enterprise.bin }, { expiresIn: '2h' }),
    })),
  );
}

/** What one connection's request in flight is: a connection has one at a time, so its answer is this one's. */
interface InFlight {
  kind: RequestKind;
  tile?: TileRequest;
  /** The employer of a post, who may close the vacancy it answers. */
  poster?: Employer;
}

interface NextRequest extends InFlight {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const { random, mix } = options;
  const enterprises = await seededEnterprises(options.databaseUrl, 2_000);
  if (enterprises.length === 0) throw new Error('the soak needs seeded enterprises');
  const staff = await employers(enterprises.slice(0, 50));
  const graphqlPath = new URL(options.gatewayUrl).pathname;
  /** The browser cache: the ETag each tile path last came with. */
  const etags = new Map<string, string>();
  /** Vacancies this soak posted and has not closed yet, with the employer who may close each. */
  const open: { id: string; employer: Employer }[] = [];
  const latencies = Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, [] as number[]])) as Record<RequestKind, number[]>;
  const errors = Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, 0])) as Record<RequestKind, number>;
  const tiles = { ok: 0, notModified: 0, revalidations: 0, changed: 0 };
  const errorSamples: string[] = [];
  let posts = 0;
  let closes = 0;

  const graphql = (kind: RequestKind, query: string, variables: Record<string, unknown>, token?: string): NextRequest => ({
    kind,
    method: 'POST',
    path: graphqlPath,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });

  const nextRequest = (): NextRequest => {
    const kind = drawKind(random, mix);
    if (kind === 'tile') {
      const tile = drawTile(random, options.settlements, etags, mix.revalidate);
      if (tile.ifNoneMatch) tiles.revalidations += 1;
      const headers: Record<string, string> = { 'accept-encoding': 'gzip', ...(tile.ifNoneMatch ? { 'if-none-match': tile.ifNoneMatch } : {}) };
      return { kind, tile, method: 'GET', path: tile.path, headers };
    }
    if (kind === 'card') return graphql(kind, CARD, { id: random.pick(enterprises).id });
    if (kind === 'read') {
      const scenario = random.pick(options.reads);
      return graphql(kind, scenario.document, scenario.variables(random));
    }
    // Close about as often as post, so the number of open vacancies stays where it started.
    if (open.length > 0 && random.next() < 0.5) {
      const posted = open.splice(Math.floor(random.next() * open.length), 1)[0]!;
      closes += 1;
      return graphql(kind, CLOSE, { id: posted.id }, posted.employer.token);
    }
    const employer = random.pick(staff);
    const input = {
      bin: employer.bin,
      title: 'Soak test vacancy',
      occupationCode: random.pick(OCCUPATIONS),
      salaryMinTenge: 200_000 + Math.floor(random.next() * 300_000),
      employmentType: 'PERMANENT',
      katoCode: employer.katoCode,
    };
    posts += 1;
    return { ...graphql(kind, POST, { input }, employer.token), poster: employer };
  };

  /** Whether an answer is its request's success; a tile's 200 also refreshes the browser cache. */
  const succeeded = (flight: InFlight, status: number, body: string, headers: Record<string, string | string[]>): boolean => {
    if (flight.tile) {
      if (status === 304 && flight.tile.ifNoneMatch) {
        tiles.notModified += 1;
        return true;
      }
      if (status !== 200) return false;
      tiles.ok += 1;
      if (flight.tile.ifNoneMatch) tiles.changed += 1;
      const etag = headers.etag ?? headers.ETag;
      if (typeof etag === 'string') etags.set(flight.tile.path, etag);
      return true;
    }
    if (status !== 200 || body.includes('"errors"')) return false;
    const posted = flight.poster && /"postVacancy":\{"id":"([^"]+)"/.exec(body)?.[1];
    if (posted && flight.poster) open.push({ id: posted, employer: flight.poster });
    return true;
  };

  const samples: MemorySample[] = [];
  const startedAt = performance.now();
  const sample = async () => {
    const atSeconds = Math.round((performance.now() - startedAt) / 1000);
    const rssMegabytes: Record<string, number> = {};
    const heapUsedMegabytes: Record<string, number> = {};
    const externalMegabytes: Record<string, number> = {};
    for (const service of options.services) {
      rssMegabytes[service.name] = await residentMegabytes(service.process.pid);
      ({ heapUsed: heapUsedMegabytes[service.name], external: externalMegabytes[service.name] } = await heapMegabytes(service));
    }
    samples.push({ atSeconds, rssMegabytes, heapUsedMegabytes, externalMegabytes });
  };
  await sample();
  const sampler = setInterval(() => void sample(), (options.sampleEverySeconds ?? 10) * 1000);

  /** The kind of the answer being recorded: autocannon reports its latency right after onResponse, synchronously. */
  let answered: RequestKind = 'tile';
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.gatewayUrl,
        connections: options.connections,
        duration: options.durationSeconds,
        requests: [
          {
            setupRequest: (request, context: { flight?: InFlight }) => {
              const { kind, tile, poster, method, path, headers, body } = nextRequest();
              context.flight = { kind, tile, poster };
              return { ...request, method, path, headers, body };
            },
            onResponse: (status, body, context: { flight?: InFlight }, headers) => {
              const flight = context.flight!;
              answered = flight.kind;
              if (succeeded(flight, status, body, headers as Record<string, string | string[]>)) return;
              errors[flight.kind] += 1;
              if (errorSamples.length < 5) errorSamples.push(`${flight.kind} ${flight.tile?.path ?? ''} ${status} ${body.slice(0, 300)}`);
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies[answered].push(responseTime));
  });
  clearInterval(sampler);
  await sample();
  const byKind = Object.fromEntries(
    REQUEST_KINDS.map((kind) => {
      const { timeouts: _kindless, ...kindResult } = summarise(latencies[kind], errors[kind], options.durationSeconds);
      return [kind, kindResult];
    }),
  ) as Record<RequestKind, KindResult>;
  const kindErrors = REQUEST_KINDS.reduce((sum, kind) => sum + errors[kind], 0);
  const { requests, requestsPerSecond, p50, p99 } = summarise(REQUEST_KINDS.flatMap((kind) => latencies[kind]), kindErrors, options.durationSeconds);
  return {
    requests,
    requestsPerSecond,
    p50,
    p99,
    byKind,
    posts,
    closes,
    tiles,
    // autocannon's `errors` already counts its timeouts.
    errors: kindErrors + result.errors,
    transportErrors: result.errors,
    timeouts: result.timeouts,
    errorSamples,
    samples,
  };
}

/** Each process's RSS at start, after the first minute (the plateau), half-way and at the end, and end minus plateau. */
export function memoryTable(samples: MemorySample[]): string[] {
  const names = Object.keys(samples[0]?.rssMegabytes ?? {});
  const last = samples.at(-1)!;
  const at = (seconds: number) => samples.find((candidate) => candidate.atSeconds >= seconds) ?? last;
  const plateau = at(60);
  const middle = at(last.atSeconds / 2);
  const rows = names.map((name) => {
    const growth = last.rssMegabytes[name]! - plateau.rssMegabytes[name]!;
    return `| ${name} | ${samples[0]!.rssMegabytes[name]} | ${plateau.rssMegabytes[name]} | ${middle.rssMegabytes[name]} | ${last.rssMegabytes[name]} | ${growth >= 0 ? '+' : ''}${growth} |`;
  });
  return [
    `| process | RSS MB at 0 s | at ${plateau.atSeconds} s (plateau) | at ${middle.atSeconds} s | at ${last.atSeconds} s (end) | end − plateau |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}

/**
 * Each process's memory once a minute, `RSS (heap used + external)` in MB: the shape of a growth
 * the four columns above only bracket, and whether it is JavaScript objects or Buffers.
 */
export function memoryByMinute(samples: MemorySample[]): string[] {
  const names = Object.keys(samples[0]?.rssMegabytes ?? {});
  const last = samples.at(-1)!;
  const minutes = Array.from({ length: Math.floor(last.atSeconds / 60) + 1 }, (_, minute) => minute * 60);
  const columns = minutes.map((seconds) => samples.find((candidate) => candidate.atSeconds >= seconds) ?? last);
  const cell = (column: MemorySample, name: string) =>
    `${column.rssMegabytes[name]} (${column.heapUsedMegabytes[name]} + ${column.externalMegabytes[name]})`;
  return [
    `| process | ${columns.map((column) => `${column.atSeconds} s`).join(' | ')} |`,
    `|---|${'---|'.repeat(columns.length)}`,
    ...names.map((name) => `| ${name} | ${columns.map((column) => cell(column, name)).join(' | ')} |`),
  ];
}
