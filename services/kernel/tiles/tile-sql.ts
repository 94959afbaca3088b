import { allOf, bound, sql, type SqlFragment } from '../sql.js';
import { tileBounds, toLonLat, type MercatorBounds, type TileAddress } from './grid.js';
import { mercatorX, mercatorY, type CellTileSource } from './cells.js';
import { TILE_EXTENT } from './mvt.js';

/**
 * The spatial half of a tile, in SQL with bound parameters, for both databases: select the rows
 * of one tile, project them to EPSG:3857 and, for points, group them by a grid cell of the tile.
 * What ST_AsMVTGeom would do for polygons (clip with a buffer, simplify, snap to the tile's
 * integer grid) is done here with ST_ClipByBox2D / ST_Simplify / ST_TransScale / ST_SnapToGrid,
 * which PGlite's PostGIS has; only the protobuf is written in JavaScript (mvt.ts).
 */

/** A geographic box around the tile for the GiST index, a hair larger than the tile: the exact test is planar in 3857. */
function indexBox(bounds: MercatorBounds, marginUnits: number): [number, number, number, number] {
  const margin = (bounds.size / TILE_EXTENT) * marginUnits;
  const [west, south] = toLonLat(bounds.xmin - margin, bounds.ymin - margin);
  const [east, north] = toLonLat(bounds.xmax + margin, bounds.ymax + margin);
  const hair = 1e-7;
  return [west - hair, south - hair, east + hair, north + hair];
}

export interface PointTileSource {
  /** `schema.table alias`, e.g. `enterprises.enterprise e`. */
  from: string;
  /** The geography(Point) column, e.g. `e.location`; a GiST index on `(location::geometry)` serves the tile box. */
  location: string;
  /** The primary key: with no grid, every row is its own group. */
  key: string;
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
}

export interface PointGroupRow {
  count: number;
  /** Mean position of the group in EPSG:3857: inside its grid cell, so inside its own tile. */
  mx: number;
  my: number;
  [column: string]: unknown;
}

/** The alias a source's rows are read under: the last word of `from` (`enterprises.enterprise e` → `e`). */
function sourceAlias(source: PointTileSource): string {
  return source.from.trim().split(/\s+/).at(-1)!;
}

/**
 * One row per group of the tile's points: per grid cell (`cellsPerSide` cells along each edge of
 * the tile), or per row when `cellsPerSide` is null. A point belongs to the tile when
 * xmin ≤ x < xmax and ymin < y ≤ ymax, so neighbouring tiles never both count it.
 *
 * `grids` are tried in order, in one statement: the first whose groups number at most
 * `limit - 1`, or the last. The tile's rows are read once (a materialized CTE, projected to
 * 3857 once) and grouped again only when a finer grid held too many groups — a dense city tile
 * at 1 M no longer pays its heap scan twice (docs/architecture.md, "Map tiles").
 */
export function pointGroupsStatement(source: PointTileSource, tile: TileAddress, grids: readonly (number | null)[], limit: number): SqlFragment {
  const bounds = tileBounds(tile);
  const [west, south, east, north] = indexBox(bounds, 1);
  const alias = sourceAlias(source);
  const gridKey = (cellsPerSide: number) => {
    const cell = bounds.size / cellsPerSide;
    return bound(`floor((${alias}.mx - ?) / ?), floor((? - ${alias}.my) / ?)`, bounds.xmin, cell, bounds.ymax, cell);
  };
  const groups = (cellsPerSide: number | null, from: string) => {
    const groupBy = cellsPerSide === null ? bound(source.key) : gridKey(cellsPerSide);
    return sql(
      `select count(*)::int as count, avg(${alias}.mx) as mx, avg(${alias}.my) as my, `,
      ...(source.aggregates ? [source.aggregates, ', '] : []),
      source.singles,
      ` from ${from} group by `,
      groupBy,
    );
  };
  const rows = sql(
    bound(
      ` from ${source.from}
        cross join lateral (select ${mercatorX('g')} as mx, ${mercatorY('g')} as my
                              from (select ${source.location}::geometry as g) lonlat) t
        where ${source.location}::geometry && ST_MakeEnvelope(?, ?, ?, ?, 4326) and `,
      west,
      south,
      east,
      north,
    ),
    allOf(source.conditions),
    bound(' and t.mx >= ? and t.mx < ? and t.my > ? and t.my <= ?', bounds.xmin, bounds.xmax, bounds.ymin, bounds.ymax),
  );
  if (grids.length === 1) return sql(`with tile_rows as (select ${alias}.*, t.mx, t.my`, rows, ') ', groups(grids[0]!, `tile_rows ${alias}`));
  // How many groups each grid makes (up to `limit`), counted on the keys alone; only the chosen grid computes its groups.
  const counts = grids.map((grid, index) =>
    sql(`, n${index} as (select count(*) as n from (select 1 from tile_rows ${alias}`, grid === null ? '' : sql(' group by ', gridKey(grid)), bound(' limit ?) k)', limit)),
  );
  const tooMany = (index: number) => `(select n from n${index}) >= ${limit}`;
  return sql(
    `with tile_rows as materialized (select ${alias}.*, t.mx, t.my`,
    rows,
    ')',
    ...counts,
    ' ',
    ...grids.flatMap((grid, index) => {
      const gates = grids.slice(0, index).map((_, before) => tooMany(before));
      if (index < grids.length - 1) gates.push(`not ${tooMany(index)}`);
      return [index > 0 ? ' union all ' : '', `select * from (`, groups(grid, `tile_rows ${alias}`), `) g${index} where ${gates.join(' and ')}`];
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
