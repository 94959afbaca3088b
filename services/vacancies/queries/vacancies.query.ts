import { deferredCount, pgArray, type EntityManager } from '../../kernel/db.js';
import { areaCondition, nearDistanceKm, type ParsedArea } from '../../kernel/geo/area.js';
import { toConnection, type Connection, type PageRequest } from '../../kernel/pagination.js';
import { qualityJobThresholds } from '../domain/vacancy-rules.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import type { VacancyStatus } from '../graphql/enums.js';
import type { ParsedVacancyFilter } from '../graphql/vacancy-filter.js';
import { cursorKeyOf, keysetCondition, orderByClause, sortColumns, type KeysetOrder, type SortedRow } from '../../kernel/keyset.js';
import { type SqlFragment, allOf, bound, joinSql, sql, runSql } from '../../kernel/sql.js';
import { VACANCY_COLUMNS, toVacancy, type VacancyRow } from './vacancy-rows.js';

export type PageRow = VacancyRow & SortedRow & { distance_km: number | null };

const AREA_COLUMNS = { point: 'v.location', regionCode: 'v.region_code' };

export async function vacanciesByIds(em: EntityManager, ids: readonly string[]): Promise<Vacancy[]> {
  const rows = await runSql<VacancyRow>(em, bound(`select ${VACANCY_COLUMNS} from vacancies.vacancy v where v.id = any(?::uuid[])`, pgArray(ids)));
  return rows.map(toVacancy);
}

/** Open for at least `days` whole days (the same count as `openDays`). */
export function openAtLeast(days: number): SqlFragment {
  return bound('v.posted_at <= now() - make_interval(days => ?)', days);
}

/** SQL for a parsed VacancyFilter on table alias `v`; the status condition is the caller's. */
export function vacancyFilterConditions(filter: ParsedVacancyFilter): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (filter.occupationCode !== null) conditions.push(bound('v.occupation_code = ?', filter.occupationCode));
  if (filter.minSalaryTenge !== null) conditions.push(bound('v.salary_min_tenge >= ?', filter.minSalaryTenge));
  if (filter.qualityOnly) {
    // isQualityVacancy in SQL: the migration's partial index vacancy_open_quality carries the
    // same employment type and classes, so the planner can use it.
    const quality = qualityJobThresholds();
    conditions.push(
      sql(
        bound('v.employment_type = ? and v.salary_min_tenge >= ? and v.conditions_class in ', quality.employmentType, quality.minSalaryTenge),
        '(',
        joinSql(quality.classes.map((conditionsClass) => bound('?', conditionsClass)), ', '),
        ')',
      ),
    );
  }
  if (filter.housingProvided !== null) conditions.push(bound('v.housing_provided = ?', filter.housingProvided));
  if (filter.employmentType !== null) conditions.push(bound('v.employment_type = ?', filter.employmentType));
  if (filter.minOpenDays !== null) conditions.push(openAtLeast(filter.minOpenDays));
  return conditions;
}

export function statusIs(status: VacancyStatus): SqlFragment {
  return bound('v.status = ?', status);
}


export interface VacancySearch {
  area: ParsedArea | null;
  filter: ParsedVacancyFilter;
  ordering: KeysetOrder;
  page: PageRequest;
}

/** `Query.vacancies`: one statement for the page, and one for the total if the client reads `totalCount`. */
export async function searchVacancies(em: EntityManager, search: VacancySearch): Promise<Connection<Vacancy>> {
  const conditions = [statusIs('OPEN'), ...vacancyFilterConditions(search.filter)];
  if (search.area) conditions.push(areaCondition(search.area, AREA_COLUMNS));
  const keyset = keysetCondition(search.ordering, search.page.after);
  const pageQuery = sql(
    `select ${VACANCY_COLUMNS}, `,
    sortColumns(search.ordering),
    ', ',
    nearDistanceKm(search.area, AREA_COLUMNS.point) ?? bound('null::float8'),
    ' as distance_km from vacancies.vacancy v where ',
    allOf(keyset ? [...conditions, keyset] : conditions),
    ' order by ',
    orderByClause(search.ordering),
    bound(' limit ?', search.page.first + 1),
  );
  const rows = await runSql<PageRow>(em, pageQuery);
  return pageConnection(rows, search.ordering, search.page, deferredCount(em, sql('from vacancies.vacancy v where ', allOf(conditions))));
}

/** The owners a vacancy list hangs off: an employer (Enterprise.vacancies) or a region (Region.vacancies). */
export type VacancyParent = 'enterprise' | 'region';

const PARENT_COLUMN: Record<VacancyParent, string> = {
  enterprise: 'v.enterprise_bin',
  region: 'v.region_code',
};

export interface ParentListRequest {
  parent: VacancyParent;
  conditions: SqlFragment[];
}

/**
 * One page per parent for every parent in the batch, in one statement: a LATERAL subquery per
 * parent walks that parent's index in page order and stops at first + 1 rows (the extra row only
 * says whether there is a next page), however many vacancies a region holds.
 */
export async function vacancyPagesByParent(
  em: EntityManager,
  request: ParentListRequest & { ordering: KeysetOrder; page: PageRequest },
  keys: readonly string[],
): Promise<Map<string, PageRow[]>> {
  const column = PARENT_COLUMN[request.parent];
  const keyset = keysetCondition(request.ordering, request.page.after);
  const conditions = [bound(`${column} = parent.key`), ...request.conditions, ...(keyset ? [keyset] : [])];
  const query = sql(
    'select page.* from unnest(',
    bound('?::text[]', pgArray(keys)),
    `) with ordinality as parent(key, position)
     cross join lateral (select ${VACANCY_COLUMNS}, parent.key::text as parent_key, parent.position, null::float8 as distance_km, `,
    sortColumns(request.ordering),
    ', row_number() over (order by ',
    orderByClause(request.ordering),
    ') as rank from vacancies.vacancy v where ',
    allOf(conditions),
    ' order by ',
    orderByClause(request.ordering),
    bound(' limit ?', request.page.first + 1),
    ') page order by page.position, page.rank',
  );
  const rows = await runSql<(PageRow & { parent_key: string })>(em, query);
  const pages = new Map<string, PageRow[]>(keys.map((key) => [key, []]));
  for (const row of rows) pages.get(row.parent_key)?.push(row);
  return pages;
}

/** `total` as a function is counted only if the client reads `totalCount`. */
export function pageConnection(rows: PageRow[], ordering: KeysetOrder, page: PageRequest, total: number | (() => Promise<number>)): Connection<Vacancy> {
  return toConnection(rows, page, total, (row) => ({ node: toVacancy(row), key: cursorKeyOf(ordering, row), distanceKm: row.distance_km }));
}

/** How many vacancies match per parent, for every parent in the batch, in one statement. */
export async function vacancyCountsByParent(em: EntityManager, request: ParentListRequest, keys: readonly string[]): Promise<Map<string, number>> {
  const column = PARENT_COLUMN[request.parent];
  const query = sql(
    `select ${column}::text as parent_key, count(*)::int as total from vacancies.vacancy v where `,
    allOf([bound(`${column} = any(?::text[])`, pgArray(keys)), ...request.conditions]),
    ' group by 1',
  );
  const rows = await runSql<{ parent_key: string; total: number }>(em, query);
  return new Map(rows.map((row) => [row.parent_key, row.total]));
}
