import type { SeedTarget } from '../../kernel/seed/bulk-insert.js';
import { readRegionBoundaries } from '../../kernel/seed/region-boundaries.js';

/**
 * This subgraph's own copy of the region boundaries, for `registerEnterprise`'s location check
 * (see Migration20261123040000EnterpriseWrites): the same data set the regions subgraph loads,
 * made valid and subdivided so a point-in-polygon test touches a few small polygons.
 */
/** Returns the rows written (the pieces of the 20 boundaries). */
export async function copyRegionBoundaries(target: SeedTarget): Promise<number> {
  const boundaries = await readRegionBoundaries();
  const result = await target.execute(
    `insert into enterprises.region_boundary (region_code, geom)
     select b.code, ST_Subdivide(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(b.geojson), 4326)), 3), 256)
       from unnest($1::text[], $2::text[]) as b(code, geojson)`,
    [[...boundaries.keys()], [...boundaries.values()].map((boundary) => JSON.stringify(boundary))],
  );
  return result.rowCount;
}
