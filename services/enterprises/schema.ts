import type { RequestContext } from '../kernel/context.js';
import { buildFederatedSchema } from '../kernel/federation.js';
import type { SubgraphDefinition } from '../kernel/subgraph.js';
import { createEnterpriseLoaders, type EnterpriseLoaders } from './loaders.js';
import { Migration20261123010000Enterprises } from './migrations/Migration20261123010000Enterprises.js';
import { Migration20261123040000EnterpriseWrites } from './migrations/Migration20261123040000EnterpriseWrites.js';
import { Migration20261201090000SupersededContracts } from './migrations/Migration20261201090000SupersededContracts.js';
import { Migration20261201100000EnterpriseOutbox } from './migrations/Migration20261201100000EnterpriseOutbox.js';
import { Migration20261201120000EnterpriseCells } from './migrations/Migration20261201120000EnterpriseCells.js';
import { Migration20261202000000EnterpriseTileKey } from './migrations/Migration20261202000000EnterpriseTileKey.js';
import { Migration20261202100000EnterpriseFineCells } from './migrations/Migration20261202100000EnterpriseFineCells.js';
import { DeclarationResolver, EmploymentContractResolver } from './resolvers/declaration.resolver.js';
import { EnterpriseSubscriptionsResolver } from './resolvers/enterprise-subscriptions.resolver.js';
import { EnterpriseWritesResolver } from './resolvers/enterprise-writes.resolver.js';
import { EnterpriseResolver } from './resolvers/enterprise.resolver.js';
import { HazardReportResolver } from './resolvers/hazard-report.resolver.js';
import { RegionEnterprisesResolver } from './resolvers/region.resolver.js';
import { enterprisesSeed } from './seed/enterprises.seed.js';
import { LocalityWorkforceResolver, RecruitmentWorkforceResolver, TrainingWorkforceResolver } from './resolvers/navigator.resolver.js';
import { refreshStaleFigures } from './queries/figures.query.js';
import { todayInKazakhstan } from '../kernel/domain/calendar.js';
import { enterpriseTiles } from './tiles.js';
import { tileLayer } from '../kernel/tiles/service.js';
import { ProjectLocality, RecruitmentSources, WorkforceTrainingReport } from './entities/navigator.stubs.js';

type Context = RequestContext<EnterpriseLoaders>;

function buildEnterprisesSchema() {
  return buildFederatedSchema({
    resolvers: [EnterpriseResolver, RegionEnterprisesResolver, HazardReportResolver, EnterpriseWritesResolver, EnterpriseSubscriptionsResolver, DeclarationResolver, EmploymentContractResolver,
      LocalityWorkforceResolver, RecruitmentWorkforceResolver, TrainingWorkforceResolver],
    // The navigator's entities, reached only through _entities.
    orphanedTypes: [ProjectLocality, RecruitmentSources, WorkforceTrainingReport],
    referenceResolvers: {
      // Either key may arrive; both go through a per-request DataLoader (one statement per batch).
      Enterprise: {
        __resolveReference: (reference: { id?: string; bin?: string }, ctx: Context) =>
          reference.id !== undefined
            ? ctx.loaders.enterpriseById.load(reference.id.toLowerCase())
            : ctx.loaders.enterpriseByBin.load(reference.bin ?? ''),
      },
    },
  });
}

export const enterprisesSubgraph: SubgraphDefinition<EnterpriseLoaders> = {
  name: 'enterprises',
  defaultPort: 4002,
  database: {
    schema: 'enterprises',
    migrations: [Migration20261123010000Enterprises, Migration20261123040000EnterpriseWrites, Migration20261201090000SupersededContracts, Migration20261201100000EnterpriseOutbox, Migration20261201120000EnterpriseCells, Migration20261202000000EnterpriseTileKey, Migration20261202100000EnterpriseFineCells],
  },
  events: true,
  buildSchema: buildEnterprisesSchema,
  createLoaders: createEnterpriseLoaders,
  seed: enterprisesSeed,
  tiles: [tileLayer(enterpriseTiles)],
  jobs: [
    {
      name: 'refresh-stale-figures',
      everyMinutes: (config) => config.FIGURES_REFRESH_MINUTES,
      run: async (database, log) => {
        const refreshed = await refreshStaleFigures(database.orm.em, todayInKazakhstan());
        if (refreshed > 0) log.info({ refreshed }, 'card figures recomputed for today');
      },
    },
  ],
};
