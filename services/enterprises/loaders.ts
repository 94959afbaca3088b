import type { EntityManager } from '../kernel/db.js';
import { groupLoader, mapLoader, perArguments, rowLoader } from '../kernel/loaders.js';
import type { PageRequest } from '../kernel/pagination.js';
import type { Enterprise } from './entities/enterprise.entity.js';
import { contractPages, declarationPages } from './queries/declarations.query.js';
import { currentWorkplaces, inspectionsOf } from './queries/children.query.js';
import { enterprisesByBins, enterprisesByIds, enterprisesOfRegions } from './queries/enterprises.query.js';
import type { SqlFragment } from '../kernel/sql.js';
import { hazardSummaries } from './queries/hazard.query.js';
import { localWorkforce, regionalWorkforce } from './queries/workforce.query.js';
import { todayInKazakhstan } from '../kernel/domain/calendar.js';

export function createEnterpriseLoaders(em: EntityManager) {
  // One loader, so one statement, per distinct page arguments in the request.
  const regionPages = perArguments(({ conditions, page }: { conditions: SqlFragment[]; page: PageRequest }) =>
    mapLoader((codes: readonly string[]) => enterprisesOfRegions(em, codes, conditions, page)),
  );
  return {
    enterpriseById: rowLoader<string, Enterprise>((ids) => enterprisesByIds(em, ids), (enterprise) => enterprise.id),
    enterpriseByBin: rowLoader<string, Enterprise>((bins) => enterprisesByBins(em, bins), (enterprise) => enterprise.bin),
    workplacesByEnterprise: groupLoader((ids: readonly string[]) => currentWorkplaces(em, ids), (workplace) => workplace.enterpriseId),
    inspectionsByEnterprise: groupLoader((ids: readonly string[]) => inspectionsOf(em, ids), (inspection) => inspection.enterpriseId),
    hazardSummaryByRegion: mapLoader((codes: readonly string[]) => hazardSummaries(em, codes)),
    /** `Region.enterprises`, by region code. */
    enterprisesOfRegion: (conditions: SqlFragment[], page: PageRequest) => regionPages({ conditions, page }),
    /** `Enterprise.declarations`, by enterprise id. */
    declarationsOfEnterprise: perArguments((page: PageRequest) => mapLoader((ids: readonly string[]) => declarationPages(em, ids, page))),
    /** `LaborRelationsDeclaration.contracts`, by declaration id. */
    contractsOfDeclaration: perArguments((page: PageRequest) => mapLoader((ids: readonly string[]) => contractPages(em, ids, page))),
    /** The navigator's workforce around a place, by `localQuestionKey` (null: no workers). */
    localWorkforce: rowLoader((keys: readonly string[]) => localWorkforce(em, keys, todayInKazakhstan()), (row) => row.key),
    /** The navigator's workforce per region, by occupation code. */
    regionalWorkforce: groupLoader((codes: readonly string[]) => regionalWorkforce(em, codes, todayInKazakhstan()), (row) => row.occupationCode),
  };
}

export type EnterpriseLoaders = ReturnType<typeof createEnterpriseLoaders>;
