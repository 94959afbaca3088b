import type { EntityManager } from '../kernel/db.js';
import { groupLoader, rowLoader } from '../kernel/loaders.js';
import type { InvestmentProject } from './entities/investment-project.entity.js';
import type { PlannedJobs } from './graphql/planned-jobs.js';
import { perArguments } from '../kernel/loaders.js';
import { plannedJobsByRegion, plannedJobsOfProjects, projectsByIds, type RegionalPlannedJobs } from './queries/projects.query.js';

export function createProjectLoaders(em: EntityManager) {
  return {
    projectById: rowLoader<string, InvestmentProject>(
      (ids) => projectsByIds(em, ids),
      (project) => project.id,
    ),
    plannedJobs: groupLoader<string, PlannedJobs & { projectId: string }>(
      (ids) => plannedJobsOfProjects(em, ids),
      (jobs) => jobs.projectId,
    ),
    /** The training report reads its planned jobs twice (occupations, then figures); one statement per scope. */
    plannedJobsByRegion: perArguments((scope: { regionCode: string | null; year: number | null }) => {
      let rows: Promise<RegionalPlannedJobs[]> | undefined;
      return () => (rows ??= plannedJobsByRegion(em, scope));
    }),
  };
}

export type ProjectLoaders = ReturnType<typeof createProjectLoaders>;
