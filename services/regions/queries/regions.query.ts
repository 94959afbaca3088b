import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { GeoJsonGeometry, LatLon } from '../../kernel/geo/postgis-types.js';

/** The region containing a point, from the subdivided boundaries; null outside Kazakhstan. */
export async function regionCodeAt(em: EntityManager, point: LatLon): Promise<string | null> {
  const rows = await em.getConnection().execute<{ region_code: string }[]>(
    `select region_code from regions.region_part
      where ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
      limit 1`,
    [point.lon, point.lat],
  );
  return rows[0]?.region_code ?? null;
}

/**
 * Boundaries as GeoJSON, simplified in SQL. Tolerance is in metres on the ground: Web Mercator
 * stretches lengths by 1/cos(latitude), so the tolerance is scaled at the region's centre.
 */
export async function regionBoundaries(
  em: EntityManager,
  codes: readonly string[],
  simplifyMeters: number,
): Promise<{ code: string; boundary: GeoJsonGeometry }[]> {
  const rows = await em.getConnection().execute<{ code: string; boundary: string }[]>(
    `select code,
            ST_AsGeoJSON(case when ?::float8 > 0
              then ST_Multi(ST_Transform(ST_SimplifyPreserveTopology(ST_Transform(boundary, 3857),
                     ?::float8 / cos(radians(ST_Y(center::geometry)))), 4326))
              else boundary end, 5) as boundary
       from regions.region where code = any(?::text[])`,
    [simplifyMeters, simplifyMeters, pgArray(codes)],
  );
  return rows.map((row) => ({ code: row.code, boundary: JSON.parse(row.boundary) as GeoJsonGeometry }));
}
