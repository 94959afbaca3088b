import type { RequestContext } from '../kernel/context.js';
import { buildFederatedSchema } from '../kernel/federation.js';
import type { SubgraphDefinition } from '../kernel/subgraph.js';
import { createProjectLoaders, type ProjectLoaders } from './loaders.js';
import { Migration20261201090000Projects } from './migrations/Migration20261201090000Projects.js';
import { Migration20261202000000ProjectTileKey } from './migrations/Migration20261202000000ProjectTileKey.js';
import { parseLocalityId, parseRecruitmentId, parseTrainingReportId, trainingReportId } from './domain/navigator-keys.js';
import { byOccupation, LocalityResolver, ProjectNavigatorResolver, RecruitmentResolver, recruitmentSourcesOf, TrainingReportResolver } from './resolvers/navigator.resolver.js';
import { ProjectRegionResolver, ProjectResolver } from './resolvers/project.resolver.js';
import { projectsSeed } from './seed/projects.seed.js';
import { tileLayer } from '../kernel/tiles/service.js';
import { projectTiles } from './tiles.js';

export function buildProjectsSchema() {
  return buildFederatedSchema({
    resolvers: [ProjectResolver, ProjectRegionResolver, ProjectNavigatorResolver, LocalityResolver, RecruitmentResolver, TrainingReportResolver],
    // The navigator's entities come back here with the figures other subgraphs added to them
    // (`@requires`); the key says which project, radius, occupation or scope they are about.
    referenceResolvers: {
      ProjectLocality: {
        __resolveReference: (reference: { id: string }) => {
          const key = parseLocalityId(reference.id);
          return key && { ...reference, ...key };
        },
      },
      RecruitmentSources: {
        __resolveReference: async (reference: { id: string }, ctx: RequestContext<ProjectLoaders>) => {
          const key = parseRecruitmentId(reference.id);
          const project = key && (await ctx.loaders.projectById.load(key.projectId));
          const planned = project && byOccupation(await ctx.loaders.plannedJobs.load(project.id)).get(key.occupationCode);
          return planned ? { ...reference, ...recruitmentSourcesOf(project, key.occupationCode, planned) } : null;
        },
      },
      WorkforceTrainingReport: {
        __resolveReference: (reference: { id: string }) => {
          const scope = parseTrainingReportId(reference.id);
          return scope && { ...reference, id: trainingReportId(scope), region: scope.regionCode ? { code: scope.regionCode } : null, year: scope.year };
        },
      },
      InvestmentProject: {
        __resolveReference: (reference: { id: string }, ctx: RequestContext<ProjectLoaders>) => ctx.loaders.projectById.load(reference.id.toLowerCase()),
      },
    },
  });
}

export const projectsSubgraph: SubgraphDefinition<ProjectLoaders> = {
  name: 'projects',
  defaultPort: 4005,
  database: { schema: 'projects', migrations: [Migration20261201090000Projects, Migration20261202000000ProjectTileKey] },
  buildSchema: buildProjectsSchema,
  createLoaders: createProjectLoaders,
  seed: projectsSeed,
  tiles: [tileLayer(projectTiles)],
};
