import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { PageRequest } from '../../kernel/pagination.js';
import type { ParsedVacancyFilter } from '../graphql/vacancy-filter.js';
import { keysetCondition, nearestFirst, orderByClause, sortColumns } from './ordering.js';
import { filterConditions, statusIs, type PageRow } from './vacancies.query.js';
import { allOf, bound, sql } from '../../kernel/sql.js';
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
const FROM_ZONE_AREA = nearestFirst(bound('ST_Distance(v.location, zone.area, false)'));

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

/** OPEN vacancies matching the filter within the radius of `zone.area`; ST_DWithin on geography uses the GiST index. */
function nearAreaConditions(request: Omit<NearAreasRequest, 'page'>) {
  return [statusIs('OPEN'), ...filterConditions(request.filter), bound('ST_DWithin(v.location, zone.area, ?, false)', request.radiusMetres)];
}

/**
 * The page of each area, nearest first, for all areas of a request in one statement: each area
 * gets its page in a LATERAL join, so 50 zones cost what 5 do.
 */
export async function vacancyPagesNearAreas(em: EntityManager, request: NearAreasRequest, areas: readonly string[]): Promise<PageRow[][]> {
  const conditions = nearAreaConditions(request);
  const keyset = keysetCondition(FROM_ZONE_AREA, request.page.after);
  const query = sql(
    zoneAreas(areas),
    ` select zone.position, page.* from zone
     join lateral (select ${VACANCY_COLUMNS}, `,
    sortColumns(FROM_ZONE_AREA),
    ', ST_Distance(v.location, zone.area, false) as distance_m, ST_Distance(v.location, zone.area, false) / 1000.0 as distance_km',
    ' from vacancies.vacancy v where ',
    allOf(keyset ? [...conditions, keyset] : conditions),
    ' order by ',
    orderByClause(FROM_ZONE_AREA),
    bound(' limit ?', request.page.first + 1),
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
