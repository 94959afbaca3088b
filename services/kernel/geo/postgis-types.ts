/**
 * PostGIS values as the code holds them. The conversion happens in SQL (`ST_Y`/`ST_X` or
 * `ST_AsGeoJSON` out, `ST_GeomFromGeoJSON` or `ST_MakePoint` in, docs/architecture.md §15), so
 * JavaScript never parses WKB and the SRID (4326) is set in the statement.
 */
export interface LatLon {
  lat: number;
  lon: number;
}

export type GeoJsonGeometry = { type: string; coordinates?: unknown; geometries?: unknown[] };
