import { buildFederatedSchema } from '../kernel/federation.js';
import { regionTiles } from './tiles.js';
import { tileLayer } from '../kernel/tiles/service.js';
import type { SubgraphDefinition } from '../kernel/subgraph.js';
import type { RequestContext } from '../kernel/context.js';
import { createRegionLoaders, type RegionLoaders } from './loaders.js';
import { Migration20261123000100Regions } from './migrations/Migration20261123000100Regions.js';
import { RegionResolver } from './resolvers/region.resolver.js';
import { LocalityPopulationResolver } from './resolvers/locality.resolver.js';
import { ProjectLocality } from './entities/project-locality.stub.js';
import { Migration20261201090100Settlements } from './migrations/Migration20261201090100Settlements.js';
import { regionsSeed } from './seed/regions.seed.js';

function buildRegionsSchema() {
  return buildFederatedSchema({
    resolvers: [RegionResolver, LocalityPopulationResolver],
    // The navigator's locality, reached only through _entities.
    orphanedTypes: [ProjectLocality],
    referenceResolvers: {
      Region: {
        __resolveReference: (reference: { code: string }, ctx: RequestContext<RegionLoaders>) =>
          ctx.loaders.regionByCode.load(reference.code),
      },
    },
  });
}

export const regionsSubgraph: SubgraphDefinition<RegionLoaders> = {
  name: 'regions',
  defaultPort: 4001,
  database: { schema: 'regions', migrations: [Migration20261123000100Regions, Migration20261201090100Settlements] },
  buildSchema: buildRegionsSchema,
  createLoaders: createRegionLoaders,
  seed: regionsSeed,
  tiles: [tileLayer(regionTiles)],
};
