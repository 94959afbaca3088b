import type { EntityManager } from '../../kernel/db.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import type { VacancyStatus } from '../graphql/enums.js';
import type { NewVacancy } from '../graphql/post-vacancy-input.js';
import { forgetStaffingShortages } from './shortages.query.js';
import { VACANCY_COLUMNS, vacancyFromRow, type VacancyRow } from './vacancy-rows.js';

/**
 * Inserts an OPEN vacancy posted now (the database clock, the same one `closeVacancy` and
 * `openDays` read) in one statement. Without a location the vacancy takes that of the
 * employer's latest vacancy; null when there is none, and nothing is written.
 */
export async function insertVacancy(em: EntityManager, vacancy: NewVacancy): Promise<Vacancy | null> {
  const rows = await em.getConnection().execute<VacancyRow[]>(
    `insert into vacancies.vacancy as v (id, enterprise_bin, title, occupation_code, salary_min_tenge, salary_max_tenge,
       employment_type, conditions_class, housing_provided, location, kato_code, region_code, status, posted_at)
     select gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, workplace.location, ?, ?, 'OPEN', now()
       from (select coalesce(
               ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)::geography,
               (select latest.location from vacancies.vacancy latest
                 where latest.enterprise_bin = ? order by latest.posted_at desc, latest.id desc limit 1)) as location) workplace
      where workplace.location is not null
     returning ${VACANCY_COLUMNS}`,
    [
      vacancy.enterpriseBin,
      vacancy.title,
      vacancy.occupationCode,
      vacancy.salaryMinTenge,
      vacancy.salaryMaxTenge,
      vacancy.employmentType,
      vacancy.conditionsClass,
      vacancy.housingProvided,
      vacancy.katoCode,
      vacancy.regionCode,
      vacancy.location?.lon ?? null,
      vacancy.location?.lat ?? null,
      vacancy.enterpriseBin,
    ],
  );
  // One statement, committed on return: the next shortage report must count it.
  forgetStaffingShortages();
  return rows[0] ? vacancyFromRow(rows[0]) : null;
}

/**
 * Closes an OPEN vacancy now. The status condition makes the update its own lock: of two
 * concurrent closes, the second waits for the first, re-reads the row, no longer finds it OPEN
 * and changes nothing. Null when the vacancy was not OPEN.
 */
export async function closeOpenVacancy(em: EntityManager, id: string, status: Exclude<VacancyStatus, 'OPEN'>): Promise<Vacancy | null> {
  const rows = await em.getConnection().execute<VacancyRow[]>(
    `update vacancies.vacancy v set status = ?, closed_at = now()
      where v.id = ? and v.status = 'OPEN'
     returning ${VACANCY_COLUMNS}`,
    [status, id],
  );
  forgetStaffingShortages();
  return rows[0] ? vacancyFromRow(rows[0]) : null;
}
