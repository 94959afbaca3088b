import type { RequestContext } from '../kernel/context.js';
import { zoneTiles } from './tiles.js';
import { tileLayer } from '../kernel/tiles/service.js';
import { buildFederatedSchema } from '../kernel/federation.js';
import type { SubgraphDefinition } from '../kernel/subgraph.js';
import { createResettlementLoaders, type ResettlementLoaders } from './loaders.js';
import { Migration20261123020000Resettlement } from './migrations/Migration20261123020000Resettlement.js';
import { Migration20261123030000ResettlementDecisions } from './migrations/Migration20261123030000ResettlementDecisions.js';
import { Migration20261201110000ResettlementOutbox } from './migrations/Migration20261201110000ResettlementOutbox.js';
import { ResettlementSubscriptionsResolver } from './resolvers/subscriptions.resolver.js';
import { ApplicationResolver } from './resolvers/application.resolver.js';
import { RegionResettlementResolver } from './resolvers/region.resolver.js';
import { ZoneResolver } from './resolvers/zone.resolver.js';
import { RecruitmentSources, WorkforceTrainingReport } from './graphql/navigator.types.js';
import { RecruitmentZonesResolver, TrainingDonorsResolver } from './resolvers/navigator.resolver.js';
import { MatchResolver, matchOfKey, ReturnResolver, ZoneReturnResolver } from './resolvers/match.resolver.js';
import { Migration20261201100000ResettlementMatchAndReturns } from './migrations/Migration20261201100000ResettlementMatchAndReturns.js';
import { resettlementSeed } from './seed/resettlement.seed.js';

function buildResettlementSchema() {
  return buildFederatedSchema({
    resolvers: [ZoneResolver, RegionResettlementResolver, ApplicationResolver, ResettlementSubscriptionsResolver, RecruitmentZonesResolver, TrainingDonorsResolver,
      MatchResolver, ReturnResolver, ZoneReturnResolver],
    // The navigator's entities, reached only through _entities.
    orphanedTypes: [RecruitmentSources, WorkforceTrainingReport],
    referenceResolvers: {
      // A match comes back with the vacancies' side (`@requires`); its key says whose it is.
      ResettlementMatch: {
        __resolveReference: async (reference: { id: string }, ctx: RequestContext<ResettlementLoaders>) => {
          const match = await matchOfKey(reference.id, ctx);
          return match && { ...match, ...reference };
        },
      },
      // The whole card, `area` included: vacancies reads it through `@requires(fields: "area")`.
      ResettlementZone: {
        __resolveReference: (reference: { id: string }, ctx: RequestContext<ResettlementLoaders>) =>
          ctx.loaders.zoneById.load(reference.id),
      },
    },
  });
}

export const resettlementSubgraph: SubgraphDefinition<ResettlementLoaders> = {
  name: 'resettlement',
  defaultPort: 4004,
  database: {
    schema: 'resettlement',
    migrations: [
      Migration20261123020000Resettlement,
      Migration20261123030000ResettlementDecisions,
      Migration20261201100000ResettlementMatchAndReturns,
      Migration20261201110000ResettlementOutbox,
    ],
  },
  events: true,
  buildSchema: buildResettlementSchema,
  createLoaders: createResettlementLoaders,
  seed: resettlementSeed,
  tiles: [tileLayer(zoneTiles)],
};
