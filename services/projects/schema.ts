import type { RequestContext } from '../kernel/context.js';
import { buildFederatedSchema } from '../kernel/federation.js';
import type { SubgraphDefinition } from '../kernel/subgraph.js';
import { InvestmentProject } from './entities/investment-project.entity.js';
import { createProjectLoaders, type ProjectLoaders } from './loaders.js';
import { Migration20261201090000Projects } from './migrations/Migration20261201090000Projects.js';
import { ProjectRegionResolver, ProjectResolver } from './resolvers/project.resolver.js';
import { projectsSeed } from './seed/projects.seed.js';

export function buildProjectsSchema() {
  return buildFederatedSchema({
    resolvers: [ProjectResolver, ProjectRegionResolver],
    referenceResolvers: {
      InvestmentProject: {
        __resolveReference: (reference: { id: string }, ctx: RequestContext<ProjectLoaders>) => ctx.loaders.projectById.load(reference.id.toLowerCase()),
      },
    },
  });
}

export const projectsSubgraph: SubgraphDefinition<ProjectLoaders> = {
  name: 'projects',
  defaultPort: 4005,
  database: { schema: 'projects', entities: [InvestmentProject], migrations: [Migration20261201090000Projects] },
  buildSchema: buildProjectsSchema,
  createLoaders: createProjectLoaders,
  seed: projectsSeed,
};
