import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { PageRequest } from '../../kernel/pagination.js';
import type { ParsedVacancyFilter } from '../graphql/vacancy-filter.js';
import { keysetCondition, orderByClause, sortColumns } from '../../kernel/keyset.js';
import { nearestFirst } from './vacancy-orders.js';
import { vacancyFilterConditions, statusIs, type PageRow } from './vacancies.query.js';
import { allOf, bound, sql, type SqlFragment } from '../../kernel/sql.js';
import { VACANCY_COLUMNS } from './vacancy-rows.js';

export interface NearAreasRequest {
  radiusMetres: number;
  filter: ParsedVacancyFilter;
  page: PageRequest;
}

/**
 * Distance from the zone's area (zero inside it), on the sphere like every other distance of
 * the API; `zone.area` is the lateral row of the statement below.
 */
export const FROM_ZONE_AREA = nearestFirst('ZONE_DISTANCE', bound('ST_Distance(v.location, zone.area, false)'));

/** The areas of a request as rows `zone(position, area)`, in one array parameter. */
function zoneAreas(areas: readonly string[]) {
  return sql(
    `with zone as materialized (
       select z.position::int as position, ST_SetSRID(ST_GeomFromGeoJSON(z.area), 4326)::geography as area
         from unnest(`,
    bound('?::text[]', pgArray(areas)),
    `) with ordinality as z(area, position))`,
  );
}

/** Within the radius of `zone.area`; ST_DWithin on geography uses the GiST index. */
function withinRadius(radiusMetres: number) {
  return bound('ST_DWithin(v.location, zone.area, ?, false)', radiusMetres);
}

/** OPEN vacancies matching the filter. */
function openMatching(filter: ParsedVacancyFilter) {
  return [statusIs('OPEN'), ...vacancyFilterConditions(filter)];
}

/** OPEN vacancies matching the filter within the radius of `zone.area`. */
function nearAreaConditions(request: Omit<NearAreasRequest, 'page'>) {
  return [...openMatching(request.filter), withinRadius(request.radiusMetres)];
}

/**
 * How far each area's page reaches: the largest distance among `limit` matching vacancies taken
 * nearest first by `<->` alone (no radius, no tie-breaker), so the planner walks the partial GiST
 * index in KNN order and stops after `limit` rows. Any `limit` rows bound the `limit`-th smallest
 * distance from above, so the page below, which reads only what lies within this horizon, stays
 * exact — it just no longer fetches and sorts every vacancy of a city within the radius.
 */
function pageHorizons(filter: SqlFragment, limit: number) {
  return sql(
    ' cross join lateral (select max(ST_Distance(nearest.location, zone.area, false)) as metres',
    ' from (select v.location from vacancies.vacancy v where ',
    filter,
    bound(' order by v.location <-> zone.area limit ?', limit),
    ') nearest) horizon',
  );
}

/**
 * The page of each area, nearest first, for all areas of a request in one statement: each area
 * gets its horizon and its page in LATERAL joins, so 50 zones cost what 5 do.
 */
export async function vacancyPagesNearAreas(em: EntityManager, request: NearAreasRequest, areas: readonly string[]): Promise<PageRow[][]> {
  const keyset = keysetCondition(FROM_ZONE_AREA, request.page.after);
  const afterCursor = keyset ? [keyset] : [];
  const limit = request.page.first + 1;
  const matching = [...openMatching(request.filter), ...afterCursor];
  const query = sql(
    zoneAreas(areas),
    ' select zone.position, page.* from zone',
    pageHorizons(allOf(matching), limit),
    ` join lateral (select ${VACANCY_COLUMNS}, `,
    sortColumns(FROM_ZONE_AREA),
    ', ST_Distance(v.location, zone.area, false) as distance_m, ST_Distance(v.location, zone.area, false) / 1000.0 as distance_km',
    ' from vacancies.vacancy v where ',
    allOf([...matching, withinRadius(request.radiusMetres), bound('ST_DWithin(v.location, zone.area, horizon.metres + 0.01, false)')]),
    ' order by ',
    orderByClause(FROM_ZONE_AREA),
    bound(' limit ?', limit),
    ') page on true order by zone.position, page.distance_m, page.id',
  );
  const rows = await em.getConnection().execute<(PageRow & { position: number })[]>(query.sql, query.params);
  const pages = areas.map((): PageRow[] => []);
  for (const row of rows) pages[row.position - 1]!.push(row);
  return pages;
}

/**
 * How many vacancies each area has in reach, in one statement: asked only when a client selects
 * `totalCount` (counting every vacancy within 30 km of a city costs more than its first page).
 */
export async function vacancyCountsNearAreas(em: EntityManager, request: Omit<NearAreasRequest, 'page'>, areas: readonly string[]): Promise<number[]> {
  const query = sql(
    zoneAreas(areas),
    ' select zone.position, counted.total from zone cross join lateral (select count(*)::int as total from vacancies.vacancy v where ',
    allOf(nearAreaConditions(request)),
    ') counted order by zone.position',
  );
  const rows = await em.getConnection().execute<{ position: number; total: number }[]>(query.sql, query.params);
  return rows.map((row) => row.total);
}
