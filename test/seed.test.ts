import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startEmbeddedPostgis } from '../scripts/lib/embedded-postgis.js';
import { isValidBin, isValidIin } from '../services/kernel/domain/identifiers.js';
import { OCCUPATION_UNIT_GROUPS } from '../services/kernel/domain/occupations.js';
import { REGIONS } from '../services/kernel/domain/regions.js';
import { classRank } from '../services/kernel/domain/working-conditions.js';
import { okedCodeProblem } from '../services/enterprises/domain/oked.js';
import { recomputeEnterpriseFigures } from '../services/enterprises/queries/figures.query.js';

const TABLES = [
  'regions.region',
  'enterprises.enterprise',
  'enterprises.workplace_assessment',
  'enterprises.employment_contract',
  'enterprises.inspection',
  'vacancies.vacancy',
  'resettlement.resettlement_zone',
  'resettlement.zone_quota',
  'resettlement.resettlement_application',
];

/**
 * `npm run seed` on a database of its own (beside the test database on a real server, or a
 * second embedded one), so the federation the other tests use keeps its data.
 */
let databaseUrl = '';
let cleanup: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  const server = inject('databaseServerUrl');
  if (server) {
    const name = `emap_seed_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    cleanup = async () => {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'emap-seed-'));
    const embedded = await startEmbeddedPostgis(dataDir);
    databaseUrl = embedded.url;
    cleanup = async () => {
      await embedded.close();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
});

afterAll(() => cleanup());

/** Asynchronous on purpose: the embedded database answers from this process's event loop. */
async function seed(...args: string[]): Promise<void> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
  });
  expect(stdout).toMatch(/seeded .*enterprises\.enterprise=\d+.* rows\/s/);
}

/** A digest of every row of every seeded table, in a fixed order. */
async function digests(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const result: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await client.query<{ digest: string; count: number }>(
      `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as count from ${table} t`,
    );
    result[table] = `${rows[0]!.count}:${rows[0]!.digest}`;
  }
  await client.end();
  return result;
}

describe('npm run seed', () => {
  it('writes identical rows for the same seed and day, and other rows for another seed', async () => {
    await seed('--seed', '42', '--enterprises', '300', '--as-of', '2026-06-01');
    const first = await digests();
    await seed('--seed', '42', '--enterprises', '300', '--as-of', '2026-06-01');
    const second = await digests();
    await seed('--seed', '7', '--enterprises', '300', '--as-of', '2026-06-01');
    const other = await digests();

    expect(second).toEqual(first);
    expect(first['enterprises.enterprise']).toMatch(/^300:/);
    for (const table of ['enterprises.enterprise', 'enterprises.employment_contract', 'vacancies.vacancy']) {
      expect(other[table], table).not.toBe(first[table]);
    }
  }, 240_000);

  it('stores the same card figures the mutations derive from the seeded assessments and contracts', async () => {
    await seed('--seed', '42', '--enterprises', '300', '--as-of', '2026-06-01');
    const figures = `select id, headcount, quality_jobs, hazard_rank, workers_in_harmful_conditions, special_payment_eligible_workers,
                            special_payment_monthly_total_tenge, last_assessment_date::text, figures_as_of::text
                       from enterprises.enterprise order by id`;
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const seeded = (await client.query(figures)).rows;
    const orm = await MikroORM.init({ clientUrl: databaseUrl, entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: false });
    await orm.em.fork().transactional((em) => recomputeEnterpriseFigures(em, seeded.map((row) => row.id as string), '2026-06-01'));
    await orm.close();
    const recomputed = (await client.query(figures)).rows;
    await client.end();

    expect(recomputed).toEqual(seeded);
    // Not vacuous: the demo has harmful workplaces and workers owed the special payment.
    expect(seeded.filter((row) => row.hazard_rank >= classRank('HARMFUL_3_1')).length).toBeGreaterThan(0);
    expect(seeded.reduce((sum, row) => sum + row.special_payment_eligible_workers, 0)).toBeGreaterThan(0);
  }, 120_000);
});

/** The demo `npm start` seeds (seed 42, DEMO_ENTERPRISES), on a fixed day so ages do not drift. */
describe('the default demo data set (docs/domain.md §8)', () => {
  let client: pg.Client;
  const rows = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql)).rows;

  beforeAll(async () => {
    await seed('--seed', '42', '--as-of', '2026-11-23');
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  }, 120_000);
  afterAll(() => client?.end());

  it('places every enterprise and every vacancy inside its own region’s real boundary', async () => {
    const [counts] = await rows<{ enterprises: number; vacancies: number; outside: number }>(
      `select (select count(*)::int from enterprises.enterprise) as enterprises,
              (select count(*)::int from vacancies.vacancy) as vacancies,
              (select count(*)::int from enterprises.enterprise e join regions.region r on r.code = e.region_code
                where not ST_Contains(r.boundary, e.location::geometry))
            + (select count(*)::int from vacancies.vacancy v join regions.region r on r.code = v.region_code
                where not ST_Contains(r.boundary, v.location::geometry)) as outside`,
    );
    expect(counts!.enterprises).toBeGreaterThan(0);
    expect(counts!.vacancies).toBeGreaterThan(0);
    expect(counts!.outside).toBe(0);
  });

  it('gives every enterprise a valid BIN and every worker a valid IIN', async () => {
    const bins = await rows<{ bin: string }>('select bin from enterprises.enterprise');
    const iins = await rows<{ iin: string }>('select distinct iin from enterprises.employment_contract');
    expect(iins.length).toBeGreaterThan(1000);
    expect(bins.filter((row) => !isValidBin(row.bin))).toEqual([]);
    expect(iins.filter((row) => !isValidIin(row.iin))).toEqual([]);
  });

  it('uses only OKED divisions and occupation unit groups of the shipped classifiers', async () => {
    const okeds = await rows<{ code: string }>('select distinct oked_code as code from enterprises.enterprise');
    const occupations = await rows<{ code: string }>(
      `select occupation_code as code from enterprises.employment_contract
       union select occupation_code from enterprises.workplace_assessment
       union select occupation_code from vacancies.vacancy`,
    );
    expect(okeds.filter((row) => okedCodeProblem(row.code) !== null)).toEqual([]);
    expect(occupations.map((row) => row.code).filter((code) => !OCCUPATION_UNIT_GROUPS.has(code))).toEqual([]);
  });

  it('has enterprises and open vacancies in every one of the 20 regions', async () => {
    const [regions] = await rows<{ with_enterprises: number; with_open_vacancies: number }>(
      `select (select count(distinct region_code)::int from enterprises.enterprise) as with_enterprises,
              (select count(distinct region_code)::int from vacancies.vacancy where status = 'OPEN') as with_open_vacancies`,
    );
    expect(regions).toEqual({ with_enterprises: REGIONS.length, with_open_vacancies: REGIONS.length });
  });

  it('ranks regions by workers eligible for the special payment as the published applicants: Karaganda, Kostanay, East Kazakhstan', async () => {
    const ranked = await rows<{ region_code: string; eligible: number }>(
      `select region_code, sum(special_payment_eligible_workers)::int as eligible
         from enterprises.enterprise group by region_code order by eligible desc, region_code limit 4`,
    );
    expect(ranked.slice(0, 3).map((row) => row.region_code)).toEqual(['KZ-35', 'KZ-39', 'KZ-63']);
    // A strict order: the third region ranks above the fourth, not level with it.
    expect(ranked[2]!.eligible).toBeGreaterThan(ranked[3]!.eligible);
  });
});
