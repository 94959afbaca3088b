import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { enterpriseTileLayer, enterpriseTiles } from '../../services/enterprises/tiles.js';
import { tileOf, type TileAddress } from '../../services/kernel/tiles/grid.js';
import { encodeTile } from '../../services/kernel/tiles/mvt.js';
import { pointTile, tileEncoder, type PointTileLayer, type RunStatement, type TileEncoder } from '../../services/kernel/tiles/points.js';
import { vacancyTileLayer, vacancyTiles } from '../../services/vacancies/tiles.js';
import { decode, type DecodedFeature } from './support.js';

/**
 * On a real PostGIS (built with protobuf-c) point tiles are written by ST_AsMVT; on the embedded
 * PGlite by our encoder (docs/architecture.md, "Map tiles"). Both run the same statement of groups
 * and properties: decoded with @mapbox/vector-tile, the two tiles hold the same features — the
 * same properties, the same positions — for clusters and single points, with and without filters.
 */
const onRealPostgis = inject('databaseServerUrl') !== '';

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
});
afterAll(() => pool?.end());

const run: RunStatement = async <Row>(statement: { sql: string; params: unknown[] }) => {
  let index = 0;
  const { rows } = await pool.query(
    statement.sql.replace(/\?/g, () => `$${++index}`),
    statement.params,
  );
  return rows as Row[];
};

async function decoded(layer: PointTileLayer, tile: TileAddress, encoder: TileEncoder): Promise<DecodedFeature[]> {
  const made = await pointTile(run, layer, tile, 0, encoder);
  const bytes = Array.isArray(made) ? encodeTile([{ name: layer.name, features: made }]) : made.mvt;
  return decode(bytes, layer.name);
}

const comparable = (features: DecodedFeature[]) =>
  features.map((feature) => JSON.stringify({ type: feature.type, geometry: feature.geometry, properties: feature.properties })).sort();

/** Around the seed's cities, from the country down to a street. */
const PLACES = [
  [73.1, 49.8],
  [76.92, 43.25],
  [71.45, 51.17],
] as const;
const ZOOMS = [4, 7, 9, 11, 14];
const TODAY = '2026-12-01';

describe('the database encoder (ST_AsMVT) writes the same tiles as ours', () => {
  it('is the one a PostGIS with protobuf-c gets, and PGlite does not', async () => {
    expect(await tileEncoder(run)).toBe(onRealPostgis ? 'database' : 'javascript');
  });

  const layers: [string, Record<string, string>, () => PointTileLayer][] = [
    ...([{}, { minHazardClass: 'HARMFUL_3_1' }, { okedPrefix: '0', assessmentOverdue: 'false' }] as Record<string, string>[]).map((params): [string, Record<string, string>, () => PointTileLayer] => [
      'enterprises',
      params,
      () => {
        const { filter, today } = enterpriseTiles.parseFilter(new URLSearchParams(params), TODAY);
        return enterpriseTileLayer(filter, today);
      },
    ]),
    ...([{}, { housingProvided: 'true' }, { minSalaryTenge: '300000' }] as Record<string, string>[]).map((params): [string, Record<string, string>, () => PointTileLayer] => [
      'vacancies',
      params,
      () => vacancyTileLayer(vacancyTiles.parseFilter(new URLSearchParams(params), TODAY)),
    ]),
  ];
  for (const [name, params, layerOf] of layers) {
    it.runIf(onRealPostgis)(`${name} ${JSON.stringify(params)}: the same features at zooms ${ZOOMS.join(', ')}`, async () => {
      const layer = layerOf();
      let clusters = 0;
      let singles = 0;
      for (const [lon, lat] of PLACES) {
        for (const z of ZOOMS) {
          const tile = tileOf(lon, lat, z);
          const ours = await decoded(layer, tile, 'javascript');
          const database = await decoded(layer, tile, 'database');
          expect(comparable(database), `${name} ${z}/${tile.x}/${tile.y}`).toEqual(comparable(ours));
          clusters += ours.filter((feature) => feature.properties.cluster === true).length;
          singles += ours.filter((feature) => feature.properties.count === 1).length;
        }
      }
      // Both kinds of feature were compared, not only empty tiles.
      expect(clusters).toBeGreaterThan(0);
      expect(singles).toBeGreaterThan(0);
    });
  }
});
