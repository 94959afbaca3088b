import type { RegionKind } from '../../kernel/domain/regions.js';
import type { Region } from '../entities/region.entity.js';

/**
 * The card's columns on `regions.region r`: every column but the boundary, which weighs up to
 * 95 kB a region and is read only by `Region.boundary`. Read back by `toRegion`.
 */
export const REGION_COLUMNS = `r.code, r.kato_code, r.name_en, r.name_ru, r.name_kk, r.kind, r.admin_center,
  ST_Y(r.center::geometry) as lat, ST_X(r.center::geometry) as lon,
  r.area_km2, r.population, r.population_estimated, r.median_monthly_wage_tenge`;

export interface RegionRow {
  code: string;
  kato_code: string;
  name_en: string;
  name_ru: string;
  name_kk: string;
  kind: RegionKind;
  admin_center: string;
  lat: number;
  lon: number;
  area_km2: number;
  population: number;
  population_estimated: boolean;
  median_monthly_wage_tenge: number;
}

export function toRegion(row: RegionRow): Region {
  return {
    code: row.code,
    katoCode: row.kato_code,
    nameEn: row.name_en,
    nameRu: row.name_ru,
    nameKk: row.name_kk,
    kind: row.kind,
    adminCenter: row.admin_center,
    center: { lat: row.lat, lon: row.lon },
    areaKm2: row.area_km2,
    population: row.population,
    populationEstimated: row.population_estimated,
    medianMonthlyWageTenge: row.median_monthly_wage_tenge,
  };
}
