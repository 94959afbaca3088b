import type { GeoJsonGeometry } from '../../kernel/geo/postgis-types.js';
import type { ResettlementZone } from '../entities/resettlement-zone.entity.js';

/** The card's columns on `resettlement.resettlement_zone z`, read back by `toZone`. */
export const ZONE_COLUMNS = `z.id, z.name, z.region_code, z.kato_code,
  ST_Y(z.center::geometry) as lat, ST_X(z.center::geometry) as lon, ST_AsGeoJSON(z.area) as area, z.housing_offered`;

export interface ZoneRow {
  id: string;
  name: string;
  region_code: string;
  kato_code: string;
  lat: number;
  lon: number;
  /** GeoJSON text of the MultiPolygon. */
  area: string;
  housing_offered: number;
}

export function toZone(row: ZoneRow): ResettlementZone {
  return {
    id: row.id,
    name: row.name,
    regionCode: row.region_code,
    katoCode: row.kato_code,
    center: { lat: row.lat, lon: row.lon },
    area: JSON.parse(row.area) as GeoJsonGeometry,
    housingOffered: row.housing_offered,
  };
}
