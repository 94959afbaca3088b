import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { ResettlementRole } from '../graphql/enums.js';
import { runSql, bound } from '../../kernel/sql.js';

export interface RegionRoleRow {
  regionCode: string;
  role: ResettlementRole;
}

/** A region's role in the latest year with resettlement data; regions without data are not returned. */
export async function latestRegionRoles(em: EntityManager, regionCodes: readonly string[]): Promise<RegionRoleRow[]> {
  const rows = await runSql<{ region_code: string; role: ResettlementRole }>(em, bound(
    `select distinct on (region_code) region_code, role
       from resettlement.region_resettlement
      where region_code = any(?::text[])
      order by region_code, year desc`,
    pgArray(regionCodes),
  ));
  return rows.map((row) => ({ regionCode: row.region_code, role: row.role }));
}

export interface RegionQuotaRow {
  regionCode: string;
  year: number;
  kandasPersons: number;
  resettlerPersons: number;
}

/** Quotas of (region, year) pairs, any mix of years, in one statement. */
export async function regionQuotas(em: EntityManager, keys: readonly { regionCode: string; year: number }[]): Promise<RegionQuotaRow[]> {
  const rows = await runSql<{ region_code: string; year: number; kandas_persons: number; resettler_persons: number }>(em, bound(
    `select r.region_code, r.year, r.kandas_persons, r.resettler_persons
       from resettlement.region_resettlement r
       join unnest(?::text[], ?::int[]) as wanted (region_code, year)
         on wanted.region_code = r.region_code and wanted.year = r.year`,
    pgArray(keys.map((key) => key.regionCode)), pgArray(keys.map((key) => key.year)),
  ));
  return rows.map((row) => ({
    regionCode: row.region_code,
    year: row.year,
    kandasPersons: row.kandas_persons,
    resettlerPersons: row.resettler_persons,
  }));
}
