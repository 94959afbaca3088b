import { deferredCount, pgArray, type EntityManager } from '../../kernel/db.js';
import { BadInput } from '../../kernel/errors.js';
import { areaCondition, nearDistanceKm, nearOrderBy, type ParsedArea } from '../../kernel/geo/area.js';
import { isUuid } from '../../kernel/ids.js';
import { toConnection, type Connection, type CursorKey, type PageRequest } from '../../kernel/pagination.js';
import { allOf, bound, sql, type SqlFragment } from '../../kernel/sql.js';
import type { InvestmentProject } from '../entities/investment-project.entity.js';
import type { PlannedJobs } from '../entities/planned-jobs.js';
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

interface SortKey {
  expression: SqlFragment;
  descending: boolean;
  /** The Postgres type the cursor's text form is cast back to. */
  type: 'int8' | 'int' | 'text' | 'float8';
}

/** Every order ends with the id in the same direction: one row comparison continues after a cursor. */
function sortKeyOf(order: InvestmentProjectOrder, area: ParsedArea | null): SortKey {
  switch (order) {
    case InvestmentProjectOrder.INVESTMENT_DESC:
      return { expression: bound('p.investment_tenge'), descending: true, type: 'int8' };
    case InvestmentProjectOrder.PLANNED_JOBS_DESC:
      return { expression: bound('p.planned_jobs_total'), descending: true, type: 'int' };
    case InvestmentProjectOrder.NAME:
      return { expression: bound('p.name'), descending: false, type: 'text' };
    case InvestmentProjectOrder.DISTANCE: {
      const knn = nearOrderBy(area, 'p.location');
      if (!knn) throw new BadInput('orderBy', 'DISTANCE needs area.near');
      return { expression: knn, descending: false, type: 'float8' };
    }
  }
}

/** The cursor names its order and holds the sort value as Postgres text (exact for bigint and float8). */
function keysetAfter(order: InvestmentProjectOrder, sort: SortKey, after: CursorKey | null): SqlFragment | null {
  if (!after) return null;
  const [cursorOrder, value, id] = after;
  if (after.length !== 3 || cursorOrder !== order || typeof value !== 'string' || typeof id !== 'string' || !isUuid(id)) {
    throw new BadInput('after', `is not a cursor of investmentProjects ordered by ${order}`);
  }
  if (sort.type !== 'text' && !Number.isFinite(Number(value))) throw new BadInput('after', 'is not a cursor of investmentProjects');
  return sql('(', sort.expression, `, p.id) ${sort.descending ? '<' : '>'} (`, bound(`?::${sort.type}`, value), ', ', bound('?::uuid', id), ')');
}

export function filterConditions(area: ParsedArea | null, filter: ProjectFilter): SqlFragment[] {
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
  keysetAfter(search.order, sortKeyOf(search.order, search.area), search.page.after);
}

type RankedRow = ProjectRow & { sort_key: string; distance_km: number | null };

/**
 * One page (one statement) and, only when `totalCount` is read, its count. There are 755
 * projects, so a DISTANCE page orders the matching rows by the KNN operator without the horizon
 * trick the million-row enterprise search needs.
 */
export async function searchProjects(em: EntityManager, search: ProjectSearch): Promise<Connection<InvestmentProject>> {
  const sort = sortKeyOf(search.order, search.area);
  const keyset = keysetAfter(search.order, sort, search.page.after);
  const conditions = filterConditions(search.area, search.filter);
  const where = allOf(keyset ? [...conditions, keyset] : conditions);
  const direction = sort.descending ? 'desc' : 'asc';
  const distance = nearDistanceKm(search.area, 'p.location') ?? bound('null::float8');
  const statement = sql(
    `select ${PROJECT_COLUMNS}, (`,
    sort.expression,
    ')::text as sort_key, ',
    distance,
    ' as distance_km from projects.investment_project p where ',
    where,
    ' order by ',
    sort.expression,
    ` ${direction}, p.id ${direction} limit `,
    bound('?', search.page.first + 1),
  );
  const rows = await em.getConnection().execute<RankedRow[]>(statement.sql, statement.params);
  const count = deferredCount(em, sql('from projects.investment_project p where ', allOf(conditions)));
  return toConnection(rows, search.page, count, (row) => ({
    node: toProject(row),
    key: [search.order, row.sort_key, row.id],
    distanceKm: row.distance_km,
  }));
}

export async function projectsByIds(em: EntityManager, ids: readonly string[]): Promise<InvestmentProject[]> {
  // References from other subgraphs are not validated by GraphQL: a malformed id is simply unknown.
  const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
  if (valid.length === 0) return [];
  const rows = await em
    .getConnection()
    .execute<ProjectRow[]>(`select ${PROJECT_COLUMNS} from projects.investment_project p where p.id = any(?::uuid[])`, [pgArray(valid)]);
  return rows.map(toProject);
}

/** Planned jobs of many projects in one statement, by occupation then year. */
export async function plannedJobsOfProjects(em: EntityManager, projectIds: readonly string[]): Promise<(PlannedJobs & { projectId: string })[]> {
  const rows = await em.getConnection().execute<
    { project_id: string; occupation_code: string; year: number; count: number; monthly_salary_tenge: number }[]
  >(
    `select project_id, occupation_code, year, count, monthly_salary_tenge
       from projects.planned_jobs where project_id = any(?::uuid[])
      order by project_id, occupation_code, year`,
    [pgArray(projectIds)],
  );
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
  const rows = await em.getConnection().execute<{ region_code: string; occupation_code: string; planned: number }[]>(
    `select p.region_code, j.occupation_code, sum(j.count)::int as planned
       from projects.planned_jobs j join projects.investment_project p on p.id = j.project_id
      where (?::text is null or p.region_code = ?) and (?::int is null or j.year = ?)
      group by p.region_code, j.occupation_code
      order by j.occupation_code, p.region_code`,
    [scope.regionCode, scope.regionCode, scope.year, scope.year],
  );
  return rows.map((row) => ({ regionCode: row.region_code, occupationCode: row.occupation_code, plannedJobs: row.planned }));
}
