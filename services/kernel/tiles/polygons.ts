import type { EntityManager } from '../db.js';
import type { TileAddress } from './grid.js';
import type { TileFeature, TileValue } from './mvt.js';
import { polygonTileStatement, tilePolygons, type PolygonTileSource } from './tile-sql.js';

/** The features of one polygon tile: the source's properties and its clipped geometry in tile coordinates. */
export async function polygonTileFeatures<Row extends Record<string, unknown>>(
  em: EntityManager,
  source: PolygonTileSource,
  tile: TileAddress,
  properties: (row: Row) => Record<string, TileValue | null>,
): Promise<TileFeature[]> {
  const statement = polygonTileStatement(source, tile);
  const rows = await em.getConnection().execute<(Row & { tile_geojson: string })[]>(statement.sql, statement.params);
  return rows.map((row) => ({ geometry: { type: 'polygon', polygons: tilePolygons(row.tile_geojson) }, properties: properties(row) }));
}
