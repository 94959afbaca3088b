import DataLoader from 'dataloader';
import type { EntityManager } from '../kernel/db.js';
import { groupLoader, rowLoader } from '../kernel/loaders.js';
import type { SqlFragment } from '../kernel/geo/area.js';
import type { Connection, PageRequest } from '../kernel/pagination.js';
import type { Enterprise } from './entities/enterprise.entity.js';
import type { HazardSummary } from './graphql/card-types.js';
import { contractPages, declarationPages } from './queries/declarations.query.js';
import { currentWorkplaces, inspectionsOf } from './queries/children.query.js';
import { enterprisesByBins, enterprisesByIds, enterprisesOfRegions } from './queries/enterprises.query.js';
import { hazardSummaries } from './queries/hazard.query.js';

/**
 * Per-parent pages: one loader, so one statement, per distinct arguments in the request — the
 * same arguments on every parent of a list is the common case. (Generic; a kernel candidate.)
 */
function pageLoaders<Arguments, Node>(
  fetch: (parents: readonly string[], args: Arguments) => Promise<Map<string, Connection<Node>>>,
): (args: Arguments) => DataLoader<string, Connection<Node>> {
  const loaders = new Map<string, DataLoader<string, Connection<Node>>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, Connection<Node>>(async (parents) => {
        const pages = await fetch(parents, args);
        return parents.map((parent) => pages.get(parent) ?? new Error(`no page for ${parent}`));
      });
      loaders.set(key, loader);
    }
    return loader;
  };
}

export function createEnterpriseLoaders(em: EntityManager) {
  const regionPages = pageLoaders<{ conditions: SqlFragment[]; page: PageRequest }, Enterprise>((codes, { conditions, page }) =>
    enterprisesOfRegions(em, codes, conditions, page),
  );
  return {
    enterpriseById: rowLoader<string, Enterprise>((ids) => enterprisesByIds(em, ids), (enterprise) => enterprise.id),
    enterpriseByBin: rowLoader<string, Enterprise>((bins) => enterprisesByBins(em, bins), (enterprise) => enterprise.bin),
    workplacesByEnterprise: groupLoader((ids: readonly string[]) => currentWorkplaces(em, ids), (workplace) => workplace.enterpriseId),
    inspectionsByEnterprise: groupLoader((ids: readonly string[]) => inspectionsOf(em, ids), (inspection) => inspection.enterpriseId),
    hazardSummaryByRegion: new DataLoader<string, HazardSummary>(async (codes) => {
      const summaries = await hazardSummaries(em, codes);
      return codes.map((code) => summaries.get(code) ?? new Error(`no hazard summary for ${code}`));
    }),
    /** `Region.enterprises`, by region code. */
    enterprisesOfRegion: (conditions: SqlFragment[], page: PageRequest) => regionPages({ conditions, page }),
    /** `Enterprise.declarations`, by enterprise id. */
    declarationsOfEnterprise: pageLoaders((ids, page: PageRequest) => declarationPages(em, ids, page)),
    /** `LaborRelationsDeclaration.contracts`, by declaration id. */
    contractsOfDeclaration: pageLoaders((ids, page: PageRequest) => contractPages(em, ids, page)),
  };
}

export type EnterpriseLoaders = ReturnType<typeof createEnterpriseLoaders>;
