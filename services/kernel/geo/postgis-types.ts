import { Type } from '@mikro-orm/core';

/**
 * PostGIS columns as MikroORM custom types. The conversion happens in SQL (ST_GeomFromGeoJSON on
 * the way in, ST_AsGeoJSON on the way out) so JavaScript never parses WKB and the SRID is set
 * once, here.
 */
export interface LatLon {
  lat: number;
  lon: number;
}

export type GeoJsonGeometry = { type: string; coordinates?: unknown; geometries?: unknown[] };

/** `geography(Point, 4326)`: distances in metres on the spheroid, no SRID mistakes. */
export class GeographyPointType extends Type<LatLon | null, string | null> {
  override convertToDatabaseValue(value: LatLon | null): string | null {
    if (!value) return null;
    return JSON.stringify({ type: 'Point', coordinates: [value.lon, value.lat] });
  }

  override convertToJSValue(value: string | LatLon | null): LatLon | null {
    if (value === null || typeof value === 'object') return value;
    const [lon, lat] = (JSON.parse(value) as { coordinates: [number, number] }).coordinates;
    return { lat, lon };
  }

  override convertToDatabaseValueSQL(key: string): string {
    return `ST_SetSRID(ST_GeomFromGeoJSON(${key}), 4326)::geography`;
  }

  override convertToJSValueSQL(key: string): string {
    return `ST_AsGeoJSON(${key})`;
  }

  override getColumnType(): string {
    return 'geography(Point, 4326)';
  }
}

/** `geometry(MultiPolygon, 4326)` for region boundaries and zone areas. */
export class MultiPolygonType extends Type<GeoJsonGeometry | null, string | null> {
  override convertToDatabaseValue(value: GeoJsonGeometry | null): string | null {
    return value ? JSON.stringify(value) : null;
  }

  override convertToJSValue(value: string | GeoJsonGeometry | null): GeoJsonGeometry | null {
    if (value === null || typeof value === 'object') return value;
    return JSON.parse(value) as GeoJsonGeometry;
  }

  override convertToDatabaseValueSQL(key: string): string {
    return `ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${key}), 4326))`;
  }

  override convertToJSValueSQL(key: string): string {
    return `ST_AsGeoJSON(${key})`;
  }

  override getColumnType(): string {
    return 'geometry(MultiPolygon, 4326)';
  }
}
