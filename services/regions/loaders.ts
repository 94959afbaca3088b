import type DataLoader from 'dataloader';
import type { EntityManager } from '../kernel/db.js';
import type { GeoJsonGeometry } from '../kernel/geo/postgis-types.js';
import { perArguments, rowLoader } from '../kernel/loaders.js';
import type { Region } from './entities/region.entity.js';
import { regionBoundaries, regionCards } from './queries/regions.query.js';
import { populationAround } from './queries/settlements.query.js';

type BoundaryLoader = DataLoader<string, { code: string; boundary: GeoJsonGeometry } | null>;

export function createRegionLoaders(em: EntityManager) {
  return {
    regionByCode: rowLoader<string, Region>(
      (codes) => regionCards(em, codes),
      (region) => region.code,
    ),
    /** One statement per distinct tolerance in the request, for all regions asked for. */
    boundary: perArguments(
      (simplifyMeters: number): BoundaryLoader =>
        rowLoader((codes) => regionBoundaries(em, codes, simplifyMeters), (row) => row.code),
    ),
    /** The navigator's population around a place, by `circleKey` (null: nobody). */
    populationAround: rowLoader((keys: readonly string[]) => populationAround(em, keys), (row) => row.key),
  };
}

export type RegionLoaders = ReturnType<typeof createRegionLoaders>;
