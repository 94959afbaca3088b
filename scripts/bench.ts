import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../services/kernel/config.js';
import { createRandom, loadSettlements } from '../services/kernel/seed/demo-world.js';
import { driveGraphQL, driveSql, type Measurement } from './lib/bench/measure.js';
import { scenarios as allScenarios } from './lib/bench/scenarios.js';
import { sqlStatements, startServices } from './lib/bench/services.js';

/**
 * `npm run bench -- --enterprises 1000000 [--vacancies 2000000] [--duration 20] [--connections 32]`
 * against DATABASE_URL: seeds (or reuses) a deterministic data set of that size, starts the
 * subgraphs and the gateway as separate processes, and drives each scenario through the gateway
 * and as plain SQL (the floor) at the same concurrency. Writes bench/results/<date>-<size>.md.
 */
const { values } = parseArgs({
  options: {
    enterprises: { type: 'string', default: '10000' },
    vacancies: { type: 'string' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '32' },
    seed: { type: 'string', default: '42' },
    only: { type: 'string' },
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

/** The data set is reused when the database already holds the one asked for. */
async function ensureDataset(): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('create table if not exists public.bench_dataset (seed int, enterprises int, vacancies int)');
  const wanted = [seed, enterprises, vacancies ?? -1];
  const { rows } = await client.query<{ seed: number; enterprises: number; vacancies: number }>('select * from public.bench_dataset');
  const current = rows[0] ? [rows[0].seed, rows[0].enterprises, rows[0].vacancies] : null;
  if (JSON.stringify(current) !== JSON.stringify(wanted)) {
    const args = ['--import', 'tsx', 'scripts/seed.ts', '--seed', String(seed), '--enterprises', String(enterprises)];
    if (vacancies !== null) args.push('--vacancies', String(vacancies));
    const seeded = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'warn' } });
    if (seeded.status !== 0) throw new Error('seeding failed');
    await client.query('truncate public.bench_dataset');
    await client.query('insert into public.bench_dataset values ($1, $2, $3)', wanted);
  }
  await client.end();
}

const format = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

interface Row {
  scenario: string;
  subgraphs: number;
  gateway: Measurement;
  floor: Measurement;
  statementsPerRequest: number;
}

async function main(): Promise<void> {
  await ensureDataset();
  const settlements = await loadSettlements();
  const selected = allScenarios(settlements).filter((scenario) => !values.only || values.only.split(',').includes(scenario.name));
  const services = await startServices();
  const rows: Row[] = [];
  try {
    for (const scenario of selected) {
      const random = createRandom(seed);
      const nextBody = () => JSON.stringify({ query: scenario.document, variables: scenario.variables(random) });
      const url = services.gateway.url;
      await driveGraphQL({ url, connections, durationSeconds: Math.min(3, durationSeconds), nextBody });
      const before = await sqlStatements(services.subgraphs);
      const gateway = await driveGraphQL({ url, connections, durationSeconds, nextBody });
      const statements = (await sqlStatements(services.subgraphs)) - before;
      const floorRandom = createRandom(seed);
      const floor = await driveSql({
        databaseUrl: databaseUrl!,
        connections,
        durationSeconds,
        nextQuery: () => scenario.floor(scenario.variables(floorRandom)),
      });
      const row = { scenario: scenario.name, subgraphs: scenario.subgraphs, gateway, floor, statementsPerRequest: statements / gateway.requests };
      rows.push(row);
      console.log(`${scenario.name}: ${format(gateway.requestsPerSecond)} req/s p99 ${format(gateway.p99)} ms, floor p99 ${format(floor.p99)} ms`);
    }
  } finally {
    await services.stop();
  }

  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const size = `${enterprises} enterprises${vacancies === null ? '' : `, ${vacancies} vacancies`}`;
  const lines = [
    `# Benchmark ${new Date().toISOString().slice(0, 10)} — ${size}`,
    '',
    `Machine: ${machine}; PostgreSQL + PostGIS, subgraphs, gateway and load generator on the same box.`,
    `Each scenario: ${connections} connections for ${durationSeconds} s through the gateway (@apollo/gateway), after a warm-up;`,
    'the floor is the same answer from hand-written SQL over `pg`, same concurrency and duration. Latencies in ms.',
    '',
    '| scenario | subgraphs | req/s | p50 | p95 | p99 | errors | SQL/request | floor req/s | floor p50 | floor p99 | p50 gateway/floor | p99 gateway/floor |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.scenario} | ${row.subgraphs} | ${format(row.gateway.requestsPerSecond)} | ${format(row.gateway.p50)} | ${format(row.gateway.p95)} | ` +
        `${format(row.gateway.p99)} | ${row.gateway.errors} | ${format(row.statementsPerRequest, 2)} | ${format(row.floor.requestsPerSecond)} | ` +
        `${format(row.floor.p50)} | ${format(row.floor.p99)} | ${format(row.gateway.p50 / row.floor.p50, 2)} | ${format(row.gateway.p99 / row.floor.p99, 2)} |`,
    ),
    '',
    `Command: \`npm run bench -- --enterprises ${enterprises}${vacancies === null ? '' : ` --vacancies ${vacancies}`} --duration ${durationSeconds} --connections ${connections}\``,
    '',
  ];
  const out = values.out ?? `bench/results/${new Date().toISOString().slice(0, 10)}-${enterprises}.md`;
  await mkdir('bench/results', { recursive: true });
  await writeFile(out, lines.join('\n'));
  console.log(`\n${lines.join('\n')}\nwritten to ${out}`);
}

await main();
