import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { GeoJsonGeometry, LatLon } from '../../kernel/geo/postgis-types.js';
import type { Region } from '../entities/region.entity.js';
import { REGION_COLUMNS, toRegion, type RegionRow } from './region-rows.js';
import { allOf, bound, runSql, sql } from '../../kernel/sql.js';

/**
 * Region cards (every column but the boundary, which weighs up to 95 kB a region and is read only
 * by `Region.boundary`), for the given codes or, with null, all of them by code.
 */
export async function regionCards(em: EntityManager, codes: readonly string[] | null): Promise<Region[]> {
  const rows = await runSql<RegionRow>(
    em,
    sql(
      `select ${REGION_COLUMNS} from regions.region r where `,
      allOf(codes === null ? [] : [bound('r.code = any(?::text[])', pgArray(codes))]),
      ' order by r.code',
    ),
  );
  return rows.map(toRegion);
}

/** The region containing a point, from the subdivided boundaries; null outside Kazakhstan. */
export async function regionCodeAt(em: EntityManager, point: LatLon): Promise<string | null> {
  const rows = await runSql<{ region_code: string }>(em, bound(
    `select region_code from regions.region_part
      where ST_Intersects(geom, ST_SetSRID(ST_MakePoint(?, ?), 4326))
      limit 1`,
    point.lon, point.lat,
  ));
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
  const rows = await runSql<{ code: string; boundary: string }>(em, bound(
    `select code,
            ST_AsGeoJSON(case when ?::float8 > 0
              then ST_Multi(ST_Transform(ST_SimplifyPreserveTopology(ST_Transform(boundary, 3857),
                     ?::float8 / cos(radians(ST_Y(center::geometry)))), 4326))
              else boundary end, 5) as boundary
       from regions.region where code = any(?::text[])`,
    simplifyMeters, simplifyMeters, pgArray(codes),
  ));
  return rows.map((row) => ({ code: row.code, boundary: JSON.parse(row.boundary) as GeoJsonGeometry }));
}
