import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { Connection, PageRequest } from '../../kernel/pagination.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import type { ParsedVacancyFilter } from '../graphql/vacancy-filter.js';
import { keysetCondition, nearestFirst, orderByClause, sortColumns } from './ordering.js';
import { filterConditions, pageConnection, statusIs, type PageRow } from './vacancies.query.js';
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

/**
 * OPEN vacancies within the radius of each area, nearest first, for all areas of a request in
 * one statement: the areas travel as one array parameter and each gets its page and its count
 * in a LATERAL join, so 50 zones cost what 5 do. ST_DWithin on geography uses the GiST index
 * on `location`.
 */
export async function vacanciesNearAreas(
  em: EntityManager,
  request: NearAreasRequest,
  areas: readonly string[],
): Promise<Connection<Vacancy>[]> {
  const within = bound('ST_DWithin(v.location, zone.area, ?, false)', request.radiusMetres);
  const conditions = [statusIs('OPEN'), ...filterConditions(request.filter), within];
  const keyset = keysetCondition(FROM_ZONE_AREA, request.page.after);
  const query = sql(
    `with zone as materialized (
       select z.position::int as position, ST_SetSRID(ST_GeomFromGeoJSON(z.area), 4326)::geography as area
         from unnest(`,
    bound('?::text[]', pgArray(areas)),
    `) with ordinality as z(area, position))
     select zone.position, counted.total, page.* from zone
     cross join lateral (select count(*)::int as total from vacancies.vacancy v where `,
    allOf(conditions),
    `) counted
     left join lateral (select ${VACANCY_COLUMNS}, `,
    sortColumns(FROM_ZONE_AREA),
    ', ST_Distance(v.location, zone.area, false) as distance_m, ST_Distance(v.location, zone.area, false) / 1000.0 as distance_km',
    ' from vacancies.vacancy v where ',
    allOf(keyset ? [...conditions, keyset] : conditions),
    ' order by ',
    orderByClause(FROM_ZONE_AREA),
    bound(' limit ?', request.page.first + 1),
    ') page on true order by zone.position, page.distance_m, page.id',
  );
  const rows = await em.getConnection().execute<(PageRow & { position: number; total: number })[]>(query.sql, query.params);
  const byZone = new Map<number, { total: number; rows: PageRow[] }>();
  for (const row of rows) {
    const zone = byZone.get(row.position) ?? { total: row.total, rows: [] };
    // A zone with no vacancy in reach still has its one row from the LEFT JOIN, with a null id.
    if (row.id !== null) zone.rows.push(row);
    byZone.set(row.position, zone);
  }
  return areas.map((_, index) => {
    const zone = byZone.get(index + 1);
    return pageConnection(zone?.rows ?? [], request.page, zone?.total ?? 0);
  });
}
