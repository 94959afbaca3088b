import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { toZone, ZONE_COLUMNS, type ZoneRow } from './zone-rows.js';
import { runSql, bound } from '../../kernel/sql.js';

/** One "zones with free quota within reach of a point in a year" question, as a DataLoader key. */
export interface ReachQuestion {
  lat: number;
  lon: number;
  reachMetres: number;
  year: number;
}

export const reachKey = (question: ReachQuestion): string => `${question.lat}|${question.lon}|${question.reachMetres}|${question.year}`;

export interface ReachableZoneRow {
  key: string;
  zone: ResettlementZone;
  distanceKm: number;
  freeFamilies: number;
}

/** Zones with free families that year within reach of each point, nearest first, all questions in one statement. */
export async function zonesWithinReach(em: EntityManager, keys: readonly string[]): Promise<ReachableZoneRow[]> {
  const questions = keys.map((key) => {
    const [lat, lon, reachMetres, year] = key.split('|').map(Number);
    return { key, lat: lat!, lon: lon!, reachMetres: reachMetres!, year: year! };
  });
  const rows = await runSql<ZoneRow & { key: string; distance_km: number; free_families: number }>(em, bound(
    `select q.key, ${ZONE_COLUMNS}, ST_Distance(z.area::geography, ST_SetSRID(ST_MakePoint(q.lon, q.lat), 4326)::geography, false) / 1000.0 as distance_km,
            s.free_families
       from unnest(?::text[], ?::float8[], ?::float8[], ?::float8[], ?::int[]) as q (key, lat, lon, reach_metres, year)
       join resettlement.zone_quota_status s on s.year = q.year and s.free_families > 0
       join resettlement.resettlement_zone z
         on z.id = s.zone_id and ST_DWithin(z.area::geography, ST_SetSRID(ST_MakePoint(q.lon, q.lat), 4326)::geography, q.reach_metres, false)
      order by q.key, distance_km, z.id`,
    pgArray(keys),
    pgArray(questions.map((question) => question.lat)),
    pgArray(questions.map((question) => question.lon)),
    pgArray(questions.map((question) => question.reachMetres)),
    pgArray(questions.map((question) => question.year)),
  ));
  return rows.map(({ key, distance_km, free_families, ...zone }) => ({
    key,
    zone: toZone(zone),
    distanceKm: distance_km,
    freeFamilies: free_families,
  }));
}
