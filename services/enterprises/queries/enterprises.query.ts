import { deferredCount, pgArray, type EntityManager } from '../../kernel/db.js';
import { isUuid } from '../../kernel/ids.js';
import { BadInput } from '../../kernel/errors.js';
import { boxCentreOrderBy, nearDistanceKm, nearOrderBy, withinComputedBoxDistance, withinComputedRadius, type ParsedArea } from '../../kernel/geo/area.js';
import { boxCountStatement } from '../../kernel/tiles/cells.js';
import { cursorKeyOf, cursorValues, keysetCondition, keysetOrder, orderByClause, sortColumns, sortKey, type KeysetOrder, type SortedRow } from '../../kernel/keyset.js';
import { toConnection, type Connection, type PageRequest } from '../../kernel/pagination.js';
import type { Enterprise } from '../entities/enterprise.entity.js';
import { EnterpriseOrder } from '../graphql/enterprise-filter.js';
import { allOf, bound, runSql, sql, type SqlFragment } from '../../kernel/sql.js';
import { ENTERPRISE_COLUMNS, toEnterprise, type EnterpriseRow } from './enterprise-rows.js';

export async function enterprisesByIds(em: EntityManager, ids: readonly string[]): Promise<Enterprise[]> {
  // References from other subgraphs are not validated by GraphQL: a malformed id is simply unknown.
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return [];
  const rows = await runSql<EnterpriseRow>(em, bound(`select ${ENTERPRISE_COLUMNS} from enterprises.enterprise e where e.id = any(?::uuid[])`, pgArray(valid)));
  return rows.map(toEnterprise);
}

export async function enterprisesByBins(em: EntityManager, bins: readonly string[]): Promise<Enterprise[]> {
  const rows = await runSql<EnterpriseRow>(em, bound(`select ${ENTERPRISE_COLUMNS} from enterprises.enterprise e where e.bin = any(?::bpchar[])`, pgArray(bins)));
  return rows.map(toEnterprise);
}

const ID_KEY = sortKey('e.id', 'uuid');
const BY_NAME = keysetOrder(EnterpriseOrder.NAME, 'asc', [sortKey('e.name', 'text'), ID_KEY]);

/**
 * Every order ends with the id in the same direction, so the keyset is one row comparison
 * `(key, id) > (?, ?)` that a b-tree on (key, id) answers directly (a descending order scans it
 * backwards), and pages never overlap (kernel/keyset.ts).
 */
export function enterpriseOrder(order: EnterpriseOrder, area: ParsedArea | null): KeysetOrder {
  switch (order) {
    case EnterpriseOrder.NAME:
      return BY_NAME;
    case EnterpriseOrder.HAZARD_DESC:
      return keysetOrder(order, 'desc', [sortKey('e.hazard_rank', 'int'), ID_KEY]);
    case EnterpriseOrder.HEADCOUNT_DESC:
      return keysetOrder(order, 'desc', [sortKey('e.headcount', 'int'), ID_KEY]);
    case EnterpriseOrder.DISTANCE: {
      const knn = nearOrderBy(area, 'e.location') ?? boxCentreOrderBy(area, 'e.location');
      if (!knn) throw new BadInput('orderBy', 'DISTANCE needs area.near or area.bbox');
      return keysetOrder(order, 'asc', [sortKey(knn, 'float8'), ID_KEY]);
    }
  }
}

export interface EnterpriseSearch {
  area: ParsedArea | null;
  /** The area's predicate, from the kernel (none for "everywhere"). */
  areaConditions: SqlFragment[];
  /** The filter's predicates, already validated. */
  filterConditions: SqlFragment[];
  /** The same filter on `enterprises.enterprise_cell c`, or null when the cells cannot answer it (enterpriseCellConditions). */
  cellConditions: SqlFragment[] | null;
  /** From `enterpriseOrder`, computed once. */
  order: KeysetOrder;
  page: PageRequest;
}

type RankedRow = EnterpriseRow & SortedRow & { distance_km: number | null };

/** Checks the cursor against the order before any SQL is sent. */
export function validateSearch(search: Pick<EnterpriseSearch, 'order' | 'page'>): void {
  cursorValues(search.order, search.page.after);
}

/**
 * How far the page reaches, for DISTANCE: the distance of the (first + 1)-th nearest row after
 * the cursor, as a scalar subquery of the page statement. Ordered by `<->` alone (no radius, no
 * id) the planner walks the GiST index nearest first (KNN) and stops after first + 1 rows; with
 * the radius predicate or a tie-breaker in the same scan it would instead fetch every row in the
 * circle and sort them.
 */
function distanceHorizon(distance: SqlFragment, filter: SqlFragment, limit: number): SqlFragment {
  return sql(
    'select max(distance) from (select ',
    distance,
    ' as distance from enterprises.enterprise e where ',
    filter,
    ' order by ',
    distance,
    bound(' limit ?) nearest', limit),
  );
}

/**
 * One page and the total. DISTANCE pages read only the rows within the page's horizon
 * (`distanceHorizon`, in the same statement) — a handful, through the GiST index — and order them
 * by distance and id; every other order is one keyset statement on its b-tree. The cursor holds
 * the sort value and the id, so rows inserted meanwhile shift no page boundary.
 */
export async function searchEnterprises(em: EntityManager, search: EnterpriseSearch): Promise<Connection<Enterprise>> {
  const keyset = keysetCondition(search.order, search.page.after);
  const afterCursor = keyset ? [keyset] : [];
  const limit = search.page.first + 1;

  const pageRows = async (): Promise<RankedRow[]> => {
    const conditions = [...search.areaConditions, ...search.filterConditions, ...afterCursor];
    if (search.area?.kind === 'near' && search.order.name === EnterpriseOrder.DISTANCE) {
      const horizon = distanceHorizon(search.order.keys[0]!.expression, allOf([...search.filterConditions, ...afterCursor]), limit);
      conditions.push(withinComputedRadius(search.area.point, 'e.location', horizon));
    }
    // A viewport's horizon walks the box's rows nearest its centre: the box itself bounds it.
    if (search.area?.kind === 'bbox' && search.order.name === EnterpriseOrder.DISTANCE) {
      const horizon = distanceHorizon(search.order.keys[0]!.expression, allOf(conditions), limit);
      conditions.push(withinComputedBoxDistance(search.area, 'e.location', horizon));
    }
    const query = sql(
      `select ${ENTERPRISE_COLUMNS}, `,
      sortColumns(search.order),
      ', ',
      nearDistanceKm(search.area, 'e.location') ?? bound('null::float8'),
      ' as distance_km from enterprises.enterprise e where ',
      allOf(conditions),
      ' order by ',
      orderByClause(search.order),
      bound(' limit ?', limit),
    );
    return runSql<RankedRow>(em, query);
  };
  const count =
    search.area?.kind === 'bbox' && search.cellConditions
      ? boxCount(em, search.area, search.filterConditions, search.cellConditions)
      : deferredCount(em, sql('from enterprises.enterprise e where ', allOf([...search.areaConditions, ...search.filterConditions])));
  return toConnection(await pageRows(), search.page, count, (row) => ({
    node: toEnterprise(row),
    key: cursorKeyOf(search.order, row),
    distanceKm: row.distance_km,
  }));
}

/** A viewport's total from the cell aggregate: whole cells summed, the box's edge rows counted (kernel/tiles/cells.ts). */
function boxCount(em: EntityManager, box: ParsedArea & { kind: 'bbox' }, filterConditions: SqlFragment[], cellConditions: SqlFragment[]): () => Promise<number> {
  return async () => {
    const statement = boxCountStatement(
      { cells: 'enterprises.enterprise_cell', conditions: cellConditions },
      { from: 'enterprises.enterprise e', location: 'e.location', conditions: filterConditions },
      box,
    );
    const [row] = await runSql<{ total: number }>(em, statement);
    return row?.total ?? 0;
  };
}

/** `id` is null on the row of a region that has no enterprise on the page. */
type RegionPageRow = { region_key: string; total: number } & ((EnterpriseRow & SortedRow) | { id: null });

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
  const keyset = keysetCondition(BY_NAME, page.after);
  const query = sql(
    'select region.code as region_key, counted.total, listed.* from unnest(',
    bound('?::text[]', pgArray(regionCodes)),
    ') as region(code) cross join lateral (select count(*)::int as total from enterprises.enterprise e where e.region_code = region.code and ',
    allOf(conditions),
    `) counted left join lateral (select ${ENTERPRISE_COLUMNS}, `,
    sortColumns(BY_NAME),
    ' from enterprises.enterprise e where e.region_code = region.code and ',
    allOf(keyset ? [...conditions, keyset] : conditions),
    ' order by ',
    orderByClause(BY_NAME),
    bound(' limit ?) listed on true', page.first + 1),
  );
  const rows = await runSql<RegionPageRow>(em, query);
  const rowsByRegion = new Map<string, (EnterpriseRow & SortedRow)[]>(regionCodes.map((code) => [code, []]));
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
        key: cursorKeyOf(BY_NAME, row),
      })),
    ]),
  );
}
