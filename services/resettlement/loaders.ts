import type { EntityManager } from '../kernel/db.js';
import { groupLoader, rowLoader } from '../kernel/loaders.js';
import type { ResettlementApplication } from './entities/resettlement-application.entity.js';
import type { ResettlementZone } from './entities/resettlement-zone.entity.js';
import { applicationsByIds } from './queries/applications.query.js';
import { latestRegionRoles, regionQuotas, type RegionQuotaRow, type RegionRoleRow } from './queries/regions.query.js';
import { zoneQuotas, zonesByIds, zonesOfRegions, type ZoneQuotaRow } from './queries/zones.query.js';
import { zonesWithinReach, type ReachableZoneRow } from './queries/reach.query.js';
import {
  intentionsBySector,
  intentionsOfApplications,
  returnFigures,
  returnsOfApplications,
  type IntentionRow,
  type NewReturn,
  type ReturnFigures,
  type SectorIntentions,
} from './queries/match.query.js';

/** DataLoader keys are strings; a yearly figure is keyed by its owner and year together. */
export const yearKey = (owner: string, year: number): string => `${owner}|${year}`;

function parseYearKey(key: string): { owner: string; year: number } {
  const separator = key.lastIndexOf('|');
  return { owner: key.slice(0, separator), year: Number(key.slice(separator + 1)) };
}

export function createResettlementLoaders(em: EntityManager) {
  return {
    applicationById: rowLoader<string, ResettlementApplication>(
      (ids) => applicationsByIds(em, ids),
      (application) => application.id,
    ),
    zoneById: rowLoader<string, ResettlementZone>(
      (ids) => zonesByIds(em, ids),
      (zone) => zone.id,
    ),
    zonesByRegion: groupLoader<string, ResettlementZone>(
      (codes) => zonesOfRegions(em, codes),
      (zone) => zone.regionCode,
    ),
    /** Keyed by `yearKey(zoneId, year)`: aliases asking for different years still share one statement. */
    zoneQuota: rowLoader<string, ZoneQuotaRow>(
      (keys) => zoneQuotas(em, keys.map(parseYearKey).map(({ owner, year }) => ({ zoneId: owner, year }))),
      (row) => yearKey(row.zoneId, row.year),
    ),
    regionRole: rowLoader<string, RegionRoleRow>(
      (codes) => latestRegionRoles(em, codes),
      (row) => row.regionCode,
    ),
    /** Keyed by `yearKey(regionCode, year)`. */
    regionQuota: rowLoader<string, RegionQuotaRow>(
      (keys) => regionQuotas(em, keys.map(parseYearKey).map(({ owner, year }) => ({ regionCode: owner, year }))),
      (row) => yearKey(row.regionCode, row.year),
    ),
    /** The navigator's zones within reach of a project, by `reachKey`. */
    zonesWithinReach: groupLoader<string, ReachableZoneRow>(
      (keys) => zonesWithinReach(em, keys),
      (row) => row.key,
    ),
    /** A match's applicants by sector, by `applicantScopeKey`. */
    intentionsBySector: groupLoader<string, SectorIntentions>((keys) => intentionsBySector(em, keys), (row) => row.key),
    /** Resettled and returned persons, by `returnScopeKey`. */
    returnFigures: rowLoader<string, ReturnFigures>((keys) => returnFigures(em, keys), (row) => row.key),
    intentionsOfApplication: groupLoader<string, IntentionRow>((ids) => intentionsOfApplications(em, ids), (row) => row.applicationId),
    returnOfApplication: rowLoader<string, NewReturn>((ids) => returnsOfApplications(em, ids), (row) => row.applicationId),
  };
}

export type ResettlementLoaders = ReturnType<typeof createResettlementLoaders>;
