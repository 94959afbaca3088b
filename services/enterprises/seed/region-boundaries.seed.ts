import { pgArray, type EntityManager } from '../../kernel/db.js';
import { readRegionBoundaries } from '../../kernel/seed/region-boundaries.js';

/**
 * This subgraph's own copy of the region boundaries, for `registerEnterprise`'s location check
 * (see Migration20261123040000EnterpriseWrites): the same data set the regions subgraph loads,
 * made valid and subdivided so a point-in-polygon test touches a few small polygons.
 */
/** Returns the rows written (the pieces of the 20 boundaries). */
export async function copyRegionBoundaries(em: EntityManager): Promise<number> {
  const boundaries = await readRegionBoundaries();
  const connection = em.getConnection();
  const transaction = em.getTransactionContext();
  const result = await connection.execute<{ affectedRows: number }>(
    `insert into enterprises.region_boundary (region_code, geom)
     select b.code, ST_Subdivide(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(b.geojson), 4326)), 3), 256)
       from unnest(?::text[], ?::text[]) as b(code, geojson)`,
    [pgArray([...boundaries.keys()]), pgArray([...boundaries.values()].map((boundary) => JSON.stringify(boundary)))],
    'run',
    transaction,
  );
  return result.affectedRows;
}
