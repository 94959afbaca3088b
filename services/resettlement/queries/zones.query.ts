import { pgArray, type EntityManager } from '../../kernel/db.js';
import { Conflict } from '../../kernel/errors.js';
import { areaCondition, type ParsedArea } from '../../kernel/geo/area.js';
import type { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { toZone, ZONE_COLUMNS, type ZoneRow } from './zone-rows.js';
import { isUuid } from '../../kernel/ids.js';
import { allOf, bound, runSql, sql, type SqlFragment } from '../../kernel/sql.js';

export interface ZoneSearch {
  area: ParsedArea | null;
  regionCode: string | null;
  /** Only zones with a quota for this year. */
  year: number | null;
  /** With `year`: true keeps zones with free families left that year, false keeps zones whose quota is used up. */
  withFreeQuota: boolean | null;
  limit: number;
}

/**
 * Zones matching every given condition, by region then name. A zone is in the searched area when
 * its area intersects it (a radius search: any part of the zone within radiusKm of the point);
 * the kernel's area predicate is applied to the zone polygon in place of a point.
 */
export async function searchZones(em: EntityManager, search: ZoneSearch): Promise<ResettlementZone[]> {
  const conditions: SqlFragment[] = [];
  if (search.area) conditions.push(areaCondition(search.area, { point: 'z.area', regionCode: 'z.region_code' }));
  if (search.regionCode) conditions.push(bound('z.region_code = ?', search.regionCode));
  if (search.year !== null) {
    const free = search.withFreeQuota === null ? '' : search.withFreeQuota ? ' and q.free_families > 0' : ' and q.free_families = 0';
    conditions.push(bound(`exists (select 1 from resettlement.zone_quota_status q where q.zone_id = z.id and q.year = ?${free})`, search.year));
  }
  const found = await runSql<ZoneRow>(
    em,
    sql(
      `select ${ZONE_COLUMNS} from resettlement.resettlement_zone z where `,
      allOf(conditions),
      bound(' order by z.region_code, z.name, z.id limit ?', search.limit),
    ),
  );
  return found.map(toZone);
}

/** Zones by id for reference resolution; an id that is not a UUID simply matches nothing. */
export async function zonesByIds(em: EntityManager, ids: readonly string[]): Promise<ResettlementZone[]> {
  const valid = ids.filter((id) => isUuid(id));
  if (valid.length === 0) return [];
  const found = await runSql<ZoneRow>(em, bound(`select ${ZONE_COLUMNS} from resettlement.resettlement_zone z where z.id = any(?::uuid[])`, pgArray(valid)));
  return found.map(toZone);
}

export async function zonesOfRegions(em: EntityManager, regionCodes: readonly string[]): Promise<ResettlementZone[]> {
  const found = await runSql<ZoneRow>(
    em,
    bound(`select ${ZONE_COLUMNS} from resettlement.resettlement_zone z where z.region_code = any(?::text[]) order by z.name, z.id`, pgArray(regionCodes)),
  );
  return found.map(toZone);
}

export interface ZoneQuotaRow {
  zoneId: string;
  year: number;
  families: number;
  acceptedFamilies: number;
  freeFamilies: number;
}

/** Quotas of (zone, year) pairs, any mix of years, in one statement. */
export async function zoneQuotas(em: EntityManager, keys: readonly { zoneId: string; year: number }[]): Promise<ZoneQuotaRow[]> {
  const valid = keys.filter((key) => isUuid(key.zoneId));
  if (valid.length === 0) return [];
  const rows = await runSql<{ zone_id: string; year: number; families: number; accepted_families: number; free_families: number }>(em, bound(
    `select q.zone_id, q.year, q.families, q.accepted_families, q.free_families
       from resettlement.zone_quota_status q
       join unnest(?::uuid[], ?::int[]) as wanted (zone_id, year) on wanted.zone_id = q.zone_id and wanted.year = q.year`,
    pgArray(valid.map((key) => key.zoneId)), pgArray(valid.map((key) => key.year)),
  ));
  return rows.map((row) => ({
    zoneId: row.zone_id,
    year: row.year,
    families: row.families,
    acceptedFamilies: row.accepted_families,
    freeFamilies: row.free_families,
  }));
}

/** Outbox topics of this subgraph. */
export const ZONE_QUOTA_CHANGED = 'zoneQuotaChanged';
export const APPLICATION_DECIDED = 'applicationDecided';

export interface ZoneQuotaChangedEvent {
  zoneId: string;
  regionCode: string;
}

/** Records that a zone's quota or its accepted families changed, in the caller's transaction. */
export async function recordQuotaChanged(tx: EntityManager, zoneId: string): Promise<void> {
  await runSql(tx, bound(
    `insert into resettlement.outbox (topic, payload)
     select '${ZONE_QUOTA_CHANGED}', jsonb_build_object('zoneId', z.id, 'regionCode', z.region_code)
       from resettlement.resettlement_zone z where z.id = ?`,
    zoneId,
  ));
}

/**
 * Sets a zone's quota for a year (insert or update). The upsert locks the quota row, which is
 * the lock every acceptance in that zone and year takes first; the accepted families are counted
 * only after it, so no acceptance can slip in between the count and the commit. A quota below
 * the families already accepted is refused and the transaction rolls back (nothing written).
 */
export function setZoneQuota(em: EntityManager, quota: { zoneId: string; year: number; families: number }): Promise<void> {
  return em.transactional(async (tx) => {
    await runSql(tx, bound(
      `insert into resettlement.zone_quota (zone_id, year, families) values (?, ?, ?)
       on conflict (zone_id, year) do update set families = excluded.families`,
      quota.zoneId, quota.year, quota.families,
    ));
    const accepted = await acceptedFamilies(tx, quota.zoneId, quota.year);
    if (accepted > quota.families) {
      throw new Conflict(`${accepted} families are already accepted to the zone for ${quota.year}; the quota cannot be lower`);
    }
    await recordQuotaChanged(tx, quota.zoneId);
  });
}

/** Families accepted to a zone in a year; meaningful inside a transaction that holds the quota row's lock. */
export async function acceptedFamilies(tx: EntityManager, zoneId: string, year: number): Promise<number> {
  const [accepted] = await runSql<{ families: number }>(tx, bound(
    `select count(*)::int as families from resettlement.resettlement_application
      where zone_id = ? and year = ? and status = 'ACCEPTED'`,
    zoneId, year,
  ));
  return accepted?.families ?? 0;
}
