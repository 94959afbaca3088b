import { MultiBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../services/kernel/config.js';
import { openSubgraphDatabase, type EntityManager } from '../services/kernel/db.js';
import { todayInKazakhstan } from '../services/kernel/domain/calendar.js';
import { logger } from '../services/kernel/logger.js';
import type { SeedOptions } from '../services/kernel/seed/seed.js';
import { SUBGRAPHS } from './subgraphs.js';

/**
 * `npm run seed -- --seed 42 --enterprises 5000 [--vacancies 10000] [--as-of 2026-11-01]`: empties every subgraph's
 * seeded tables and writes a deterministic data set of that size into DATABASE_URL. Secondary
 * indexes are dropped while loading and rebuilt afterwards (one sort per index instead of a
 * million random inserts), then everything is analysed.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(loadConfig().SEED) },
    enterprises: { type: 'string', default: String(loadConfig().DEMO_ENTERPRISES) },
    vacancies: { type: 'string' },
    'as-of': { type: 'string', default: todayInKazakhstan() },
    quiet: { type: 'boolean', default: false },
  },
});

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`--${name} must be a non-negative integer, got "${text}"`);
    process.exit(2);
  }
  return value;
}

function isoDay(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`))) {
    console.error(`--as-of must be a day like 2026-11-01, got "${text}"`);
    process.exit(2);
  }
  return text;
}

const options: SeedOptions = {
  seed: positiveInteger('seed', values.seed),
  enterprises: positiveInteger('enterprises', values.enterprises),
  vacancies: values.vacancies === undefined ? null : positiveInteger('vacancies', values.vacancies),
  asOf: isoDay(values['as-of']),
};

interface SecondaryIndex {
  definition: string;
  name: string;
}

/** Indexes that no constraint owns (primary keys and unique constraints stay: they guard the load). */
async function dropSecondaryIndexes(em: EntityManager, schema: string): Promise<SecondaryIndex[]> {
  const indexes = await em.getConnection().execute<{ indexname: string; indexdef: string }[]>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = ? and not exists (
        select 1 from pg_constraint c join pg_class k on k.oid = c.conindid
         where k.relname = i.indexname and c.connamespace = (select oid from pg_namespace where nspname = ?))`,
    [schema, schema],
  );
  for (const index of indexes) await em.getConnection().execute(`drop index "${schema}"."${index.indexname}"`);
  return indexes.map((index) => ({ name: index.indexname, definition: index.indexdef }));
}

const startedAt = performance.now();
const bars = new MultiBar(
  { format: ' {subgraph} |{bar}| {percentage}% {value}/{total} rows', hideCursor: true, noTTYOutput: !values.quiet, notTTYSchedule: 5000 },
  Presets.shades_classic,
);
const written: Record<string, number> = {};
for (const subgraph of SUBGRAPHS) {
  const seed = subgraph.seed;
  if (!seed) continue;
  const database = await openSubgraphDatabase({ ...subgraph.database, log: logger(subgraph.name) });
  const em = database.orm.em.fork();
  const bar = bars.create(Math.max(1, seed.expectedRows(options)), 0, { subgraph: subgraph.name.padEnd(12) });
  await em.getConnection().execute(`truncate ${seed.tables.join(', ')} restart identity cascade`);
  const indexes = await dropSecondaryIndexes(em, subgraph.database.schema);
  const rows = await em.transactional((tx) => seed.run(tx, options, (count) => bar.increment(count)));
  for (const index of indexes) await em.getConnection().execute(index.definition);
  await em.getConnection().execute(`vacuum analyze ${seed.tables.join(', ')}`);
  bar.update(bar.getTotal());
  Object.assign(written, rows);
  await database.close();
}
bars.stop();

const seconds = (performance.now() - startedAt) / 1000;
const total = Object.values(written).reduce((sum, count) => sum + count, 0);
const tables = Object.entries(written)
  .map(([table, count]) => `${table}=${count}`)
  .join(' ');
console.log(`seeded ${tables} in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s, seed ${options.seed})`);
