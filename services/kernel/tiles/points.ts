import { loadConfig } from '../config.js';
import type { EntityManager } from '../db.js';
import type { TileAddress } from './grid.js';
import { pointGroupsStatement, type PointGroupRow, type PointTileSource } from './tile-sql.js';

/** No tile holds more features than this (design §9). */
export const MAX_TILE_FEATURES = 10_000;
/** From this zoom every point is its own feature. */
export const UNCLUSTERED_ZOOM = 14;

/** Cells along a tile edge: clusters below TILE_CLUSTER_BELOW_ZOOM; above it only points sharing a pixel (256 per tile) group, and only where a tile is too dense. */
const CLUSTER_CELLS = 32;
const PIXEL_CELLS = 256;
const DENSE_CELLS = 96;

/**
 * The groups of one point tile. Exact by construction: every point of the tile (half-open
 * bounds, tile-sql.ts) is in exactly one group and each group's position lies in its own tile,
 * so summing `count` over a zoom's tiles gives the number of matching rows.
 */
export async function pointTileGroups(em: EntityManager, source: PointTileSource, tile: TileAddress): Promise<PointGroupRow[]> {
  const clusterBelow = loadConfig().TILE_CLUSTER_BELOW_ZOOM;
  const connection = em.getConnection();
  const run = (cells: number | null) => {
    const statement = pointGroupsStatement(source, tile, cells, MAX_TILE_FEATURES + 1);
    return connection.execute<PointGroupRow[]>(statement.sql, statement.params);
  };
  if (tile.z < clusterBelow) return run(CLUSTER_CELLS);
  if (tile.z >= UNCLUSTERED_ZOOM) return run(null);
  const rows = await run(PIXEL_CELLS);
  // 96 × 96 cells can never exceed the feature limit.
  return rows.length > MAX_TILE_FEATURES ? run(DENSE_CELLS) : rows;
}
