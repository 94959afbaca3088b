import type { EntityManager } from '../kernel/db.js';
import { groupLoader, rowLoader } from '../kernel/loaders.js';
import type { InvestmentProject } from './entities/investment-project.entity.js';
import type { PlannedJobs } from './entities/planned-jobs.js';
import { plannedJobsOfProjects, projectsByIds } from './queries/projects.query.js';

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
  };
}

export type ProjectLoaders = ReturnType<typeof createProjectLoaders>;
