import { ConfigError } from '../../kernel/config.js';
import { REGIONS } from '../../kernel/domain/regions.js';
import { readRegionBoundaries } from '../../kernel/seed/region-boundaries.js';
import type { SubgraphSeed } from '../../kernel/seed/seed.js';
import { loadSettlements, type Settlement } from '../../kernel/seed/demo-world.js';

/**
 * The settlements every seed places rows at, with the population the demo gives each (its
 * region's population spread over them, docs/domain.md §8): one batched insert.
 */
async function seedSettlements(target: Parameters<SubgraphSeed['run']>[0], onRows: (count: number) => void): Promise<number> {
  return target.insert<Settlement>(
    {
      table: 'regions.settlement',
      input: { kato_code: 'text', name: 'text', region_code: 'text', lat: 'float8', lon: 'float8', population: 'int' },
      output: {
        kato_code: 'kato_code',
        name: 'name',
        region_code: 'region_code',
        location: 'ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography',
        population: 'population',
      },
      values: (settlement) => ({
        kato_code: settlement.katoCode,
        name: settlement.name,
        region_code: settlement.regionCode,
        lat: settlement.lat,
        lon: settlement.lon,
        population: Math.round(settlement.weight),
      }),
    },
    await loadSettlements(),
    onRows,
  );
}

/**
 * The 20 regions with their real boundaries (made valid, as MultiPolygons, with the geodesic
 * area computed by PostGIS) and the subdivided copy used for point-in-polygon. The same rows
 * whatever size the other subgraphs' seeds are asked for.
 */
export const regionsSeed: SubgraphSeed = {
  // Settlements first: a database seeded before they existed has regions but no settlements, and
  // is completed on start (the region rows are skipped when present).
  tables: ['regions.settlement', 'regions.region', 'regions.region_part'],
  expectedRows: () => REGIONS.length,
  run: async (target, _options, onRows): Promise<Record<string, number>> => {
    const settlements = await seedSettlements(target, () => undefined);
    const { rows: present } = await target.execute<{ regions: number }>('select count(*)::int as regions from regions.region');
    if (present[0]!.regions > 0) return { 'regions.settlement': settlements };
    const boundaries = await readRegionBoundaries();
    for (const region of REGIONS) {
      const boundary = boundaries.get(region.code);
      if (!boundary) throw new ConfigError(`kz-regions.geojson has no feature for ${region.code}`);
      await target.execute(
        `insert into regions.region (code, kato_code, name_en, name_ru, name_kk, kind, admin_center, center,
                                     boundary, area_km2, population, population_estimated, median_monthly_wage_tenge)
         select $1, $2, $3, $4, $5, $6, $7, ST_SetSRID(ST_MakePoint($8, $9), 4326)::geography, b.geom,
                ST_Area(b.geom::geography) / 1e6, $10, $11, $12
           from (select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON($13), 4326)), 3)) as geom) b`,
        [
          region.code,
          region.katoCode,
          region.nameEn,
          region.nameRu,
          region.nameKk,
          region.kind,
          region.adminCenter,
          region.center.lon,
          region.center.lat,
          region.population,
          region.populationEstimated,
          region.medianMonthlyWageTenge,
          JSON.stringify(boundary),
        ],
      );
    }
    await target.execute('insert into regions.region_part (region_code, geom) select code, ST_Subdivide(boundary, 256) from regions.region');
    onRows(REGIONS.length);
    return { 'regions.settlement': settlements, 'regions.region': REGIONS.length };
  },
};
