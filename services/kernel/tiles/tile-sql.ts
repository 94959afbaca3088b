import { allOf, bound, sql, type SqlFragment } from '../sql.js';
import { tileBounds, toLonLat, type MercatorBounds, type TileAddress } from './grid.js';
import type { CellTileSource, FineCellSource } from './cells.js';
import { tileCellKey, tileKeyCondition, tileKeyMean } from './tile-key.js';
import { TILE_EXTENT } from './mvt.js';

/**
 * The spatial half of a tile, in SQL with bound parameters, for both databases: select the rows
 * of one tile (points by their tile key, tile-key.ts; polygons through their spatial index), and
 * group points by a grid cell of the tile.
 * What ST_AsMVTGeom would do for polygons (clip with a buffer, simplify, snap to the tile's
 * integer grid) is done here with ST_ClipByBox2D / ST_Simplify / ST_TransScale / ST_SnapToGrid,
 * which PGlite's PostGIS has; only the protobuf is written in JavaScript (mvt.ts).
 */

/** A geographic box around the tile and its buffer for the GiST index, a hair larger: the clip is planar in 3857. */
function indexBox(bounds: MercatorBounds, marginUnits: number): [number, number, number, number] {
  const margin = (bounds.size / TILE_EXTENT) * marginUnits;
  const [west, south] = toLonLat(bounds.xmin - margin, bounds.ymin - margin);
  const [east, north] = toLonLat(bounds.xmax + margin, bounds.ymax + margin);
  const hair = 1e-7;
  return [west - hair, south - hair, east + hair, north + hair];
}

export interface PointTileSource {
  /** `schema.table alias`, e.g. `enterprises.enterprise e`; the table has a tile key (tile-key.ts). */
  from: string;
  /** The geography(Point) column, e.g. `e.location`, with a GiST index on `(location::geometry)` (the cell aggregate's lookups). */
  location: string;
  /**
   * The alias's columns `aggregates` and `singles` read: a tile's rows carry only these, and the
   * tile-key index includes them and the filter's columns, so the tile reads no heap pages.
   */
  columns: string[];
  /** The primary key: with no grid, every row is its own group. */
  key: string;
  /**
   * The encoded size of a lone row's feature, estimated in SQL over the alias (its strings plus
   * a fixed part; docs/architecture.md, "Map tiles"): with CLUSTER_FEATURE_BYTES it lets a dense
   * tile choose, in the same statement, the first grid whose tile stays under the byte limit.
   */
  singleBytes: string;
  conditions: SqlFragment[];
  /** Aggregates every feature carries (a cluster's summary; a single point's own values), aliased, comma-separated; none if null. */
  aggregates: SqlFragment | null;
  /**
   * A single point's own columns, aliased, under an aggregate (min, bool_or) so the grouped
   * statement can return them; the caller reads them only where count = 1.
   */
  singles: SqlFragment;
  /** The layer's maintained per-cell aggregate (cells.ts), which answers clustered tiles when the filter allows. */
  cells?: CellTileSource;
  /** The layer's fine aggregate (cells.ts), which answers dense city and street tiles; absent when the filter is one it does not count. */
  fineCells?: FineCellSource;
}

/** What a point tile may hold: fewer groups than `features`, at most `bytes` encoded (estimated). */
export interface TileLimits {
  features: number;
  bytes: number;
}

/** A group of several points encodes to about this many bytes (position, count, cluster flag, a class and a sum). */
export const CLUSTER_FEATURE_BYTES = 24;

export interface PointGroupRow {
  count: number;
  /** Mean position of the group in EPSG:3857: inside its grid cell, so inside its own tile. */
  mx: number;
  my: number;
  [column: string]: unknown;
}

/** The source's rows in the tile that pass its filter, over its alias: the tile-key range and the conditions. */
export function tileRowsCondition(source: Pick<PointTileSource, 'from' | 'conditions'>, tile: TileAddress): SqlFragment {
  return allOf([tileKeyCondition(sourceAlias(source), tile), ...source.conditions]);
}

/** The alias a source's rows are read under: the last word of `from` (`enterprises.enterprise e` → `e`). */
export function sourceAlias(source: Pick<PointTileSource, 'from'>): string {
  return source.from.trim().split(/\s+/).at(-1)!;
}

/**
 * One row per group of the tile's points: per grid cell (`cellsPerSide` cells along each edge of
 * the tile), or per row when `cellsPerSide` is null. A point belongs to the tile whose key range
 * holds its tile key (tile-key.ts), so neighbouring tiles never both count it.
 *
 * `grids` are tried in order, in one statement: the first whose groups number fewer than
 * `limits.features` and whose estimated encoding (`singleBytes` per lone row, CLUSTER_FEATURE_BYTES
 * per group of several) fits `limits.bytes`, or the last. The tile's rows are read once (a
 * materialized CTE) and grouped again only when a finer grid was too much (docs/architecture.md,
 * "Map tiles").
 */
export function pointGroupsStatement(source: PointTileSource, tile: TileAddress, grids: readonly (number | null)[], limits: TileLimits): SqlFragment {
  const alias = sourceAlias(source);
  const groupKey = (cellsPerSide: number | null) => (cellsPerSide === null ? source.key : tileCellKey(alias, tile, cellsPerSide));
  const groups = (cellsPerSide: number | null, from: string) =>
    sql(
      `select count(*)::int as count, ${tileKeyMean(alias)}, `,
      ...(source.aggregates ? [source.aggregates, ', '] : []),
      source.singles,
      ` from ${from} group by ${groupKey(cellsPerSide)}`,
    );
  const columns = [...new Set([...source.columns, 'tile_x', 'tile_y', 'tile_key'])].map((column) => `${alias}.${column}`).join(', ');
  const rows = sql(` from ${source.from} where `, tileRowsCondition(source, tile));
  if (grids.length === 1) return sql(`with tile_rows as (select ${columns}`, rows, ') ', groups(grids[0]!, `tile_rows ${alias}`));
  // Each grid's groups (up to the feature limit) and their estimated bytes, from the keys and sizes alone; only the chosen grid computes its groups.
  const counts = grids.map((grid, index) =>
    sql(
      `, n${index} as (select count(*) as n, coalesce(sum(case when k.c = 1 then k.b else ${CLUSTER_FEATURE_BYTES} end), 0) as b from (select `,
      grid === null
        ? `1 as c, ${alias}.single_bytes as b from tile_rows ${alias}`
        : `count(*) as c, max(${alias}.single_bytes) as b from tile_rows ${alias} group by ${groupKey(grid)}`,
      bound(' limit ?) k)', limits.features),
    ),
  );
  return sql(
    `with tile_rows as materialized (select ${columns}, ${source.singleBytes} as single_bytes`,
    rows,
    ')',
    ...counts,
    ' ',
    firstWithinLimits(
      grids.map((grid) => groups(grid, `tile_rows ${alias}`)),
      (index) => `(select n >= ${limits.features} or b > ${limits.bytes} from n${index})`,
    ),
  );
}

/**
 * The union of `options` in which only the first whose `tooMany(index)` is false (or the last)
 * returns rows: each branch is gated by one-time filters on the CTEs the caller computed, so the
 * database makes only the chosen option's groups.
 */
export function firstWithinLimits(options: SqlFragment[], tooMany: (index: number) => string): SqlFragment {
  return sql(
    ...options.flatMap((option, index) => {
      const gates = options.slice(0, index).map((_, before) => tooMany(before));
      if (index < options.length - 1) gates.push(`not ${tooMany(index)}`);
      return [index > 0 ? ' union all ' : '', 'select * from (', option, `) g${index}${gates.length ? ` where ${gates.join(' and ')}` : ''}`];
    }),
  );
}

export interface PolygonTileSource {
  /** Tables and joins after `from` (a join may bind parameters, e.g. the quota year). */
  from: SqlFragment;
  /** geometry(MultiPolygon, 4326) column with a GiST index. */
  geometry: string;
  conditions: SqlFragment[];
  /** The feature's properties, aliased, comma-separated. */
  properties: SqlFragment;
}

/** Tile units of buffer around a polygon tile (Martin's and ST_AsMVTGeom's default is 64/256 px; 64/4096 here). */
const POLYGON_BUFFER = 64;

/**
 * Each row's geometry clipped to the tile plus its buffer, simplified to one tile unit, moved
 * into tile coordinates (y down), snapped to integers and made valid again; `tile_geojson` is
 * that geometry as GeoJSON. Rows whose geometry vanished at this zoom are left out.
 */
export function polygonTileStatement(source: PolygonTileSource, tile: TileAddress): SqlFragment {
  const bounds = tileBounds(tile);
  const unit = bounds.size / TILE_EXTENT;
  const buffer = unit * POLYGON_BUFFER;
  const [west, south, east, north] = indexBox(bounds, POLYGON_BUFFER);
  const scale = TILE_EXTENT / bounds.size;
  return sql(
    'select ',
    source.properties,
    ', ST_AsGeoJSON(c.g) as tile_geojson',
    ' from ',
    source.from,
    bound(
      ` cross join lateral (select ST_CollectionExtract(ST_MakeValid(ST_SnapToGrid(ST_TransScale(ST_Simplify(
                 ST_ClipByBox2D(ST_Transform(${source.geometry}, 3857), ST_MakeEnvelope(?, ?, ?, ?, 3857)),
                 ?, true), ?, ?, ?, ?), 1)), 3) as g) c
        where ${source.geometry} && ST_MakeEnvelope(?, ?, ?, ?, 4326) and `,
      ...[bounds.xmin - buffer, bounds.ymin - buffer, bounds.xmax + buffer, bounds.ymax + buffer],
      unit / 2,
      ...[-bounds.xmin, -bounds.ymax, scale, -scale],
      ...[west, south, east, north],
    ),
    allOf(source.conditions),
    ' and not ST_IsEmpty(c.g)',
  );
}

type Position = [number, number];

/** Polygons (exterior ring first, then holes) of a Polygon or MultiPolygon GeoJSON in tile coordinates. */
export function tilePolygons(geojson: string): Position[][][] {
  const geometry = JSON.parse(geojson) as { type: string; coordinates: unknown };
  if (geometry.type === 'Polygon') return [geometry.coordinates as Position[][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as Position[][][];
  return [];
}
