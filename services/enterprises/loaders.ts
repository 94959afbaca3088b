import DataLoader from 'dataloader';
import type { EntityManager } from '../kernel/db.js';
import { groupLoader, rowLoader } from '../kernel/loaders.js';
import type { SqlFragment } from '../kernel/geo/area.js';
import type { Connection, PageRequest } from '../kernel/pagination.js';
import type { Enterprise } from './entities/enterprise.entity.js';
import type { HazardSummary } from './graphql/card-types.js';
import { currentWorkplaces, inspectionsOf } from './queries/children.query.js';
import { enterprisesByBins, enterprisesByIds, enterprisesOfRegions } from './queries/enterprises.query.js';
import { hazardSummaries } from './queries/hazard.query.js';

type RegionPageLoader = DataLoader<string, Connection<Enterprise>>;

export function createEnterpriseLoaders(em: EntityManager) {
  const regionPages = new Map<string, RegionPageLoader>();
  return {
    enterpriseById: rowLoader<string, Enterprise>((ids) => enterprisesByIds(em, ids), (enterprise) => enterprise.id),
    enterpriseByBin: rowLoader<string, Enterprise>((bins) => enterprisesByBins(em, bins), (enterprise) => enterprise.bin),
    workplacesByEnterprise: groupLoader((ids: readonly string[]) => currentWorkplaces(em, ids), (workplace) => workplace.enterpriseId),
    inspectionsByEnterprise: groupLoader((ids: readonly string[]) => inspectionsOf(em, ids), (inspection) => inspection.enterpriseId),
    hazardSummaryByRegion: new DataLoader<string, HazardSummary>(async (codes) => {
      const summaries = await hazardSummaries(em, codes);
      return codes.map((code) => summaries.get(code) ?? new Error(`no hazard summary for ${code}`));
    }),
    /**
     * `Region.enterprises`: one loader, so one statement, per distinct (filter, page) in the
     * request — the same arguments on every region of a list is the common case.
     */
    enterprisesOfRegion(conditions: SqlFragment[], page: PageRequest): RegionPageLoader {
      const key = JSON.stringify([conditions, page]);
      let loader = regionPages.get(key);
      if (!loader) {
        loader = new DataLoader<string, Connection<Enterprise>>(async (codes) => {
          const pages = await enterprisesOfRegions(em, codes, conditions, page);
          return codes.map((code) => pages.get(code) ?? new Error(`no enterprise page for ${code}`));
        });
        regionPages.set(key, loader);
      }
      return loader;
    },
  };
}

export type EnterpriseLoaders = ReturnType<typeof createEnterpriseLoaders>;
