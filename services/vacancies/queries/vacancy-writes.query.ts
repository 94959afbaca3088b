import type { EntityManager } from '../../kernel/db.js';
import { outboxCte } from '../../kernel/events/outbox.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import type { VacancyStatus } from '../graphql/enums.js';
import type { NewVacancy } from '../graphql/post-vacancy-input.js';
import { forgetStaffingShortages } from './shortages.query.js';
import { VACANCY_COLUMNS, toVacancy, type VacancyRow } from './vacancy-rows.js';
import { bound, runSql } from '../../kernel/sql.js';

/** Outbox topics of this subgraph; each event's payload is the vacancy's row (`VacancyRow`). */
export const VACANCY_POSTED = 'vacancyPosted';
export const VACANCY_CLOSED = 'vacancyClosed';

/**
 * Inserts an OPEN vacancy posted now (the database clock, the same one `closeVacancy` and
 * `openDays` read) in one statement, its `vacancyPosted` event with it. Without a location the
 * vacancy takes that of the employer's latest vacancy; null when there is none, and nothing
 * is written.
 */
export async function insertVacancy(em: EntityManager, vacancy: NewVacancy): Promise<Vacancy | null> {
  const rows = await runSql<VacancyRow>(em, bound(
    `with posted as (
       insert into vacancies.vacancy as v (id, enterprise_bin, title, occupation_code, salary_min_tenge, salary_max_tenge,
         employment_type, conditions_class, housing_provided, location, kato_code, region_code, status, posted_at)
       select gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, workplace.location, ?, ?, 'OPEN', now()
         from (select coalesce(
                 ST_SetSRID(ST_MakePoint(?::float8, ?::float8), 4326)::geography,
                 (select latest.location from vacancies.vacancy latest
                   where latest.enterprise_bin = ? order by latest.posted_at desc, latest.id desc limit 1)) as location) workplace
        where workplace.location is not null
       returning ${VACANCY_COLUMNS}),
     ${outboxCte('vacancies', 'posted_event', VACANCY_POSTED, 'posted')}
     select * from posted`,
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
  ));
  // One statement, committed on return: the next shortage report must count it.
  forgetStaffingShortages();
  return rows[0] ? toVacancy(rows[0]) : null;
}

/**
 * Closes an OPEN vacancy now, with its `vacancyClosed` event. The status condition makes the
 * update its own lock: of two concurrent closes, the second waits for the first, re-reads the
 * row, no longer finds it OPEN and changes nothing (and records no event). Null when the
 * vacancy was not OPEN.
 */
export async function closeOpenVacancy(em: EntityManager, id: string, status: Exclude<VacancyStatus, 'OPEN'>): Promise<Vacancy | null> {
  const rows = await runSql<VacancyRow>(em, bound(
    `with closed as (
       update vacancies.vacancy v set status = ?, closed_at = now()
        where v.id = ? and v.status = 'OPEN'
       returning ${VACANCY_COLUMNS}),
     ${outboxCte('vacancies', 'closed_event', VACANCY_CLOSED, 'closed')}
     select * from closed`,
    status, id,
  ));
  forgetStaffingShortages();
  return rows[0] ? toVacancy(rows[0]) : null;
}
