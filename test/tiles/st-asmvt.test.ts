import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { tileOf, type TileAddress } from '../../services/kernel/tiles/grid.js';
import { decode, fetchTile, type DecodedFeature } from './support.js';

/**
 * On a real PostGIS (built with protobuf-c), our tiles decode to the same features as
 * PostGIS's own ST_AsMVT over the same rows (docs/architecture.md, "Map tiles"). The embedded
 * PGlite cannot run ST_AsMVT at all, which is why the encoder exists; there this file skips.
 */
const onRealPostgis = inject('databaseServerUrl') !== '';

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
});
afterAll(() => pool?.end());

async function postgisTile(sql: string, tile: TileAddress): Promise<DecodedFeature[]> {
  const { rows } = await pool.query<{ mvt: Buffer }>(sql, [tile.z, tile.x, tile.y]);
  return decode(rows[0]?.mvt ?? new Uint8Array(), 'reference');
}

/** Signed area of a feature's rings (shoelace), in tile units². */
function area(feature: DecodedFeature): number {
  let total = 0;
  for (const ring of feature.geometry) {
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]!.x * ring[i]!.y - ring[i]!.x * ring[j]!.y;
    total += sum / 2;
  }
  return total;
}

describe.runIf(onRealPostgis)('our tiles against ST_AsMVT on the same database', () => {
  it('enterprise points at zoom 14: the same enterprises, the same properties, positions within one tile unit', async () => {
    const { rows } = await pool.query<{ lon: number; lat: number }>(
      "select ST_X(location::geometry) as lon, ST_Y(location::geometry) as lat from enterprises.enterprise where region_code = 'KZ-35' order by id limit 5",
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const tile = tileOf(row.lon, row.lat, 14);
      const ours = await fetchTile('enterprises', tile);
      const reference = await postgisTile(
        `select ST_AsMVT(t, 'reference', 4096, 'geom') as mvt from (
           select e.id::text as id, e.bin::text as bin, e.name, e.headcount,
                  ST_AsMVTGeom(ST_Transform(e.location::geometry, 3857), ST_TileEnvelope($1, $2, $3), 4096, 0, true) as geom
             from enterprises.enterprise e
            where e.location::geometry && ST_Transform(ST_TileEnvelope($1, $2, $3), 4326)) t
          where geom is not null`,
        tile,
      );
      const byId = new Map(reference.map((feature) => [feature.properties.id, feature]));
      expect(ours.map((feature) => feature.properties.id).sort()).toEqual([...byId.keys()].sort());
      for (const feature of ours) {
        const match = byId.get(feature.properties.id)!;
        expect(feature.type).toBe(match.type);
        expect({ id: feature.properties.id, bin: feature.properties.bin, name: feature.properties.name, headcount: feature.properties.headcount }).toEqual(match.properties);
        expect(Math.abs(feature.geometry[0]![0]!.x - match.geometry[0]![0]!.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(feature.geometry[0]![0]!.y - match.geometry[0]![0]!.y)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('region polygons at zooms 4 and 7: the same regions, exterior rings clockwise, areas within 1 %', async () => {
    for (const tile of [tileOf(73.1, 49.8, 4), tileOf(76.9, 43.25, 7)]) {
      const ours = await fetchTile('regions', tile);
      const reference = await postgisTile(
        `select ST_AsMVT(t, 'reference', 4096, 'geom') as mvt from (
           select r.code, ST_AsMVTGeom(ST_Transform(r.boundary, 3857), ST_TileEnvelope($1, $2, $3), 4096, 64, true) as geom
             from regions.region r
            where r.boundary && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 64.0 / 4096), 4326)) t
          where geom is not null`,
        tile,
      );
      const referenceByCode = new Map(reference.map((feature) => [feature.properties.code, feature]));
      expect(ours.map((feature) => feature.properties.code).sort()).toEqual([...referenceByCode.keys()].sort());
      for (const feature of ours) {
        expect(feature.type).toBe(3);
        const expected = area(referenceByCode.get(feature.properties.code)!);
        // Positive shoelace area in tile coordinates (y down) is clockwise, as the MVT spec wants exterior rings, and as ST_AsMVTGeom writes them.
        expect(area(feature)).toBeGreaterThan(0);
        expect(Math.abs(area(feature) - expected) / expected).toBeLessThan(0.01);
      }
    }
  });
});
