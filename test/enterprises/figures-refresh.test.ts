import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInKazakhstan } from '../../services/kernel/domain/calendar.js';
import { recomputeEnterpriseFigures, refreshStaleFigures } from '../../services/enterprises/queries/figures.query.js';
import { federation } from '../support/federation.js';

/**
 * The card's figures move with the calendar (ages, harmful months, contracts in force), so the
 * enterprises subgraph recomputes every card computed before today. Cards are made stale and
 * wrong here on purpose; recomputing them as of today gives back exactly the seeded values,
 * so the other test files see the data unchanged.
 */
const FIGURES = `select id, headcount, quality_jobs, hazard_rank, workers_in_harmful_conditions, special_payment_eligible_workers,
                        special_payment_monthly_total_tenge, last_assessment_date::text, figures_as_of::text
                   from enterprises.enterprise where id = any($1::uuid[]) order by id`;

let client: pg.Client;
let orm: MikroORM;
let stale: string[];
let fresh: string;

beforeAll(async () => {
  client = new pg.Client({ connectionString: federation.databaseUrl() });
  await client.connect();
  orm = await MikroORM.init({ clientUrl: federation.databaseUrl(), entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: false });
  const { rows } = await client.query<{ id: string }>(
    `select id from enterprises.enterprise where special_payment_eligible_workers > 0 and figures_as_of = $1::date order by id limit 6`,
    [todayInKazakhstan()],
  );
  expect(rows).toHaveLength(6);
  [fresh, ...stale] = rows.map((row) => row.id) as [string, ...string[]];
});

afterAll(async () => {
  await orm.em.fork().transactional((em) => recomputeEnterpriseFigures(em, [fresh], todayInKazakhstan()));
  await orm.close();
  await client.end();
});

describe('refreshStaleFigures', () => {
  it('recomputes the cards computed before today and leaves today’s cards alone', async () => {
    const seeded = (await client.query(FIGURES, [stale])).rows;
    const wrong = `update enterprises.enterprise set special_payment_eligible_workers = 0, special_payment_monthly_total_tenge = 0,
                          workers_in_harmful_conditions = 0, figures_as_of = $2::date where id = any($1::uuid[])`;
    await client.query(wrong, [stale, '2024-01-01']);
    await client.query(wrong, [[fresh], todayInKazakhstan()]);

    const refreshed = await refreshStaleFigures(orm.em, todayInKazakhstan());

    expect(refreshed).toBeGreaterThanOrEqual(stale.length);
    expect((await client.query(FIGURES, [stale])).rows).toEqual(seeded);
    const [control] = (await client.query(FIGURES, [[fresh]])).rows;
    expect(control).toMatchObject({ special_payment_eligible_workers: 0, figures_as_of: todayInKazakhstan() });
    expect(await refreshStaleFigures(orm.em, todayInKazakhstan())).toBe(0);
  });
});
