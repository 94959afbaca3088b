import { MultiBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../services/kernel/config.js';
import { openSubgraphDatabase } from '../services/kernel/db.js';
import { todayInKazakhstan } from '../services/kernel/domain/calendar.js';
import { logger } from '../services/kernel/logger.js';
import { inSeedTransaction, type SeedTarget } from '../services/kernel/seed/bulk-insert.js';
import type { SeedOptions, SubgraphSeed } from '../services/kernel/seed/seed.js';
import { SUBGRAPHS } from './subgraphs.js';

/**
 * `npm run seed -- --seed 42 --enterprises 5000 [--vacancies 10000] [--as-of 2026-11-01] [--workforce-scale 1]`: empties every subgraph's
 * seeded tables and writes a deterministic data set of that size into DATABASE_URL. Secondary
 * indexes are dropped while loading and rebuilt afterwards, then everything is analysed. Each
 * subgraph's load is one transaction: a failed seed leaves that subgraph's previous data.
 */
const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(loadConfig().SEED) },
    enterprises: { type: 'string', default: String(loadConfig().DEMO_ENTERPRISES) },
    vacancies: { type: 'string' },
    'workforce-scale': { type: 'string' },
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
  workforceScale: workforceScale(),
};

/**
 * Without --enterprises this writes the demo `npm start` seeds, workforce included
 * (DEMO_WORKFORCE_SCALE); a data set of a chosen size gets the realistic workforce unless told.
 */
function workforceScale(): number {
  const text = values['workforce-scale'];
  if (text === undefined) return process.argv.some((arg) => arg.startsWith('--enterprises')) ? 1 : loadConfig().DEMO_WORKFORCE_SCALE;
  const value = Number(text);
  if (!(value > 0 && value <= 1)) {
    console.error(`--workforce-scale must be a number in (0, 1], got "${text}"`);
    process.exit(2);
  }
  return value;
}

interface SecondaryIndex {
  definition: string;
  name: string;
}

/** Indexes that no constraint owns (primary keys and unique constraints stay: they guard the load). */
async function dropSecondaryIndexes(target: SeedTarget, schema: string): Promise<SecondaryIndex[]> {
  const { rows: indexes } = await target.execute<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = $1 and not exists (
        select 1 from pg_constraint c join pg_class k on k.oid = c.conindid
         where k.relname = i.indexname and c.connamespace = (select oid from pg_namespace where nspname = $1))`,
    [schema],
  );
  for (const index of indexes) await target.execute(`drop index "${schema}"."${index.indexname}"`);
  return indexes.map((index) => ({ name: index.indexname, definition: index.indexdef }));
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * A foreign key checks every loaded row with a trigger; re-adding it after the load checks all
 * of them with one join. The constraints come back inside the same transaction, so no row
 * ever commits unchecked.
 */
async function dropForeignKeys(target: SeedTarget, schema: string): Promise<ForeignKey[]> {
  const { rows } = await target.execute<{ table: string; name: string; definition: string }>(
    `select c.conrelid::regclass::text as table, c.conname as name, pg_get_constraintdef(c.oid) as definition
       from pg_constraint c where c.contype = 'f' and c.connamespace = (select oid from pg_namespace where nspname = $1)`,
    [schema],
  );
  for (const key of rows) await target.execute(`alter table ${key.table} drop constraint "${key.name}"`);
  return rows;
}

/** Empties, loads and re-indexes one subgraph's tables in one transaction. */
async function seedSubgraph(subgraph: (typeof SUBGRAPHS)[number], seed: SubgraphSeed): Promise<Record<string, number>> {
  const database = await openSubgraphDatabase({ ...subgraph.database, log: logger(subgraph.name) });
  try {
    const bar = bars.create(Math.max(1, seed.expectedRows(options)), 0, { subgraph: subgraph.name.padEnd(12) });
    const rows = await inSeedTransaction(database, async (target) => {
      await target.execute(`truncate ${seed.tables.join(', ')} restart identity cascade`);
      const foreignKeys = await dropForeignKeys(target, subgraph.database.schema);
      const indexes = await dropSecondaryIndexes(target, subgraph.database.schema);
      const written = await seed.run(target, options, (count) => bar.increment(count));
      // One sort per index after the load beats a million random index inserts during it.
      await target.execute(`set local maintenance_work_mem = '${INDEX_BUILD_MEMORY}'`);
      for (const index of indexes) await target.execute(index.definition);
      for (const key of foreignKeys) await target.execute(`alter table ${key.table} add constraint "${key.name}" ${key.definition}`);
      return written;
    });
    bar.update(bar.getTotal());
    return rows;
  } finally {
    await database.close();
  }
}

const INDEX_BUILD_MEMORY = '1GB';

const startedAt = performance.now();
const bars = new MultiBar(
  { format: ' {subgraph} |{bar}| {percentage}% {value}/{total} rows', hideCursor: true, noTTYOutput: !values.quiet, notTTYSchedule: 5000 },
  Presets.shades_classic,
);
// Subgraphs own disjoint tables: their loads run side by side, so the server's cores share the work.
const written: Record<string, number> = Object.assign(
  {},
  ...(await Promise.all(SUBGRAPHS.flatMap((subgraph) => (subgraph.seed ? [seedSubgraph(subgraph, subgraph.seed)] : [])))),
);
bars.stop();
// Vacuum only once every load has committed: a vacuum beside another subgraph's still-open load
// transaction cannot mark pages all-visible (that transaction holds the horizon back), and without
// the visibility map every index-only scan reads the heap (at 1 M: 17 s for the shortages aggregate).
for (const subgraph of SUBGRAPHS) {
  if (!subgraph.seed) continue;
  const database = await openSubgraphDatabase({ ...subgraph.database, log: logger(subgraph.name) });
  try {
    await database.orm.em.getConnection().execute(`vacuum analyze ${subgraph.seed.tables.join(', ')}`);
  } finally {
    await database.close();
  }
}

const seconds = (performance.now() - startedAt) / 1000;
const total = Object.values(written).reduce((sum, count) => sum + count, 0);
const tables = Object.entries(written)
  .map(([table, count]) => `${table}=${count}`)
  .join(' ');
console.log(`seeded ${tables} in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} rows/s, seed ${options.seed})`);
