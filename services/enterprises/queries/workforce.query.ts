import { pgArray, type EntityManager } from '../../kernel/db.js';
import { localQuestionRows, type LocalWorkforce, type RegionalWorkforce } from '../../kernel/graphql/navigator-types.js';
import { allOf, bound, runSql, sql } from '../../kernel/sql.js';

/** A contract is in force on `asOf` when it started by then and has not ended (as headcount counts it). */
const inForce = (asOf: string) => bound('c.start_date <= ?::date and (c.end_date is null or c.end_date >= ?::date)', asOf, asOf);

/**
 * Workers per (place, radius, occupation) question, all questions in one statement: the
 * enterprises within each radius (GiST, the sphere as the kernel's area predicate measures it)
 * and their contracts in force in the occupation. Questions without workers are left out.
 */
export async function localWorkforce(em: EntityManager, keys: readonly string[], asOf: string): Promise<(LocalWorkforce & { key: string })[]> {
  const questions = localQuestionRows(keys);
  const rows = await runSql<{ key: string; occupation_code: string; workers: number; median: number | null }>(
    em,
    sql(
      `select q.key, q.occupation_code, count(*)::int as workers,
              round(percentile_cont(0.5) within group (order by c.monthly_salary_tenge))::int as median
         from `,
      questions,
      ` join enterprises.enterprise e
           on ST_DWithin(e.location, ST_SetSRID(ST_MakePoint(q.lon, q.lat), 4326)::geography, q.radius_metres, false)
         join enterprises.employment_contract c on c.enterprise_id = e.id and c.occupation_code = q.occupation_code and `,
      inForce(asOf),
      ' group by q.key, q.occupation_code',
    ),
  );
  return rows.map((row) => ({ key: row.key, occupationCode: row.occupation_code, workers: row.workers, medianMonthlySalaryTenge: row.median }));
}

/** Workers and median salary per region for each occupation, in one statement. */
export async function regionalWorkforce(em: EntityManager, occupationCodes: readonly string[], asOf: string): Promise<RegionalWorkforce[]> {
  const rows = await runSql<{ region_code: string; occupation_code: string; workers: number; median: number | null }>(
    em,
    sql(
      `select e.region_code, c.occupation_code, count(*)::int as workers,
              round(percentile_cont(0.5) within group (order by c.monthly_salary_tenge))::int as median
         from enterprises.employment_contract c
         join enterprises.enterprise e on e.id = c.enterprise_id
        where `,
      allOf([bound('c.occupation_code = any(?::text[])', pgArray(occupationCodes)), inForce(asOf)]),
      ' group by e.region_code, c.occupation_code order by c.occupation_code, e.region_code',
    ),
  );
  return rows.map((row) => ({ regionCode: row.region_code, occupationCode: row.occupation_code, workers: row.workers, medianMonthlySalaryTenge: row.median }));
}
