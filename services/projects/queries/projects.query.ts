import { deferredCount, pgArray, type EntityManager } from '../../kernel/db.js';
import { BadInput } from '../../kernel/errors.js';
import { areaCondition, nearDistanceKm, nearOrderBy, type ParsedArea } from '../../kernel/geo/area.js';
import { isUuid } from '../../kernel/ids.js';
import { cursorKeyOf, cursorValues, keysetCondition, keysetOrder, orderByClause, sortColumns, sortKey, type KeysetOrder, type SortedRow } from '../../kernel/keyset.js';
import { toConnection, type Connection, type PageRequest } from '../../kernel/pagination.js';
import { allOf, bound, runSql, sql, type SqlFragment } from '../../kernel/sql.js';
import type { InvestmentProject } from '../entities/investment-project.entity.js';
import type { PlannedJobs } from '../graphql/planned-jobs.js';
import { InvestmentProjectOrder, type ProjectStatus } from '../graphql/enums.js';
import { PROJECT_COLUMNS, toProject, type ProjectRow } from './project-rows.js';

export interface ProjectFilter {
  sectorPrefix: string | null;
  status: ProjectStatus | null;
  minInvestmentTenge: number | null;
  regionCode: string | null;
}

export interface ProjectSearch {
  area: ParsedArea | null;
  filter: ProjectFilter;
  order: InvestmentProjectOrder;
  page: PageRequest;
}

const ID_KEY = sortKey('p.id', 'uuid');

/** Every order ends with the id in the same direction: one row comparison continues after a cursor (kernel/keyset.ts). */
function projectOrder(order: InvestmentProjectOrder, area: ParsedArea | null): KeysetOrder {
  switch (order) {
    case InvestmentProjectOrder.INVESTMENT_DESC:
      return keysetOrder(order, 'desc', [sortKey('p.investment_tenge', 'bigint'), ID_KEY]);
    case InvestmentProjectOrder.PLANNED_JOBS_DESC:
      return keysetOrder(order, 'desc', [sortKey('p.planned_jobs_total', 'int'), ID_KEY]);
    case InvestmentProjectOrder.NAME:
      return keysetOrder(order, 'asc', [sortKey('p.name', 'text'), ID_KEY]);
    case InvestmentProjectOrder.DISTANCE: {
      const knn = nearOrderBy(area, 'p.location');
      if (!knn) throw new BadInput('orderBy', 'DISTANCE needs area.near');
      return keysetOrder(order, 'asc', [sortKey(knn, 'float8'), ID_KEY]);
    }
  }
}

export function projectFilterConditions(area: ParsedArea | null, filter: ProjectFilter): SqlFragment[] {
  const conditions: SqlFragment[] = [];
  if (area) conditions.push(areaCondition(area, { point: 'p.location', regionCode: 'p.region_code' }));
  if (filter.sectorPrefix) conditions.push(bound("p.sector like ? || '%'", filter.sectorPrefix));
  if (filter.status) conditions.push(bound('p.status = ?', filter.status));
  if (filter.minInvestmentTenge !== null) conditions.push(bound('p.investment_tenge >= ?::int8', filter.minInvestmentTenge));
  if (filter.regionCode) conditions.push(bound('p.region_code = ?', filter.regionCode));
  return conditions;
}

/** Checks the order and cursor before any SQL is sent. */
export function validateSearch(search: ProjectSearch): void {
  cursorValues(projectOrder(search.order, search.area), search.page.after);
}

type RankedRow = ProjectRow & SortedRow & { distance_km: number | null };

/**
 * One page (one statement) and, only when `totalCount` is read, its count. There are 755
 * projects, so a DISTANCE page orders the matching rows by the KNN operator without the horizon
 * trick the million-row enterprise search needs.
 */
export async function searchProjects(em: EntityManager, search: ProjectSearch): Promise<Connection<InvestmentProject>> {
  const order = projectOrder(search.order, search.area);
  const keyset = keysetCondition(order, search.page.after);
  const conditions = projectFilterConditions(search.area, search.filter);
  const where = allOf(keyset ? [...conditions, keyset] : conditions);
  const distance = nearDistanceKm(search.area, 'p.location') ?? bound('null::float8');
  const statement = sql(
    `select ${PROJECT_COLUMNS}, `,
    sortColumns(order),
    ', ',
    distance,
    ' as distance_km from projects.investment_project p where ',
    where,
    ' order by ',
    orderByClause(order),
    bound(' limit ?', search.page.first + 1),
  );
  const rows = await runSql<RankedRow>(em, statement);
  const count = deferredCount(em, sql('from projects.investment_project p where ', allOf(conditions)));
  return toConnection(rows, search.page, count, (row) => ({
    node: toProject(row),
    key: cursorKeyOf(order, row),
    distanceKm: row.distance_km,
  }));
}

export async function projectsByIds(em: EntityManager, ids: readonly string[]): Promise<InvestmentProject[]> {
  // References from other subgraphs are not validated by GraphQL: a malformed id is simply unknown.
  const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
  if (valid.length === 0) return [];
  const rows = await runSql<ProjectRow>(em, bound(`select ${PROJECT_COLUMNS} from projects.investment_project p where p.id = any(?::uuid[])`, pgArray(valid)));
  return rows.map(toProject);
}

/** Planned jobs of many projects in one statement, by occupation then year. */
export async function plannedJobsOfProjects(em: EntityManager, projectIds: readonly string[]): Promise<(PlannedJobs & { projectId: string })[]> {
  const rows = await runSql<{ project_id: string; occupation_code: string; year: number; count: number; monthly_salary_tenge: number }>(em, bound(
    `select project_id, occupation_code, year, count, monthly_salary_tenge
       from projects.planned_jobs where project_id = any(?::uuid[])
      order by project_id, occupation_code, year`,
    pgArray(projectIds),
  ));
  return rows.map((row) => ({
    projectId: row.project_id,
    occupationCode: row.occupation_code,
    year: row.year,
    count: row.count,
    monthlySalaryTenge: row.monthly_salary_tenge,
  }));
}

export interface RegionalPlannedJobs {
  regionCode: string;
  occupationCode: string;
  plannedJobs: number;
}

/** Planned jobs per region and occupation of the projects of one region (or all), in one year (or all years). */
export async function plannedJobsByRegion(em: EntityManager, scope: { regionCode: string | null; year: number | null }): Promise<RegionalPlannedJobs[]> {
  const conditions: SqlFragment[] = [];
  if (scope.regionCode !== null) conditions.push(bound('p.region_code = ?', scope.regionCode));
  if (scope.year !== null) conditions.push(bound('j.year = ?', scope.year));
  const rows = await runSql<{ region_code: string; occupation_code: string; planned: number }>(
    em,
    sql(
      `select p.region_code, j.occupation_code, sum(j.count)::int as planned
         from projects.planned_jobs j join projects.investment_project p on p.id = j.project_id
        where `,
      allOf(conditions),
      ' group by p.region_code, j.occupation_code order by j.occupation_code, p.region_code',
    ),
  );
  return rows.map((row) => ({ regionCode: row.region_code, occupationCode: row.occupation_code, plannedJobs: row.planned }));
}
