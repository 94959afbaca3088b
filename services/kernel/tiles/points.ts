import { loadConfig } from '../config.js';
import type { EntityManager } from '../db.js';
import { runSql } from '../sql.js';
import type { TileAddress } from './grid.js';
import { cellGroupsStatement } from './cells.js';
import { pointGroupsStatement, type PointGroupRow, type PointTileSource } from './tile-sql.js';

/** No tile holds more features than this (design §9). */
export const MAX_TILE_FEATURES = 10_000;
/** From this zoom every point is its own feature, unless its tile would break a limit. */
export const UNCLUSTERED_ZOOM = 14;

/**
 * Cells along a tile edge, finest first (null: no grid): below TILE_CLUSTER_BELOW_ZOOM clusters of
 * a 32×32 grid; up to zoom 13 only points sharing a pixel of a 256×256 grid; from zoom 14 none.
 * A tile steps down its list while it holds more than MAX_TILE_FEATURES groups, and `coarser`
 * starts further down when it came out over the byte limit (service.ts); 96² cells can never
 * exceed the feature limit. So a street tile with more than 10 000 enterprises (one at 1 M)
 * groups those sharing a pixel of the 256 grid instead of dropping any.
 */
const CLUSTER_GRIDS = [32, 16, 8];
const PIXEL_GRIDS = [256, 96, 48, 24];
const STREET_GRIDS = [null, ...PIXEL_GRIDS];

/**
 * The groups of one point tile. Exact by construction: every point of the tile (half-open
 * bounds, tile-sql.ts) is in exactly one group and each group's position lies in its own tile,
 * so summing `count` over a zoom's tiles gives the number of matching rows. Clustered tiles come
 * from the layer's cell aggregate when it can answer the filter (cells.ts: each row in exactly
 * one cell of a level), otherwise they are grouped on the fly from the rows.
 */
export async function pointTileGroups(em: EntityManager, source: PointTileSource, tile: TileAddress, coarser = 0): Promise<PointGroupRow[]> {
  const clusterBelow = loadConfig().TILE_CLUSTER_BELOW_ZOOM;
  const grids = tile.z < clusterBelow ? CLUSTER_GRIDS : tile.z < UNCLUSTERED_ZOOM ? PIXEL_GRIDS : STREET_GRIDS;
  const first = Math.min(coarser, grids.length - 1);
  const conditions = source.cells?.conditions;
  if (tile.z < clusterBelow && source.cells && conditions) {
    // From the cell aggregate: a few thousand cell rows, cheap to read again with a coarser grid.
    for (let step = first; ; step++) {
      const statement =
        cellGroupsStatement({ ...source.cells, conditions }, source, tile, grids[step]!, MAX_TILE_FEATURES + 1) ??
        pointGroupsStatement(source, tile, [grids[step] ?? null], MAX_TILE_FEATURES + 1);
      const rows = await runSql<PointGroupRow>(em, statement);
      if (rows.length <= MAX_TILE_FEATURES || step === grids.length - 1) return rows;
    }
  }
  // From the rows, in one statement: the grids from `first` up to the first that cannot exceed the limit.
  const last = grids.findIndex((cells, index) => index >= first && cells !== null && cells * cells <= MAX_TILE_FEATURES);
  const statement = pointGroupsStatement(source, tile, grids.slice(first, last === -1 ? grids.length : last + 1), MAX_TILE_FEATURES + 1);
  return runSql<PointGroupRow>(em, statement);
}
