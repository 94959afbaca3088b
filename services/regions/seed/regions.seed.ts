import { ConfigError } from '../../kernel/config.js';
import { readRegionBoundaries } from '../../kernel/seed/region-boundaries.js';
import type { EntityManager } from '../../kernel/db.js';
import { REGIONS } from '../../kernel/domain/regions.js';

export async function seedRegionsIfEmpty(em: EntityManager): Promise<void> {
  const connection = em.getConnection();
  const [{ count }] = (await connection.execute('select count(*)::int as count from regions.region')) as [{ count: number }];
  if (count > 0) return;
  const boundaries = await readRegionBoundaries();
  await em.transactional(async (tx) => {
    for (const region of REGIONS) {
      const boundary = boundaries.get(region.code);
      if (!boundary) throw new ConfigError(`kz-regions.geojson has no feature for ${region.code}`);
      await tx.getConnection().execute(
        `insert into regions.region (code, kato_code, name_en, name_ru, name_kk, kind, admin_center, center,
                                     boundary, area_km2, population, population_estimated, median_monthly_wage_tenge)
         select ?, ?, ?, ?, ?, ?, ?, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, b.geom,
                ST_Area(b.geom::geography) / 1e6, ?, ?, ?
           from (select ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(?), 4326)), 3)) as geom) b`,
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
        'run',
        tx.getTransactionContext(),
      );
    }
    await tx
      .getConnection()
      .execute(
        'insert into regions.region_part (region_code, geom) select code, ST_Subdivide(boundary, 256) from regions.region',
        [],
        'run',
        tx.getTransactionContext(),
      );
  });
  await connection.execute('analyze regions.region; analyze regions.region_part');
}
