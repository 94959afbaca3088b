import { deferredCount, pgArray, type EntityManager } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { BadInput } from '../../kernel/errors.js';
import { nearDistanceKm, nearOrderBy, withinComputedRadius, type ParsedArea } from '../../kernel/geo/area.js';
import { toConnection, type Connection, type CursorKey, type PageRequest } from '../../kernel/pagination.js';
import type { Enterprise } from '../entities/enterprise.entity.js';
import { EnterpriseOrder } from '../graphql/enterprise-filter.js';
import { allOf, sql, type SqlFragment } from '../../kernel/sql.js';
import { ENTERPRISE_COLUMNS, toEnterprise, type EnterpriseRow } from './enterprise-columns.js';

export async function enterprisesByIds(em: EntityManager, ids: readonly string[]): Promise<Enterprise[]> {
  // References from other subgraphs are not validated by GraphQL: a malformed id is simply unknown.
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await em
    .getConnection()
    .execute<EnterpriseRow[]>(`select ${ENTERPRISE_COLUMNS} from enterprises.enterprise e where e.id = any(?::uuid[])`, [pgArray(valid)]);
  return rows.map(toEnterprise);
}

export async function enterprisesByBins(em: EntityManager, bins: readonly string[]): Promise<Enterprise[]> {
  const rows = await em
    .getConnection()
    .execute<EnterpriseRow[]>(`select ${ENTERPRISE_COLUMNS} from enterprises.enterprise e where e.bin = any(?::bpchar[])`, [pgArray(bins)]);
  return rows.map(toEnterprise);
}

interface SortKey {
  expression: SqlFragment;
  descending: boolean;
  type: 'string' | 'number';
}

/**
 * Every order ends with the id in the same direction, so the keyset is one row comparison
 * `(key, id) > (?, ?)` that a b-tree on (key, id) answers directly (a descending order scans it
 * backwards), and pages never overlap.
 */
function sortKeyOf(order: EnterpriseOrder, area: ParsedArea | null): SortKey {
  switch (order) {
    case EnterpriseOrder.NAME:
      return { expression: { sql: 'e.name', params: [] }, descending: false, type: 'string' };
    case EnterpriseOrder.HAZARD_DESC:
      return { expression: { sql: 'e.hazard_rank', params: [] }, descending: true, type: 'number' };
    case EnterpriseOrder.HEADCOUNT_DESC:
      return { expression: { sql: 'e.headcount', params: [] }, descending: true, type: 'number' };
    case EnterpriseOrder.DISTANCE: {
      const knn = nearOrderBy(area, 'e.location');
      if (!knn) throw new BadInput('orderBy', 'DISTANCE needs area.near');
      return { expression: knn, descending: false, type: 'number' };
    }
  }
}

/** The cursor names its order, so a cursor from another order is rejected instead of misread. */
function keysetAfter(order: EnterpriseOrder, sort: SortKey, after: CursorKey | null): SqlFragment | null {
  if (!after) return null;
  const [cursorOrder, value, id] = after;
  if (after.length !== 3 || cursorOrder !== order || typeof value !== sort.type || typeof id !== 'string' || !isUuid(id)) {
    throw new BadInput('after', `is not a cursor of this connection ordered by ${order}`);
  }
  return {
    sql: `(${sort.expression.sql}, e.id) ${sort.descending ? '<' : '>'} (?, ?::uuid)`,
    params: [...sort.expression.params, value, id],
  };
}

function orderByClause(sort: SortKey): SqlFragment {
  const direction = sort.descending ? 'desc' : 'asc';
  return { sql: `${sort.expression.sql} ${direction}, e.id ${direction}`, params: sort.expression.params };
}

export interface EnterpriseSearch {
  area: ParsedArea | null;
  /** The area's predicate, from the kernel (none for "everywhere"). */
  areaConditions: SqlFragment[];
  /** The filter's predicates, already validated. */
  filterConditions: SqlFragment[];
  order: EnterpriseOrder;
  page: PageRequest;
}

type RankedRow = EnterpriseRow & { sort_key: string | number; distance_km: number | null };

/** Checks the order and cursor before any SQL is sent. */
export function validateSearch(search: Pick<EnterpriseSearch, 'area' | 'order' | 'page'>): void {
  keysetAfter(search.order, sortKeyOf(search.order, search.area), search.page.after);
}

/**
 * How far the page reaches, for DISTANCE: the distance of the (first + 1)-th nearest row after
 * the cursor, as a scalar subquery of the page statement. Ordered by `<->` alone (no radius, no
 * id) the planner walks the GiST index nearest first (KNN) and stops after first + 1 rows; with
 * the radius predicate or a tie-breaker in the same scan it would instead fetch every row in the
 * circle and sort them.
 */
function distanceHorizon(sort: SortKey, filter: SqlFragment, limit: number): SqlFragment {
  return {
    sql: `select max(distance) from (
            select ${sort.expression.sql} as distance from enterprises.enterprise e
             where ${filter.sql}
             order by ${sort.expression.sql}
             limit ?) nearest`,
    params: [...sort.expression.params, ...filter.params, ...sort.expression.params, limit],
  };
}

/**
 * One page and the total. DISTANCE pages read only the rows within the page's horizon
 * (`distanceHorizon`, in the same statement) — a handful, through the GiST index — and order them
 * by distance and id; every other order is one keyset statement on its b-tree. The cursor holds
 * the sort value and the id, so rows inserted meanwhile shift no page boundary.
 */
export async function searchEnterprises(em: EntityManager, search: EnterpriseSearch): Promise<Connection<Enterprise>> {
  const sort = sortKeyOf(search.order, search.area);
  const keyset = keysetAfter(search.order, sort, search.page.after);
  const afterCursor = keyset ? [keyset] : [];
  const limit = search.page.first + 1;
  const connection = em.getConnection();

  const pageRows = async (): Promise<RankedRow[]> => {
    const conditions = [...search.areaConditions, ...search.filterConditions, ...afterCursor];
    if (search.area?.kind === 'near' && search.order === EnterpriseOrder.DISTANCE) {
      const horizon = distanceHorizon(sort, allOf([...search.filterConditions, ...afterCursor]), limit);
      conditions.push(withinComputedRadius(search.area.point, 'e.location', horizon));
    }
    const where = allOf(conditions);
    const order = orderByClause(sort);
    const distance = nearDistanceKm(search.area, 'e.location') ?? { sql: 'null::float8', params: [] };
    return connection.execute<RankedRow[]>(
      `select ${ENTERPRISE_COLUMNS}, ${sort.expression.sql} as sort_key, ${distance.sql} as distance_km
         from enterprises.enterprise e
        where ${where.sql}
        order by ${order.sql}
        limit ?`,
      [...sort.expression.params, ...distance.params, ...where.params, ...order.params, limit],
    );
  };
  const count = deferredCount(em, sql('from enterprises.enterprise e where ', allOf([...search.areaConditions, ...search.filterConditions])));
  return toConnection(await pageRows(), search.page, count, (row) => ({
    node: toEnterprise(row),
    key: [search.order, row.sort_key, row.id],
    distanceKm: row.distance_km,
  }));
}

/** `id` is null on the row of a region that has no enterprise on the page. */
type RegionPageRow = { region_key: string; total: number } & (EnterpriseRow | { id: null });

/**
 * `Region.enterprises` for every region of a response in one statement: per region (LATERAL)
 * its count and its page, each an index range on (region_code, name, id) — no window over all
 * of a region's rows. A region without rows on the page still sends one row, for its total.
 */
export async function enterprisesOfRegions(
  em: EntityManager,
  regionCodes: readonly string[],
  conditions: SqlFragment[],
  page: PageRequest,
): Promise<Map<string, Connection<Enterprise>>> {
  const keyset = keysetAfter(EnterpriseOrder.NAME, sortKeyOf(EnterpriseOrder.NAME, null), page.after);
  const filter = allOf(conditions);
  const pageFilter = allOf(keyset ? [...conditions, keyset] : conditions);
  const rows = await em.getConnection().execute<RegionPageRow[]>(
    `select region.code as region_key, counted.total, listed.*
       from unnest(?::text[]) as region(code)
      cross join lateral (
            select count(*)::int as total from enterprises.enterprise e where e.region_code = region.code and ${filter.sql}) counted
       left join lateral (
            select ${ENTERPRISE_COLUMNS} from enterprises.enterprise e
             where e.region_code = region.code and ${pageFilter.sql}
             order by e.name, e.id
             limit ?) listed on true`,
    [pgArray(regionCodes), ...filter.params, ...pageFilter.params, page.first + 1],
  );
  const rowsByRegion = new Map<string, EnterpriseRow[]>(regionCodes.map((code) => [code, []]));
  const totals = new Map<string, number>();
  for (const row of rows) {
    totals.set(row.region_key, row.total);
    if (row.id !== null) rowsByRegion.get(row.region_key)?.push(row);
  }
  return new Map(
    regionCodes.map((code) => [
      code,
      toConnection(rowsByRegion.get(code) ?? [], page, totals.get(code) ?? 0, (row) => ({
        node: toEnterprise(row),
        key: [EnterpriseOrder.NAME, row.name, row.id],
      })),
    ]),
  );
}
