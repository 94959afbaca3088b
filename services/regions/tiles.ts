import { readFilterParams } from '../kernel/tiles/params.js';
import { polygonTileFeatures } from '../kernel/tiles/polygons.js';
import type { TileLayer } from '../kernel/tiles/service.js';
import { bound } from '../kernel/sql.js';

interface RegionTileRow extends Record<string, unknown> {
  code: string;
  name_en: string;
  name_ru: string;
  name_kk: string;
  kind: string;
  population: number;
}

/**
 * `regions`: the 20 boundaries, the map's basemap. Only this subgraph's own facts are in the
 * tile; the choropleth's figures belong to other subgraphs and reach the page through GraphQL,
 * joined by `code` (docs/architecture.md, "Map tiles").
 */
export const regionTiles: TileLayer<null> = {
  name: 'regions',
  description: 'First-level regions of Kazakhstan (areas): the basemap and the choropleth geometry',
  minzoom: 0,
  maxzoom: 12,
  fields: {
    code: 'String: ISO 3166-2:KZ, the key to join GraphQL figures on',
    name: 'String: English name',
    nameRu: 'String',
    nameKk: 'String',
    kind: 'String: OBLAST or CITY',
    population: 'Number',
  },
  parseFilter(params) {
    readFilterParams(params, {});
    return null;
  },
  features(em, tile) {
    return polygonTileFeatures<RegionTileRow>(
      em,
      {
        from: bound('regions.region r'),
        geometry: 'r.boundary',
        conditions: [],
        properties: bound('r.code, r.name_en, r.name_ru, r.name_kk, r.kind, r.population'),
      },
      tile,
      (row) => ({ code: row.code, name: row.name_en, nameRu: row.name_ru, nameKk: row.name_kk, kind: row.kind, population: row.population }),
    );
  },
};
