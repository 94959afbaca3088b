import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../services/kernel/config.js';
import { createRandom, loadSettlements, type Random } from '../services/kernel/seed/demo-world.js';
import { driveGraphQL, driveSql, type Measurement } from './lib/bench/measure.js';
import { PEERS, startPeer, type Peer } from './lib/bench/peers.js';
import { scenarios as allScenarios, type Scenario } from './lib/bench/scenarios.js';
import { ENGINES, SUBGRAPH_PORTS, sqlStatements, startGateway, startSubgraphs, stopService, type Engine, type ServiceProcess } from './lib/bench/services.js';

/**
 * `npm run bench -- --enterprises 1000000 [--vacancies 2000000] [--duration 20] [--connections 32]
 *   [--engines apollo,hive,hive-router] [--peer postgraphile]`
 * against DATABASE_URL: seeds (or reuses) a deterministic data set of that size, starts the
 * subgraphs, each gateway engine and the peer as separate processes, and drives each scenario
 * through every engine in turn, as plain SQL (the floor) and, where the scenario has one, through
 * the peer, at the same concurrency. Writes bench/results/<date>-<size>.md.
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
    peer: { type: 'string' },
    out: { type: 'string' },
  },
});

const databaseUrl = loadConfig().DATABASE_URL;
if (!databaseUrl) {
  console.error('npm run bench needs DATABASE_URL (a real PostgreSQL + PostGIS); see README "Benchmarks"');
  process.exit(2);
}
const enterprises = Number(values.enterprises);
const vacancies = values.vacancies === undefined ? null : Number(values.vacancies);
const durationSeconds = Number(values.duration);
const connections = Number(values.connections);
const seed = Number(values.seed);
const engines = values.engines.split(',') as Engine[];
const peers = (values.peer ? values.peer.split(',') : []) as Peer[];
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
    const args = ['--import', 'tsx', 'scripts/seed.ts', '--seed', String(seed), '--enterprises', String(enterprises)];
    if (vacancies !== null) args.push('--vacancies', String(vacancies));
    const seeded = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'warn' } });
    if (seeded.status !== 0) throw new Error('seeding failed');
    await client.query('truncate public.bench_dataset');
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
  return { ...run, statementsPerRequest: subgraphs.length ? ((await sqlStatements(subgraphs)) - before) / run.requests : Number.NaN };
}

function asPeerQuery(scenario: Scenario, peer: Peer): GraphQLQuery | undefined {
  const query = scenario.peers?.[peer];
  return query && { document: query.document, variables: (random: Random) => query.variables(scenario.variables(random)) };
}

async function main(): Promise<void> {
  await ensureDataset();
  const settlements = await loadSettlements();
  const selected = allScenarios(settlements).filter((scenario) => !values.only || values.only.split(',').includes(scenario.name));
  /** By scenario name, then by engine or peer name. */
  const runs = new Map(selected.map((scenario) => [scenario.name, new Map<string, Run>()]));
  const floors = new Map<string, Measurement>();
  const { subgraphs, stop } = await startSubgraphs();
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
      floors.set(scenario.name, floor);
      console.log(`${scenario.name} floor: ${format(floor.requestsPerSecond)} req/s p99 ${format(floor.p99)} ms`);
    }
  } finally {
    await Promise.all(targets.map((target) => stopService(target.service)));
    await stop();
  }

  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const size = `${enterprises} enterprises${vacancies === null ? '' : `, ${vacancies} vacancies`}`;
  const names = [...engines, ...peers];
  const labels = [...engines.map((engine) => `${engine} = ${ENGINES[engine].label}`), ...peers.map((peer) => `${peer} = ${PEERS[peer].label}`)];
  const table = (header: string[], rows: string[][]) => [`| ${header.join(' | ')} |`, `|${'---|'.repeat(header.length)}`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
  const lines = [
    `# Benchmark ${new Date().toISOString().slice(0, 10)} — ${size}`,
    '',
    `Machine: ${machine}; PostgreSQL + PostGIS, subgraphs, gateway and load generator on the same box.`,
    `Each scenario: ${connections} connections for ${durationSeconds} s through each engine in turn (all started, one loaded at a time: ${labels.join('; ')}), after a warm-up;`,
    'the floor is the same answer from hand-written SQL over `pg`, same concurrency and duration. Latencies in ms.',
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
    '',
    `Command: \`npm run bench -- --enterprises ${enterprises}${vacancies === null ? '' : ` --vacancies ${vacancies}`} --duration ${durationSeconds} --connections ${connections} --engines ${engines.join(',')}${peers.length ? ` --peer ${peers.join(',')}` : ''}\``,
    '',
  ];
  const out = values.out ?? `bench/results/${new Date().toISOString().slice(0, 10)}-${enterprises}.md`;
  await mkdir('bench/results', { recursive: true });
  await writeFile(out, lines.join('\n'));
  console.log(`\n${lines.join('\n')}\nwritten to ${out}`);
  const broken = [...runs.entries()].flatMap(([scenario, byTarget]) =>
    [...byTarget.entries()].filter(([, run]) => run.errors > 0 || run.requests === 0).map(([target]) => `${scenario} via ${target}`),
  );
  if (values['fail-on-errors'] && broken.length > 0) {
    console.error(`errors or no answers in: ${broken.join(', ')}`);
    process.exitCode = 1;
  }
}

await main();
