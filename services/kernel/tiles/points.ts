import { loadConfig } from '../config.js';
import type { EntityManager } from '../db.js';
import type { TileAddress } from './grid.js';
import { cellGroupsStatement } from './cells.js';
import { pointGroupsStatement, type PointGroupRow, type PointTileSource } from './tile-sql.js';

/** No tile holds more features than this (design §9). */
export const MAX_TILE_FEATURES = 10_000;
/** From this zoom every point is its own feature. */
export const UNCLUSTERED_ZOOM = 14;

/**
 * Cells along a tile edge, finest first: below TILE_CLUSTER_BELOW_ZOOM clusters of a 32×32 grid;
 * up to zoom 13 only points sharing a pixel of a 256×256 grid. `coarser` steps down the list when
 * a tile came out over the byte limit (service.ts); 96² cells can never exceed the feature limit.
 */
const CLUSTER_GRIDS = [32, 16, 8];
const PIXEL_GRIDS = [256, 96, 48, 24];

/**
 * The groups of one point tile. Exact by construction: every point of the tile (half-open
 * bounds, tile-sql.ts) is in exactly one group and each group's position lies in its own tile,
 * so summing `count` over a zoom's tiles gives the number of matching rows. Clustered tiles come
 * from the layer's cell aggregate when it can answer the filter (cells.ts: each row in exactly
 * one cell of a level), otherwise they are grouped on the fly from the rows.
 */
export async function pointTileGroups(em: EntityManager, source: PointTileSource, tile: TileAddress, coarser = 0): Promise<PointGroupRow[]> {
  const clusterBelow = loadConfig().TILE_CLUSTER_BELOW_ZOOM;
  const connection = em.getConnection();
  const run = (cells: number | null) => {
    const conditions = source.cells?.conditions;
    const fromCells =
      cells !== null && tile.z < clusterBelow && source.cells && conditions
        ? cellGroupsStatement({ ...source.cells, conditions }, source, tile, cells, MAX_TILE_FEATURES + 1)
        : null;
    const statement = fromCells ?? pointGroupsStatement(source, tile, cells, MAX_TILE_FEATURES + 1);
    return connection.execute<PointGroupRow[]>(statement.sql, statement.params);
  };
  const pick = (grids: number[]) => grids[Math.min(coarser, grids.length - 1)]!;
  if (tile.z < clusterBelow) return run(pick(CLUSTER_GRIDS));
  if (tile.z >= UNCLUSTERED_ZOOM) return run(null);
  const rows = await run(pick(PIXEL_GRIDS));
  return rows.length > MAX_TILE_FEATURES ? run(pick(PIXEL_GRIDS.slice(1))) : rows;
}
