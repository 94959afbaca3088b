import { pgArray, type EntityManager } from '../../kernel/db.js';
import { sectorOfOccupation, type WorkSector } from '../../kernel/domain/work-sectors.js';
import type { SectorVacancies } from '../../kernel/graphql/navigator-types.js';
import { bound, runSql } from '../../kernel/sql.js';

/** Where a match counts vacancies: within a radius of a zone's area, or in some regions. */
export type SectorQuestion = { area: string; radiusMetres: number } | { regionCodes: string[] };

/**
 * OPEN vacancies by sector for every question of the request: the zone questions in one
 * statement (the GiST index on open vacancies, around each area), the region questions in
 * another. A vacancy's sector is its occupation's (docs/domain.md §10).
 */
export async function vacanciesBySector(em: EntityManager, keys: readonly string[]): Promise<(SectorVacancies & { key: string })[]> {
  const questions = keys.map((key) => ({ key, question: JSON.parse(key) as SectorQuestion }));
  const zones = questions.flatMap(({ key, question }) => ('area' in question ? [{ key, ...question }] : []));
  const regions = questions.flatMap(({ key, question }) => ('regionCodes' in question ? [{ key, ...question }] : []));
  const rows: { key: string; occupation_code: string; open: number }[] = [];
  if (zones.length > 0) {
    rows.push(
      ...(await runSql<(typeof rows)[number]>(em, bound(
        `select q.key, v.occupation_code, count(*)::int as open
           from unnest(?::text[], ?::text[], ?::float8[]) as q (key, area, radius_metres)
           join vacancies.vacancy v
             on v.status = 'OPEN' and ST_DWithin(v.location, ST_SetSRID(ST_GeomFromGeoJSON(q.area), 4326)::geography, q.radius_metres, false)
          group by q.key, v.occupation_code`,
        pgArray(zones.map((zone) => zone.key)), pgArray(zones.map((zone) => zone.area)), pgArray(zones.map((zone) => zone.radiusMetres)),
      ))),
    );
  }
  if (regions.length > 0) {
    rows.push(
      ...(await runSql<(typeof rows)[number]>(em, bound(
        `select q.key, v.occupation_code, count(*)::int as open
           from unnest(?::text[], ?::text[]) as q (key, region_codes)
           join vacancies.vacancy v on v.status = 'OPEN' and v.region_code = any(string_to_array(q.region_codes, ','))
          group by q.key, v.occupation_code`,
        pgArray(regions.map((region) => region.key)), pgArray(regions.map((region) => region.regionCodes.join(','))),
      ))),
    );
  }
  const totals = new Map<string, Map<WorkSector, number>>();
  for (const row of rows) {
    const sectors = totals.get(row.key) ?? new Map<WorkSector, number>();
    const sector = sectorOfOccupation(row.occupation_code);
    sectors.set(sector, (sectors.get(sector) ?? 0) + row.open);
    totals.set(row.key, sectors);
  }
  return [...totals].flatMap(([key, sectors]) => [...sectors].map(([sector, vacancies]) => ({ key, sector, vacancies })));
}
