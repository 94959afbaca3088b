import { isRegionCode } from '../../kernel/domain/kato.js';
import { isUuid } from '../../kernel/ids.js';

/**
 * Keys of the navigator's entities. They arrive back from the gateway in `_entities`
 * representations, so each is parsed strictly: anything malformed resolves to null.
 */
export function parseLocalityId(id: string): { projectId: string; radiusKm: number } | null {
  const [projectId, radius, ...rest] = id.split('|');
  const radiusKm = Number(radius);
  if (rest.length > 0 || !projectId || !isUuid(projectId) || !Number.isFinite(radiusKm) || radiusKm <= 0) return null;
  return { projectId: projectId.toLowerCase(), radiusKm };
}

export function parseRecruitmentId(id: string): { projectId: string; occupationCode: string } | null {
  const [projectId, occupationCode, ...rest] = id.split('|');
  if (rest.length > 0 || !projectId || !isUuid(projectId) || !occupationCode || !/^\d{4}$/.test(occupationCode)) return null;
  return { projectId: projectId.toLowerCase(), occupationCode };
}

const ANY = '*';

export function trainingReportId(scope: { regionCode: string | null; year: number | null }): string {
  return `${scope.regionCode ?? ANY}|${scope.year ?? ANY}`;
}

export function parseTrainingReportId(id: string): { regionCode: string | null; year: number | null } | null {
  const [region, year, ...rest] = id.split('|');
  if (rest.length > 0 || region === undefined || year === undefined) return null;
  const regionCode = region === ANY ? null : region;
  const parsedYear = year === ANY ? null : Number(year);
  if ((regionCode !== null && !isRegionCode(regionCode)) || (parsedYear !== null && !Number.isInteger(parsedYear))) return null;
  return { regionCode, year: parsedYear };
}
