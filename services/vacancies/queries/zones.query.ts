import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { PageRequest } from '../../kernel/pagination.js';
import type { ParsedVacancyFilter } from '../graphql/vacancy-filter.js';
import { keysetCondition, orderByClause, sortColumns } from '../../kernel/keyset.js';
import { nearestFirst } from './vacancy-orders.js';
import { vacancyFilterConditions, statusIs, type PageRow } from './vacancies.query.js';
import { allOf, bound, runSql, sql, type SqlFragment } from '../../kernel/sql.js';
import { VACANCY_COLUMNS } from './vacancy-rows.js';

export interface NearAreasRequest {
  radiusMetres: number;
  filter: ParsedVacancyFilter;
  page: PageRequest;
}

/**
 * Nearest the zone's area first (zero inside it), then nearest its centre (the centroid of the
 * area), then by id: the second key orders the many vacancies inside the area, so a page is a
 * KNN walk from the centre, not a sort of everything inside (docs/architecture.md §8). Both
 * distances are `<->` on geography: on the sphere like every distance of the API, and the very
 * value the GiST index orders by. `zone` is the lateral row of the statement below.
 */
const FROM_AREA = bound('(v.location <-> zone.area)');
const FROM_CENTRE = bound('(v.location <-> zone.centre)');
export const FROM_ZONE_AREA = nearestFirst('ZONE_AREA_CENTRE', FROM_AREA, FROM_CENTRE);

/**
 * The areas of a request as rows `zone(position, area, centre, reach)`, in one array parameter;
 * `reach` bounds the distance from the centre to any point of the area from above: the farthest
 * vertex (a small area's farthest point is one of its vertices), with a margin for rounding.
 */
function zoneAreas(areas: readonly string[]) {
  // Materialized step by step: each area is parsed and its centroid computed once, not once per vertex.
  return sql(
    `with shape as materialized (
       select z.position::int as position, ST_SetSRID(ST_GeomFromGeoJSON(z.area), 4326) as geom
         from unnest(`,
    bound('?::text[]', pgArray(areas)),
    `) with ordinality as z(area, position)),
     middle as materialized (select shape.*, ST_Centroid(shape.geom)::geography as centre from shape),
     zone as materialized (
       select middle.position, middle.geom::geography as area, middle.centre,
              (select max(ST_Distance(middle.centre, corner.geom::geography, false)) from ST_DumpPoints(middle.geom) corner) * 1.001 + 1 as reach
         from middle)`,
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

/** One half of a zone's page: the rows meeting `conditions`, walked nearest `from` first. */
interface Walk {
  /** `zone.centre` inside the area, `zone.area` outside it. */
  from: SqlFragment;
  /** No row meeting `conditions` is farther than this from `from`: where the walk may stop. */
  stop: SqlFragment;
  conditions: SqlFragment[];
}

/**
 * The first `limit` rows of `walk` in the zone order, in two index reads. First a KNN walk of the
 * partial GiST index from `walk.from`, ordered by `<->` alone (so the planner cannot choose a
 * bitmap scan and a sort), for the `limit`-th nearest match: its distance is the horizon. A row
 * beyond `walk.stop` also ends the walk, so a zone with fewer matches reads only its own
 * neighbourhood, not the whole table. Then the page itself is read within the horizon and
 * sorted: about `limit` rows (plus any tied at the horizon), however many vacancies the zone holds.
 */
function nearestOf(walk: Walk, limit: number, columns: SqlFragment) {
  const matching = allOf(walk.conditions);
  return sql(
    'select page.* from (select max(walk.metres) as metres from (select ',
    sql('v.location <-> ', walk.from),
    ' as metres from vacancies.vacancy v where ',
    allOf([statusIs('OPEN'), sql('(v.location <-> ', walk.from, ') > ', walk.stop, ' or (', matching, ')')]),
    sql(' order by v.location <-> ', walk.from),
    bound(' limit ?', limit),
    ') walk where walk.metres <= ',
    walk.stop,
    ') horizon cross join lateral (select ',
    columns,
    ' from vacancies.vacancy v where ',
    allOf([...walk.conditions, sql('ST_DWithin(v.location, ', walk.from, ', horizon.metres + 0.01, false)')]),
    ' order by ',
    orderByClause(FROM_ZONE_AREA),
    bound(' limit ?', limit),
    ') page',
  );
}

/**
 * The page of each area in the zone order, for all areas of a request in one statement (LATERAL
 * per area, so 50 zones cost what 5 do). Inside the area every distance is zero, so the page
 * starts with the inside walk from the centre; the outside walk from the area runs only when
 * the inside holds fewer than a page (the gate below is a one-time filter per zone).
 */
export async function vacancyPagesNearAreas(em: EntityManager, request: NearAreasRequest, areas: readonly string[]): Promise<PageRow[][]> {
  const keyset = keysetCondition(FROM_ZONE_AREA, request.page.after);
  const afterCursor = keyset ? [keyset] : [];
  const limit = request.page.first + 1;
  const matching = openMatching(request.filter);
  const columns = sql(
    `${VACANCY_COLUMNS}, `,
    sortColumns(FROM_ZONE_AREA),
    ', ',
    FROM_AREA,
    ' as distance_m, ',
    FROM_CENTRE,
    ' as centre_m, ',
    FROM_AREA,
    ' / 1000.0 as distance_km',
  );
  const inside = nearestOf({ from: bound('zone.centre'), stop: bound('zone.reach'), conditions: [...matching, sql(FROM_AREA, ' = 0'), ...afterCursor] }, limit, columns);
  const outside = nearestOf(
    {
      from: bound('zone.area'),
      stop: bound('?::float8', request.radiusMetres + 1),
      conditions: [...matching, sql(FROM_AREA, ' > 0'), withinRadius(request.radiusMetres), ...afterCursor],
    },
    limit,
    columns,
  );
  const query = sql(
    zoneAreas(areas),
    ' select zone.position, page.* from zone cross join lateral (with inside as materialized (',
    inside,
    '), outside as (',
    outside,
    bound(' where (select count(*) from inside) < ?)', limit),
    ' select * from inside union all select * from outside order by distance_m, centre_m, id',
    bound(' limit ?', limit),
    ') page order by zone.position, page.distance_m, page.centre_m, page.id',
  );
  const rows = await runSql<(PageRow & { position: number })>(em, query);
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
  const rows = await runSql<{ position: number; total: number }>(em, query);
  return rows.map((row) => row.total);
}
