import { pgArray, type EntityManager } from '../../kernel/db.js';
import { localQuestionRows, type LocalVacancies, type RegionalVacancies } from '../../kernel/graphql/navigator-types.js';
import { bound, runSql, sql } from '../../kernel/sql.js';

/**
 * OPEN vacancies per (place, radius, occupation) question, all questions in one statement,
 * through the partial GiST index on open vacancies. Questions without vacancies are left out.
 */
export async function localOpenVacancies(em: EntityManager, keys: readonly string[]): Promise<(LocalVacancies & { key: string })[]> {
  const questions = localQuestionRows(keys);
  const rows = await runSql<{ key: string; occupation_code: string; open: number }>(
    em,
    sql(
      'select q.key, q.occupation_code, count(*)::int as open from ',
      questions,
      ` join vacancies.vacancy v
          on v.status = 'OPEN' and v.occupation_code = q.occupation_code
         and ST_DWithin(v.location, ST_SetSRID(ST_MakePoint(q.lon, q.lat), 4326)::geography, q.radius_metres, false)
       group by q.key, q.occupation_code`,
    ),
  );
  return rows.map((row) => ({ key: row.key, occupationCode: row.occupation_code, openVacancies: row.open }));
}

/** OPEN vacancies per region for each occupation, in one statement (index on open vacancies by occupation). */
export async function regionalOpenVacancies(em: EntityManager, occupationCodes: readonly string[]): Promise<RegionalVacancies[]> {
  const rows = await runSql<{ region_code: string; occupation_code: string; open: number }>(em, bound(
    `select v.region_code, v.occupation_code, count(*)::int as open
       from vacancies.vacancy v
      where v.status = 'OPEN' and v.occupation_code = any(?::text[])
      group by v.region_code, v.occupation_code
      order by v.occupation_code, v.region_code`,
    pgArray(occupationCodes),
  ));
  return rows.map((row) => ({ regionCode: row.region_code, occupationCode: row.occupation_code, openVacancies: row.open }));
}
