import { readFilterParams } from '../kernel/tiles/params.js';
import { polygonTileFeatures } from '../kernel/tiles/polygons.js';
import type { TileLayer } from '../kernel/tiles/service.js';
import { bound } from '../kernel/sql.js';
import { parseYear } from '../kernel/arguments.js';

interface ZoneTileFilter {
  /** The quota year the map shows: `?year=`, validated as GraphQL's year arguments, or this year in Kazakhstan. */
  year: number;
}

interface ZoneTileRow extends Record<string, unknown> {
  id: string;
  name: string;
  region_code: string;
  housing_offered: number;
  families: number | null;
  free_families: number | null;
}

/** `zones`: resettlement zone areas with a year's quota (families, free families; this year unless `year` is given), from the same view as ZoneQuota. */
export const zoneTiles: TileLayer<ZoneTileFilter> = {
  name: 'zones',
  description: "Resettlement zones (areas) with a year's quota (query parameter year, default this year)",
  minzoom: 0,
  maxzoom: 14,
  fields: {
    id: 'String: ResettlementZone.id',
    name: 'String',
    regionCode: 'String: ISO 3166-2:KZ',
    year: 'Number: the quota year (the year parameter, or this year)',
    families: 'Number: quota in families (absent without a quota)',
    freeFamilies: 'Number: families the quota still takes (0 without a quota)',
    housingOffered: 'Number',
  },
  parseFilter(params, today) {
    const { year } = readFilterParams(params, { year: 'integer' });
    return { year: year === undefined ? Number(today.slice(0, 4)) : parseYear(Number(year)) };
  },
  features(em, tile, { year }) {
    return polygonTileFeatures<ZoneTileRow>(
      em,
      {
        from: bound('resettlement.resettlement_zone z left join resettlement.zone_quota_status q on q.zone_id = z.id and q.year = ?', year),
        geometry: 'z.area',
        conditions: [],
        properties: bound('z.id::text as id, z.name, z.region_code, z.housing_offered, q.families, q.free_families'),
      },
      tile,
      (row) => ({
        id: row.id,
        name: row.name,
        regionCode: row.region_code,
        year,
        families: row.families,
        freeFamilies: row.free_families ?? 0,
        housingOffered: row.housing_offered,
      }),
    );
  },
};
