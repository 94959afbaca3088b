import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig, reloadConfig } from '../services/kernel/config.js';
import { createRandom, loadSettlements, type Random } from '../services/kernel/seed/demo-world.js';
import { driveGraphQL, driveHttpGet, driveSql, settleDatabase, type Measurement } from './lib/bench/measure.js';
import { PEERS, startPeer, type Peer } from './lib/bench/peers.js';
import { scenarios as allScenarios, type Scenario } from './lib/bench/scenarios.js';
import { DEFAULT_MIX, memoryByMinute, memoryTable, REQUEST_KINDS, soak, type RequestKind, type SoakMix } from './lib/bench/soak.js';
import { randomTile, TILE_SCENARIOS, tileFloor, type TileScenario } from './lib/bench/tiles.js';
import { ENGINES, SUBGRAPH_PORTS, profileServicesInto, sqlStatements, startGateway, startSubgraphs, stopService, type Engine, type ServiceProcess } from './lib/bench/services.js';

/**
 * `npm run bench -- --enterprises 1000000 [--vacancies 2000000] [--duration 20] [--connections 32]
 *   [--engines apollo,hive,hive-router] [--peer postgraphile]`
 * against DATABASE_URL: seeds (or reuses) a deterministic data set of that size, starts the
 * subgraphs, each gateway engine and the peer as separate processes, and drives each scenario
 * through every engine in turn, as plain SQL (the floor) and, where the scenario has one, through
 * the peer, at the same concurrency. Writes bench/results/<date>-<size>.md and, for comparing runs
 * over time, the same rows as bench/results/<date>-<size>.json.
 */
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '10000' },
    vacancies: { type: 'string' },
    duration: { type: 'string', default: '20' },
    // CI's smoke run: the harness must work end to end — every request answered without error.
    'fail-on-errors': { type: 'boolean', default: false },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '42' },
    only: { type: 'string' },
    engines: { type: 'string', default: Object.keys(ENGINES).join(',') },
    // The embedded PGlite instead of DATABASE_URL, for the README's comparison (demo sizes only).
    embedded: { type: 'boolean', default: false },
    // `--peer none` skips the peer (CI's smoke run: no second npm install).
    peer: { type: 'string', default: Object.keys(PEERS).join(',') },
    out: { type: 'string' },
    // A directory: every subgraph, gateway and peer writes a V8 CPU profile there (open in Chrome DevTools).
    'cpu-prof': { type: 'string' },
    // Seconds: instead of the scenario table, a map product's traffic through the first engine
    // for this long, sampling every process's memory (scripts/lib/bench/soak.ts).
    soak: { type: 'string' },
    // The soak's traffic per page view, over DEFAULT_MIX: e.g. `tiles=12,writes=0,revalidate=0.8`.
    mix: { type: 'string', default: '' },
    // The tile scenarios as made (`off`, every request makes its tile) or as served to a map with
    // the subgraphs' tile cache as configured (`configured`: repeated tiles come from memory).
    'tile-cache': { type: 'string', default: 'off' },
  },
});

const embedded = values.embedded ? await startEmbeddedDatabase() : null;
// Every process the benchmark starts (seed, subgraphs, peer) inherits this database.
if (embedded) process.env.DATABASE_URL = embedded.url;
const databaseUrl = embedded?.url ?? loadConfig().DATABASE_URL;
if (!databaseUrl) {
  console.error('npm run bench needs DATABASE_URL (a real PostgreSQL + PostGIS) or --embedded; see README "Benchmarks"');
  process.exit(2);
}

/** A fresh embedded database in a temporary directory, in its own process. */
async function startEmbeddedDatabase(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emap-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/lib/bench/embedded-database.ts', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  return {
    url: line,
    stop: async () => {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
const enterprises = Number(values.enterprises);
const vacancies = values.vacancies === undefined ? null : Number(values.vacancies);
const durationSeconds = Number(values.duration);
const connections = Number(values.connections);
const seed = Number(values.seed);
if (values['cpu-prof']) profileServicesInto(values['cpu-prof']);
const engines = values.engines.split(',') as Engine[];
if (!['off', 'configured'].includes(values['tile-cache'])) {
  console.error(`--tile-cache: off or configured, not ${values['tile-cache']}`);
  process.exit(2);
}
const tileCache = values['tile-cache'] as 'off' | 'configured';
const peers = (values.peer === 'none' ? [] : values.peer.split(',')) as Peer[];
for (const [option, names, known] of [['--engines', engines, ENGINES], ['--peer', peers, PEERS]] as const) {
  const unknown = names.filter((name) => !(name in known));
  if (unknown.length) {
    console.error(`${option}: unknown ${unknown.join(', ')}; known: ${Object.keys(known).join(', ')}`);
    process.exit(2);
  }
}

/**
 * The data set is reused when the database already holds the one asked for, made under the same
 * migrations: a new migration may change what the seed writes (the subgraphs, started with
 * MIGRATE=false, would also never be ready), so it means a reseed, which migrates first.
 */
async function ensureDataset(): Promise<void> {
  const migrations = Object.keys(SUBGRAPH_PORTS)
    .flatMap((name) => readdirSync(`services/${name}/migrations`).map((file) => `${name}/${file}`))
    .sort()
    .join(',');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('create table if not exists public.bench_dataset (seed int, enterprises int, vacancies int)');
  await client.query('alter table public.bench_dataset add column if not exists migrations text');
  const wanted = [seed, enterprises, vacancies ?? -1, migrations];
  const { rows } = await client.query<{ seed: number; enterprises: number; vacancies: number; migrations: string | null }>('select * from public.bench_dataset');
  const current = rows[0] ? [rows[0].seed, rows[0].enterprises, rows[0].vacancies, rows[0].migrations] : null;
  if (JSON.stringify(current) !== JSON.stringify(wanted)) {
    // Forget the old data set first: a seed that dies half-way must not be taken for it next time.
    await client.query('truncate public.bench_dataset');
    const args = ['--import', 'tsx', 'scripts/seed.ts', '--seed', String(seed), '--enterprises', String(enterprises)];
    if (vacancies !== null) args.push('--vacancies', String(vacancies));
    const seeded = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'warn' } });
    if (seeded.status !== 0) throw new Error('seeding failed');
    await client.query('insert into public.bench_dataset values ($1, $2, $3, $4)', wanted);
  }
  await client.end();
}

const format = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

/** A GraphQL server under load: an engine (with SQL counted at the subgraphs) or a peer. */
interface Run extends Measurement {
  statementsPerRequest: number;
}

interface GraphQLQuery {
  document: string;
  variables(random: Random): Record<string, unknown>;
}

/**
 * Warm-up, then the measured run, whose variables come from the same seeded stream for every
 * target and for the floor (the warm-up draws from another, so it does not replay them).
 */
async function measure(url: string, query: GraphQLQuery, subgraphs: ServiceProcess[]): Promise<Run> {
  const bodies = (random: Random) => () => JSON.stringify({ query: query.document, variables: query.variables(random) });
  await driveGraphQL({ url, connections, durationSeconds: Math.min(3, durationSeconds), nextBody: bodies(createRandom(seed + 1)) });
  const before = await sqlStatements(subgraphs);
  const run = await driveGraphQL({ url, connections, durationSeconds, nextBody: bodies(createRandom(seed)) });
  await settle();
  return { ...run, statementsPerRequest: subgraphs.length ? ((await sqlStatements(subgraphs)) - before) / run.requests : Number.NaN };
}

function asPeerQuery(scenario: Scenario, peer: Peer): GraphQLQuery | undefined {
  const query = scenario.peers?.[peer];
  return query && { document: query.document, variables: (random: Random) => query.variables(scenario.variables(random)) };
}

/**
 * The wave-2 targets (1 M enterprises, 32 connections), checked against this run (✓ met, ✗ missed),
 * so a reader need not do the arithmetic. Latencies are those of answered requests: a run with
 * errors or timeouts meets no target.
 */
function targetLines(scenarios: string[], runs: Map<string, Map<string, Run>>, floors: Map<string, Measurement>, tileRuns: TileRun[]): string[] {
  const lines = ['Targets (1 M enterprises / 3 M vacancies, 32 connections):', ''];
  const mark = (met: boolean, run: Run) => (run.errors > 0 ? `✗ (${run.errors} errors, ${run.timeouts} timeouts)` : met ? '✓' : '✗');
  const has = (name: string) => scenarios.includes(name);
  for (const engine of engines) {
    const checks: string[] = [];
    const run = (scenario: string) => runs.get(scenario)!.get(engine)!;
    for (const scenario of ['zones-nearby', 'viewport'].filter(has)) {
      const measured = run(scenario);
      checks.push(`${scenario} ${format(measured.requestsPerSecond)} req/s ≥ 20 and p99 ${format(measured.p99, 0)} ≤ 2000 ms ${mark(measured.requestsPerSecond >= 20 && measured.p99 <= 2000, measured)}`);
    }
    if (has('near-50km')) {
      const measured = run('near-50km');
      const ratio = measured.p99 / floors.get('near-50km')!.p99;
      checks.push(`near-50km p99/floor ${format(ratio, 2)} ≤ 3 ${mark(ratio <= 3, measured)}`);
      for (const peer of peers) {
        const theirs = runs.get('near-50km')!.get(peer);
        if (theirs) checks.push(`near-50km ${format(measured.requestsPerSecond)} req/s ≥ ${peer} ${format(theirs.requestsPerSecond)} ${mark(measured.requestsPerSecond >= theirs.requestsPerSecond, measured)}`);
      }
    }
    for (const [scenario, share] of [['payments-region', 0.5], ['entity-fanout', 0.3]] as const) {
      if (!has(scenario)) continue;
      const measured = run(scenario);
      const ratio = measured.requestsPerSecond / floors.get(scenario)!.requestsPerSecond;
      checks.push(`${scenario} req/s engine/floor ${format(ratio, 2)} ≥ ${share} ${mark(ratio >= share, measured)}`);
    }
    const failing = [
      ...scenarios.filter((scenario) => run(scenario).errors > 0),
      ...tileRuns.filter((tile) => tile.engine === engine && tile.run.errors > 0).map((tile) => `${tile.scenario.name} @${tile.connections}`),
    ];
    checks.push(`no errors or timeouts ${failing.length ? `✗ (${failing.join(', ')})` : '✓'}`);
    lines.push(`- ${engine}: ${checks.join('; ')}`);
  }
  // The map issue's tile targets: p99 at 8 connections (≤ 500 ms up to z8, ≤ 300 ms from z10), p50 within 2× of the floor.
  for (const tile of tileRuns) {
    const checks: string[] = [];
    const mark = (met: boolean) => (tile.run.errors > 0 ? `✗ (${tile.run.errors} errors)` : met ? '✓' : '✗');
    if (tile.connections === 8) {
      const limit = tile.scenario.zoom <= 8 ? 500 : 300;
      checks.push(`p99 ${format(tile.run.p99, 0)} ≤ ${limit} ms ${mark(tile.run.p99 <= limit)}`);
    }
    if (tile.floor) checks.push(`p50/floor ${format(tile.run.p50 / tile.floor.p50, 2)} ≤ 2 ${mark(tile.run.p50 <= 2 * tile.floor.p50)}`);
    checks.push(`largest tile ${tile.bytes.max} B ≤ 500 kB ${tile.bytes.max <= 500_000 ? '✓' : '✗'}`);
    lines.push(`- ${tile.engine} ${tile.scenario.name} @${tile.connections}: ${checks.join('; ')}`);
  }
  return lines;
}

/** The run as data: one row per scenario and engine or peer (`engine: "postgraphile"`), beside its floor. */
function resultRows(scenarios: Scenario[], runs: Map<string, Map<string, Run>>, floors: Map<string, Measurement>) {
  return {
    defaultEngine: loadConfig().GATEWAY_ENGINE,
    enterprises,
    vacancies,
    durationSeconds,
    rows: scenarios.flatMap((scenario) =>
      [...runs.get(scenario.name)!.entries()].map(([engine, run]) =>
        resultRow(scenario.name, engine, connections, run, floors.get(scenario.name)!, run.statementsPerRequest),
      ),
    ),
  };
}

/** One JSON row: the run and its floor, rounded; null where a figure does not exist (no floor, no SQL count). */
function resultRow(scenario: string, engine: string, rowConnections: number, run: Measurement, floor: Measurement | null, sqlPerRequest: number) {
  const round = (value: number, digits = 1) => (Number.isFinite(value) ? Number(value.toFixed(digits)) : null);
  return {
    scenario,
    engine,
    connections: rowConnections,
    rps: round(run.requestsPerSecond),
    p50: round(run.p50),
    p95: round(run.p95),
    p99: round(run.p99),
    errors: run.errors,
    timeouts: run.timeouts,
    sqlPerRequest: round(sqlPerRequest, 2),
    floorRps: floor ? round(floor.requestsPerSecond) : null,
    floorP99: floor ? round(floor.p99) : null,
  };
}

/** One tile scenario at one concurrency, beside its ST_AsMVT floor (null on the embedded database). */
interface TileRun {
  engine: string;
  scenario: TileScenario;
  connections: number;
  run: Measurement;
  floor: Measurement | null;
  /** Median and largest body of the tiles this run asks, in bytes (uncompressed). */
  bytes: { median: number; max: number };
  /** Different tile URLs the run asked for: with the cache on, about how many requests made their tile. */
  distinctTiles: number;
}

/**
 * The tile scenarios through the gateway at 8 connections and at --connections, the subgraphs'
 * tile cache off (every request makes its tile, as a cold map does) or, with `--tile-cache
 * configured`, as production keeps it.
 */
async function measureTiles(engine: string, gatewayGraphqlUrl: string, scenarios: TileScenario[], settlements: Awaited<ReturnType<typeof loadSettlements>>): Promise<TileRun[]> {
  const origin = new URL(gatewayGraphqlUrl).origin;
  const urlOf = (scenario: TileScenario, tile: { z: number; x: number; y: number }) => `${origin}/tiles/${scenario.layer}/${tile.z}/${tile.x}/${tile.y}.mvt`;
  const clusterBelowZoom = loadConfig().TILE_CLUSTER_BELOW_ZOOM;
  const runs: TileRun[] = [];
  for (const scenario of scenarios) {
    // The tiles the measured runs draw first, fetched once for their exact sizes.
    const sample = createRandom(seed);
    const sizes = (
      await Promise.all(
        Array.from({ length: 20 }, async () => (await (await fetch(urlOf(scenario, randomTile(sample, settlements, scenario.zoom)))).arrayBuffer()).byteLength),
      )
    ).sort((a, b) => a - b);
    for (const tileConnections of [...new Set([8, connections])]) {
      // Warm-up as for the GraphQL scenarios, from another stream of draws: with the cache on, the
      // measured run sees a map server in its steady state, not its first seconds.
      const warmUp = createRandom(seed + 1);
      const warmUpSeconds = Math.min(3, durationSeconds);
      await driveHttpGet({ connections: tileConnections, durationSeconds: warmUpSeconds, nextUrl: () => urlOf(scenario, randomTile(warmUp, settlements, scenario.zoom)) });
      const random = createRandom(seed);
      const asked = new Set<string>();
      const nextUrl = () => {
        const url = urlOf(scenario, randomTile(random, settlements, scenario.zoom));
        asked.add(url);
        return url;
      };
      const run = await driveHttpGet({ connections: tileConnections, durationSeconds, nextUrl });
      await settle();
      let floor: Measurement | null = null;
      if (!embedded) {
        // No warm-up: the floor has no cache, and our run has just read the same tiles' rows.
        const floorRandom = createRandom(seed);
        floor = await driveSql({
          databaseUrl: databaseUrl!,
          connections: tileConnections,
          durationSeconds,
          nextQuery: () => [tileFloor(scenario, randomTile(floorRandom, settlements, scenario.zoom), clusterBelowZoom)],
        });
        await settle();
      }
      const bytes = { median: sizes[Math.floor(sizes.length / 2)]!, max: sizes.at(-1)! };
      runs.push({ engine, scenario, connections: tileConnections, run, floor, bytes, distinctTiles: asked.size });
      console.log(`${scenario.name} @${tileConnections}: ${format(run.requestsPerSecond)} req/s p99 ${format(run.p99)} ms, ${run.errors} errors; floor ${floor ? format(floor.requestsPerSecond) : '–'} req/s`);
    }
  }
  return runs;
}

function tileLines(tileRuns: TileRun[]): string[] {
  const header = ['scenario', 'connections', 'req/s', 'p50', 'p99', 'errors', 'distinct tiles', 'tile bytes median / max', 'floor req/s', 'floor p50', 'floor p99', 'p50 ours/floor'];
  const cache =
    tileCache === 'off'
      ? 'tile cache off, so every request makes its tile'
      : 'tile cache as configured, so a tile asked again within TILE_CACHE_SECONDS comes from memory: about one request per distinct tile makes it';
  return [
    `Vector tiles through the ${tileRuns[0]!.engine} gateway (each a tile around a city drawn by population, after a warm-up of other draws; ${cache}); the floor is hand-written \`ST_AsMVT\` SQL making the same tile (same properties) on the same database, every time:`,
    '',
    `| ${header.join(' | ')} |`,
    `|${'---|'.repeat(header.length)}`,
    ...tileRuns.map(({ scenario, connections: tileConnections, run, floor, bytes, distinctTiles }) =>
      `| ${[
        scenario.name, String(tileConnections), format(run.requestsPerSecond), format(run.p50), format(run.p99), String(run.errors), String(distinctTiles), `${bytes.median} / ${bytes.max}`,
        floor ? format(floor.requestsPerSecond) : '–', floor ? format(floor.p50) : '–', floor ? format(floor.p99) : '–', floor ? format(run.p50 / floor.p50, 2) : '–',
      ].join(' | ')} |`,
    ),
  ];
}

function tileRow({ engine, scenario, connections: tileConnections, run, floor, bytes, distinctTiles }: TileRun) {
  return { ...resultRow(scenario.name, engine, tileConnections, run, floor, Number.NaN), tileCache, distinctTiles, tileBytesMedian: bytes.median, tileBytesMax: bytes.max };
}

async function settle(): Promise<void> {
  const { seconds, cancelled } = await settleDatabase(databaseUrl!);
  if (seconds >= 1) console.log(`  (waited ${format(seconds)} s for abandoned statements to finish${cancelled ? `, cancelled ${cancelled}` : ''})`);
}

async function main(): Promise<void> {
  await ensureDataset();
  const settlements = await loadSettlements();
  const wanted = (name: string) => !values.only || values.only.split(',').includes(name);
  const selected = allScenarios(settlements).filter((scenario) => wanted(scenario.name));
  const selectedTiles = TILE_SCENARIOS.filter((scenario) => wanted(scenario.name));
  /** By scenario name, then by engine or peer name. */
  const runs = new Map(selected.map((scenario) => [scenario.name, new Map<string, Run>()]));
  const floors = new Map<string, Measurement>();
  const tileRuns: TileRun[] = [];
  const { subgraphs, stop } = await startSubgraphs({ tileCache });
  // Every engine and peer runs for the whole benchmark, idle but for its turn: taking turns per
  // scenario keeps a drift in the machine's load from favouring whichever engine ran first.
  const targets: { name: string; service: ServiceProcess; query(scenario: Scenario): GraphQLQuery | undefined; counted: ServiceProcess[] }[] = [];
  try {
    for (const name of engines) targets.push({ name, service: await startGateway(name, subgraphs), query: (scenario) => scenario, counted: subgraphs });
    for (const name of peers) targets.push({ name, service: await startPeer(name, databaseUrl!), query: (scenario) => asPeerQuery(scenario, name), counted: [] });
    for (const scenario of selected) {
      for (const target of targets) {
        const query = target.query(scenario);
        if (!query) continue;
        const run = await measure(target.service.url, query, target.counted);
        runs.get(scenario.name)!.set(target.name, run);
        console.log(`${scenario.name} ${target.name}: ${format(run.requestsPerSecond)} req/s p99 ${format(run.p99)} ms, ${run.errors} errors`);
      }
      const random = createRandom(seed);
      const floor = await driveSql({ databaseUrl: databaseUrl!, connections, durationSeconds, nextQuery: () => scenario.floor(scenario.variables(random)) });
      await settle();
      floors.set(scenario.name, floor);
      console.log(`${scenario.name} floor: ${format(floor.requestsPerSecond)} req/s p99 ${format(floor.p99)} ms`);
    }
    if (selectedTiles.length && targets[0]) tileRuns.push(...(await measureTiles(targets[0].name, targets[0].service.url, selectedTiles, settlements)));
  } finally {
    await Promise.all(targets.map((target) => stopService(target.service)));
    await stop();
  }

  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const size = `${enterprises} enterprises${vacancies === null ? '' : `, ${vacancies} vacancies`}`;
  const names = [...engines, ...peers];
  const labels = [...engines.map((engine) => `${engine} = ${ENGINES[engine].label}`), ...peers.map((peer) => `${peer} = ${PEERS[peer].label}`)];
  const table = (header: string[], rows: string[][]) => [`| ${header.join(' | ')} |`, `|${'---|'.repeat(header.length)}`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
  function graphqlTables(): string[] {
    return [
      '',
      ...table(
        ['scenario', 'engine', 'subgraphs', 'req/s', 'p50', 'p95', 'p99', 'errors', 'SQL/request', 'floor req/s', 'floor p50', 'floor p99', 'p50 engine/floor', 'p99 engine/floor'],
        selected.flatMap((scenario) => {
          const floor = floors.get(scenario.name)!;
          return engines.map((engine) => {
            const run = runs.get(scenario.name)!.get(engine)!;
            return [
              scenario.name, engine, String(scenario.subgraphs), format(run.requestsPerSecond), format(run.p50), format(run.p95), format(run.p99),
              String(run.errors), format(run.statementsPerRequest, 2), format(floor.requestsPerSecond), format(floor.p50), format(floor.p99),
              format(run.p50 / floor.p50, 2), format(run.p99 / floor.p99, 2),
            ];
          });
        }),
      ),
      '',
      `Requests/s and p99 side by side${peers.length ? '; the peer answers the scenarios it has a document for, on the same database (see bench/peers/)' : ''}:`,
      '',
      ...table(
        ['scenario', ...names.flatMap((name) => [`${name} req/s`, `${name} p99`])],
        selected.map((scenario) => [
          scenario.name,
          ...names.flatMap((name) => {
            const run = runs.get(scenario.name)!.get(name);
            return run ? [format(run.requestsPerSecond), format(run.p99)] : ['–', '–'];
          }),
        ]),
      ),
    ];
  }
  const lines = [
    `# Benchmark ${new Date().toISOString().slice(0, 10)} — ${size}`,
    '',
    `Machine: ${machine}; ${embedded ? 'the embedded PGlite + PostGIS (one WASM backend, its own process)' : 'PostgreSQL + PostGIS'}, subgraphs, gateway and load generator on the same box.`,
    `Each scenario: ${connections} connections for ${durationSeconds} s through each engine in turn (all started, one loaded at a time: ${labels.join('; ')}), after a warm-up;`,
    'the floor is the same answer from hand-written SQL over `pg`, same concurrency and duration. Latencies in ms.',
    // A tiles-only run (`--only tile-…`) has no GraphQL table to show.
    ...(selected.length === 0 ? [] : graphqlTables()),
    ...(tileRuns.length ? ['', ...tileLines(tileRuns)] : []),
    '',
    ...targetLines(selected.map((scenario) => scenario.name), runs, floors, tileRuns),
    '',
    `Command: \`npm run bench -- ${embedded ? '--embedded ' : ''}--enterprises ${enterprises}${vacancies === null ? '' : ` --vacancies ${vacancies}`} --duration ${durationSeconds} --connections ${connections} --engines ${engines.join(',')}${peers.length ? ` --peer ${peers.join(',')}` : ' --peer none'}${values.only ? ` --only ${values.only}` : ''}${tileCache === 'off' ? '' : ` --tile-cache ${tileCache}`}\``,
    '',
  ];
  const out = values.out ?? `bench/results/${new Date().toISOString().slice(0, 10)}-${enterprises}${embedded ? '-embedded' : ''}.md`;
  const jsonOut = out.endsWith('.md') ? `${out.slice(0, -3)}.json` : `${out}.json`;
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, lines.join('\n'));
  const data = resultRows(selected, runs, floors);
  data.rows.push(...tileRuns.map((run) => tileRow(run)));
  await writeFile(jsonOut, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\n${lines.join('\n')}\nwritten to ${out} and ${jsonOut}`);
  const broken = [
    ...[...runs.entries()].flatMap(([scenario, byTarget]) =>
      [...byTarget.entries()].filter(([, run]) => run.errors > 0 || run.requests === 0).map(([target]) => `${scenario} via ${target}`),
    ),
    ...tileRuns.filter(({ run }) => run.errors > 0 || run.requests === 0).map((tile) => `${tile.scenario.name} @${tile.connections}`),
  ];
  if (values['fail-on-errors'] && broken.length > 0) {
    console.error(`errors or no answers in: ${broken.join(', ')}`);
    process.exitCode = 1;
  }
}

/** `--mix key=value,…` over the defaults; an unknown key or a value that is not a number ≥ 0 stops the run. */
function soakMix(overrides: string): SoakMix {
  const mix = { ...DEFAULT_MIX };
  for (const pair of overrides.split(',').filter(Boolean)) {
    const [key, value] = pair.split('=');
    const number = Number(value);
    if (!key || !(key in mix) || value === undefined || !Number.isFinite(number) || number < 0 || (key === 'revalidate' && number > 1)) {
      console.error(`--mix: ${pair} is not one of ${Object.keys(mix).map((name) => `${name}=<number>`).join(', ')} (revalidate a share, 0–1)`);
      process.exit(2);
    }
    mix[key as keyof SoakMix] = number;
  }
  return mix;
}

/**
 * `--soak <seconds>`: the map's traffic with the memory samples, bracketed by near-50km alone
 * (same engine and connections) just before and just after: the reference its rate is compared
 * with, measured twice because this machine's pace drifts between runs. Written as
 * bench/results/<date>-<size>-soak.md.
 */
async function runSoak(seconds: number): Promise<void> {
  const mix = soakMix(values.mix);
  await ensureDataset();
  // The employers' tokens are signed here and verified by the services this run starts.
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  const config = reloadConfig();
  const settlements = await loadSettlements();
  const scenarios = allScenarios(settlements);
  const reads = scenarios.filter((scenario) => ['near-50km', 'payments-region', 'viewport', 'entity-fanout'].includes(scenario.name));
  const near = scenarios.find((scenario) => scenario.name === 'near-50km')!;
  // The engine users get (GATEWAY_ENGINE's default) unless --engines names one.
  const engine = process.argv.includes('--engines') ? engines[0]! : config.GATEWAY_ENGINE;
  // The tile cache as configured, as in production: the soak is also its test under writes.
  const { subgraphs, stop } = await startSubgraphs({ tileCache: 'configured' });
  let gateway: ServiceProcess | undefined;
  try {
    gateway = await startGateway(engine, subgraphs);
    const nearAlone = async (when: string) => {
      const run = await measure(gateway!.url, near, subgraphs);
      console.log(`near-50km alone ${when}: ${format(run.requestsPerSecond)} req/s p99 ${format(run.p99)} ms, ${run.errors} errors`);
      return run;
    };
    const before = await nearAlone('before');
    const result = await soak({
      gatewayUrl: gateway.url,
      databaseUrl: databaseUrl!,
      services: [gateway, ...subgraphs],
      reads,
      settlements,
      random: createRandom(seed),
      connections,
      durationSeconds: seconds,
      mix,
    });
    const after = await nearAlone('after');
    const referenceRate = (before.requestsPerSecond + after.requestsPerSecond) / 2;
    const ratio = result.requestsPerSecond / referenceRate;
    const describe = (run: Run) => `${format(run.requestsPerSecond)} req/s (p50 ${format(run.p50)} ms, p99 ${format(run.p99)} ms, ${run.errors} errors)`;
    const perView = mix.tiles + mix.cards + mix.reads + mix.writes;
    const share = (weight: number) => `${format((100 * weight) / perView)} %`;
    const kindLabels: Record<RequestKind, string> = {
      tile: 'tile (GET .mvt)',
      card: 'card (enterprise by id)',
      read: 'dashboard read (GraphQL scenario)',
      write: `write (${result.posts} posts, ${result.closes} closes)`,
    };
    const { tiles } = result;
    const lines = [
      `# Soak ${new Date().toISOString().slice(0, 10)} — ${enterprises} enterprises, ${seconds} s`,
      '',
      `Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${ENGINES[engine].label}, ${connections} connections;`,
      `the subgraphs' tile cache as configured (TILE_CACHE_SECONDS=${config.TILE_CACHE_SECONDS}, TILE_CACHE_ENTRIES=${config.TILE_CACHE_ENTRIES}, TILE_CACHE_MEGABYTES=${config.TILE_CACHE_MEGABYTES}), load generator on the same box.`,
      '',
      `Traffic: page views of /map (scripts/lib/bench/soak.ts), each request drawn by the weights per page view — ${mix.tiles} tiles (${share(mix.tiles)}),`,
      `${mix.cards} enterprise card (${share(mix.cards)}), ${mix.reads} dashboard read (${share(mix.reads)}: ${reads.map((scenario) => scenario.name).join(', ')}) and ${mix.writes} writes`,
      `(${share(mix.writes)}: postVacancy, and closeVacancy of an earlier post). Tiles: the tile scenarios' layers (${[...new Set(TILE_SCENARIOS.map((scenario) => scenario.layer))].join(', ')})`,
      `and zooms (${[...new Set(TILE_SCENARIOS.map((scenario) => scenario.zoom))].join(', ')}) alike, each a tile of a 4 × 4 view around a city drawn by population, gzip;`,
      `a tile URL seen before is revalidated with its ETag (If-None-Match) in ${format(mix.revalidate * 100, 0)} % of cases; GraphQL uncompressed.`,
      '',
      `Reference, this run: near-50km alone, same engine, ${connections} connections, ${durationSeconds} s each, just before the soak ${describe(before)}`,
      `and just after it ${describe(after)}; their mean ${format(referenceRate)} req/s.`,
      '',
      `**Soak: ${result.requests} requests, ${format(result.requestsPerSecond)} req/s = ${format(ratio, 2)}× near-50km alone** (the mean; the issue asks about 2×), p50 ${format(result.p50)} ms, p99 ${format(result.p99)} ms,`,
      `**errors ${result.errors}** (timeouts ${result.timeouts}, connection errors ${result.transportErrors - result.timeouts}).`,
      '',
      '| kind | requests | share | req/s | p50 ms | p99 ms | errors |',
      '|---|---|---|---|---|---|---|',
      ...REQUEST_KINDS.map((kind) => {
        const run = result.byKind[kind];
        return `| ${kindLabels[kind]} | ${run.requests} | ${format((100 * run.requests) / result.requests)} % | ${format(run.requestsPerSecond)} | ${format(run.p50)} | ${format(run.p99)} | ${run.errors} |`;
      }),
      '',
      `Tiles: ${tiles.ok} answered 200 and ${tiles.notModified} answered 304 (${format((100 * tiles.notModified) / Math.max(1, tiles.ok + tiles.notModified))} % 304); of ${tiles.revalidations} revalidations, ${tiles.changed} came back 200 (the tile had changed).`,
      ...(result.errorSamples.length ? ['', 'First errors:', ...result.errorSamples.map((sample) => `- \`${sample}\``)] : []),
      '',
      ...memoryTable(result.samples),
      '',
      'Memory once a minute, RSS MB (V8 heap in use + external memory, i.e. Buffers such as kept tiles, from each service\'s /metrics):',
      '',
      ...memoryByMinute(result.samples),
      '',
      `Command: \`npm run bench -- --soak ${seconds} --duration ${durationSeconds} --enterprises ${enterprises} --connections ${connections} --engines ${engine}${values.mix ? ` --mix ${values.mix}` : ''}\``,
      '',
    ];
    const out = values.out ?? `bench/results/${new Date().toISOString().slice(0, 10)}-${enterprises}-soak.md`;
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, lines.join('\n'));
    console.log(`\n${lines.join('\n')}\nwritten to ${out}`);
    if (values['fail-on-errors'] && result.errors + before.errors + after.errors > 0) process.exitCode = 1;
  } finally {
    if (gateway) await stopService(gateway);
    await stop();
  }
}

try {
  if (values.soak) await runSoak(Number(values.soak));
  else await main();
} finally {
  await embedded?.stop();
}
