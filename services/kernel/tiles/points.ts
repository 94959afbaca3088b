import { loadConfig } from '../config.js';
import type { EntityManager } from '../db.js';
import { bound, runSql, sql, type SqlFragment } from '../sql.js';
import { tileBounds, type TileAddress } from './grid.js';
import { cellGroupsStatement, fineCellGroupsStatement } from './cells.js';
import { TILE_EXTENT, type TileFeature, type TileValue } from './mvt.js';
import { pointGroupsStatement, tileRowsCondition, type PointTileSource } from './tile-sql.js';

/** No tile holds more features than this, nor more bytes (docs/architecture.md §12); one over the bytes after all is made again coarser (service.ts). */
const MAX_TILE_FEATURES = 10_000;
export const MAX_TILE_BYTES = 500_000;
const TILE_LIMITS = { features: MAX_TILE_FEATURES + 1, bytes: MAX_TILE_BYTES };
/** From this zoom every point is its own feature, unless its tile would break a limit. */
const UNCLUSTERED_ZOOM = 14;

/**
 * Cells along a tile edge, finest first (null: no grid): below TILE_CLUSTER_BELOW_ZOOM clusters of
 * a 32×32 grid; up to zoom 13 only points sharing a pixel of a 256×256 grid; from zoom 14 none.
 * A tile steps down its list, in one statement, while it would hold more than MAX_TILE_FEATURES
 * groups or more than MAX_TILE_BYTES by the layer's estimate, and `coarser` starts further down
 * when it came out over the byte limit after all (service.ts). So a street tile with more than
 * 10 000 enterprises, or a megabyte of their cards, groups those sharing a pixel of a grid
 * instead of dropping any. The pixel grids are powers of two, so each is a level of the fine
 * aggregate (cells.ts).
 */
const CLUSTER_GRIDS = [32, 16, 8];
const PIXEL_GRIDS = [256, 128, 64, 32];
const STREET_GRIDS = [null, ...PIXEL_GRIDS];

/** Who writes the protobuf: PostGIS's ST_AsMVT where it has protobuf-c, our encoder (mvt.ts) otherwise. */
export type TileEncoder = 'database' | 'javascript';

/** A point tile the database encoded: the layer's bytes and how many features they hold. */
export interface EncodedLayer {
  mvt: Uint8Array;
  features: number;
}

/** Runs one statement of bound parameters (a subgraph: `runSql` on its EntityManager). */
export type RunStatement = <Row>(statement: SqlFragment) => Promise<Row[]>;

export interface PointTileLayer extends PointTileSource {
  /** The layer name written into the tile. */
  name: string;
  /**
   * The feature's properties over the group row `g` (count, mx, my, the aggregates and the
   * singles), aliased with their tile names, comma-separated; a null value is left out of the
   * feature. One expression list for both encoders, so both write the same properties.
   */
  properties: SqlFragment;
}

let detected: Promise<TileEncoder> | undefined;

/**
 * Asked of the database once per process: a PostGIS built with protobuf-c names it in
 * postgis_full_version() and runs ST_AsMVT; the embedded PGlite's does not.
 */
export function tileEncoder(run: RunStatement): Promise<TileEncoder> {
  detected ??= run<{ mvt: boolean }>(bound("select postgis_full_version() like '%PROTOBUF%' as mvt")).then(
    ([row]) => (row?.mvt ? 'database' : 'javascript'),
    (error: unknown) => {
      detected = undefined;
      throw error;
    },
  );
  return detected;
}

/** The group's position in tile coordinates, floored into 0..extent-1 (so inside its own tile), in SQL for both encoders. */
function tileCoordinates(tile: TileAddress): [SqlFragment, SqlFragment] {
  const bounds = tileBounds(tile);
  const scale = TILE_EXTENT / bounds.size;
  const last = TILE_EXTENT - 1;
  return [
    bound(`least(${last}, greatest(0, floor((g.mx - ?) * ?)))::int`, bounds.xmin, scale),
    bound(`least(${last}, greatest(0, floor((? - g.my) * ?)))::int`, bounds.ymax, scale),
  ];
}

/** One statement of groups made into the tile: rows of properties and position, or the database's ST_AsMVT over them. */
async function encoded(run: RunStatement, layer: PointTileLayer, tile: TileAddress, groups: SqlFragment, encoder: TileEncoder) {
  const [x, y] = tileCoordinates(tile);
  if (encoder === 'javascript') {
    const rows = await run<Record<string, TileValue> & { px: number; py: number }>(
      sql('select ', layer.properties, ', ', x, ' as px, ', y, ' as py from (', groups, ') g'),
    );
    return {
      count: rows.length,
      tile: rows.map(({ px, py, ...properties }): TileFeature => ({ geometry: { type: 'point', points: [[px, py]] }, properties })),
    };
  }
  const [row] = await run<{ mvt: Uint8Array; features: number }>(
    sql(
      bound(`select ST_AsMVT(f, ?, ${TILE_EXTENT}, 'geom') as mvt, count(*)::int as features from (select `, layer.name),
      layer.properties,
      ', ST_MakePoint(',
      x,
      ', ',
      y,
      ') as geom from (',
      groups,
      ') g) f',
    ),
  );
  return { count: row!.features, tile: { mvt: row!.mvt, features: row!.features } };
}

/**
 * One point tile, encoded by `encoder`. Exact by construction: every point of the tile (half-open
 * bounds, tile-sql.ts) is in exactly one group and each group's position lies in its own tile,
 * so summing `count` over a zoom's tiles gives the number of matching rows. Clustered tiles come
 * from the layer's cell aggregate when it can answer the filter (cells.ts: each row in exactly
 * one cell of a level); a city or street tile of more rows than MAX_TILE_FEATURES, which can
 * only show them grouped by a pixel grid, from the fine aggregate when it can (the same groups,
 * from up to 10 000 cell rows instead of up to 130 000 rows); otherwise they are grouped on the
 * fly from the rows.
 */
export async function pointTile(
  run: RunStatement,
  layer: PointTileLayer,
  tile: TileAddress,
  coarser: number,
  encoder: TileEncoder,
): Promise<TileFeature[] | EncodedLayer> {
  const clusterBelow = loadConfig().TILE_CLUSTER_BELOW_ZOOM;
  const grids = tile.z < clusterBelow ? CLUSTER_GRIDS : tile.z < UNCLUSTERED_ZOOM ? PIXEL_GRIDS : STREET_GRIDS;
  const first = Math.min(coarser, grids.length - 1);
  const conditions = layer.cells?.conditions;
  if (tile.z < clusterBelow && layer.cells && conditions) {
    // From the cell aggregate: a few thousand cell rows, cheap to read again with a coarser grid.
    for (let step = first; ; step++) {
      const groups =
        cellGroupsStatement({ ...layer.cells, conditions }, layer, tile, grids[step]!, MAX_TILE_FEATURES + 1) ??
        pointGroupsStatement(layer, tile, [grids[step] ?? null], TILE_LIMITS);
      const made = await encoded(run, layer, tile, groups, encoder);
      if (made.count <= MAX_TILE_FEATURES || step === grids.length - 1) return made.tile;
    }
  }
  // A tile of more rows than features cannot show each row (a street tile's null grid fails), so it starts at its pixel grids.
  if (layer.fineCells && (await holdsMoreThan(run, layer, tile, MAX_TILE_FEATURES))) {
    const pixelFirst = Math.max(0, first - (grids.length - PIXEL_GRIDS.length));
    const groups = fineCellGroupsStatement(layer.fineCells, layer, tile, PIXEL_GRIDS.slice(pixelFirst), TILE_LIMITS);
    return (await encoded(run, layer, tile, groups, encoder)).tile;
  }
  // From the rows, in one statement: the first grid from `first` on whose tile stays under both limits.
  const groups = pointGroupsStatement(layer, tile, grids.slice(first), TILE_LIMITS);
  return (await encoded(run, layer, tile, groups, encoder)).tile;
}

/** Whether the tile holds more than `limit` of the layer's rows: at most limit + 1 entries of the tile-key index read. */
async function holdsMoreThan(run: RunStatement, layer: PointTileLayer, tile: TileAddress, limit: number): Promise<boolean> {
  const [row] = await run<{ rows: number }>(
    sql(`select count(*)::int as rows from (select 1 from ${layer.from} where `, tileRowsCondition(layer, tile), bound(' limit ?) r', limit + 1)),
  );
  return row!.rows > limit;
}

/** A subgraph's point tile: its own database's encoder, statements through its EntityManager. */
export async function pointLayerTile(em: EntityManager, layer: PointTileLayer, tile: TileAddress, coarser: number): Promise<TileFeature[] | EncodedLayer> {
  const run: RunStatement = (statement) => runSql(em, statement);
  return pointTile(run, layer, tile, coarser, await tileEncoder(run));
}

/** `case when g.count = 1 then g.<column> end as "<name>"` per property: a single point's own fields, left out of a cluster. */
export function singleProperties(columns: Record<string, string>): string {
  return Object.entries(columns)
    .map(([name, column]) => `case when g.count = 1 then g.${column} end as "${name}"`)
    .join(', ');
}
