import { buildFederatedSchema } from '../kernel/federation.js';
import { regionTiles } from './tiles.js';
import { tileLayer } from '../kernel/tiles/service.js';
import type { SubgraphDefinition } from '../kernel/subgraph.js';
import type { RequestContext } from '../kernel/context.js';
import { Region } from './entities/region.entity.js';
import { createRegionLoaders, type RegionLoaders } from './loaders.js';
import { Migration20261123000100Regions } from './migrations/Migration20261123000100Regions.js';
import { RegionResolver } from './resolvers/region.resolver.js';
import { regionsSeed } from './seed/regions.seed.js';

function buildRegionsSchema() {
  return buildFederatedSchema({
    resolvers: [RegionResolver],
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
  database: { schema: 'regions', entities: [Region], migrations: [Migration20261123000100Regions] },
  buildSchema: buildRegionsSchema,
  createLoaders: createRegionLoaders,
  seed: regionsSeed,
  tiles: [tileLayer(regionTiles)],
};
