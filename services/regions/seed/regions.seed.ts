import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../kernel/config.js';
import type { EntityManager } from '../../kernel/db.js';
import { REGIONS } from '../data/regions.js';

interface BoundaryFeature {
  properties: { iso: string };
  geometry: unknown;
}

/**
 * Reads the real boundaries (OpenStreetMap, ODbL 1.0; see ../shared/data/README.md) from the
 * shared data set at run time: the repo never holds a copy of it.
 */
export async function readRegionBoundaries(): Promise<Map<string, unknown>> {
  const path = resolve(loadConfig().regionsGeoJsonPath);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ConfigError(
      `region boundaries not found at ${path}: set REGIONS_GEOJSON to the path of kz-regions.geojson (or SHARED_DATA_DIR to its folder)`,
    );
  }
  const features = (JSON.parse(text) as { features: BoundaryFeature[] }).features;
  return new Map(features.map((feature) => [feature.properties.iso, feature.geometry]));
}

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
