import { createRandom, loadSettlements } from '../../kernel/seed/demo-world.js';
import type { SubgraphSeed } from '../../kernel/seed/seed.js';
import { DEMO_PROJECTS, demoProjects, type DemoPlannedJobs, type DemoProject } from './demo-projects.js';

/** Its own stream: adding projects must not move the enterprises or zones other seeds draw from the same seed. */
const PROJECTS_STREAM = 0x9e3779b9;

/**
 * The 755 demo projects and their planned jobs, in two batched inserts (a few thousand rows: the
 * first `npm start` stays fast). Their number follows docs/domain.md §1, not the benchmark size.
 */
export const projectsSeed: SubgraphSeed = {
  tables: ['projects.investment_project', 'projects.planned_jobs'],
  expectedRows: () => DEMO_PROJECTS * 10,
  run: async (target, options, onRows) => {
    const projects = demoProjects(createRandom(options.seed ^ PROJECTS_STREAM), await loadSettlements());
    const written = await target.insert<DemoProject>(
      {
        table: 'projects.investment_project',
        input: {
          id: 'uuid',
          name: 'text',
          sector: 'text',
          kato_code: 'text',
          region_code: 'text',
          settlement: 'text',
          lat: 'float8',
          lon: 'float8',
          investment_tenge: 'int8',
          start_year: 'int',
          end_year: 'int',
          status: 'text',
          planned_jobs_total: 'int',
        },
        output: {
          id: 'id',
          name: 'name',
          sector: 'sector',
          kato_code: 'kato_code',
          region_code: 'region_code',
          settlement: 'settlement',
          location: 'ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography',
          investment_tenge: 'investment_tenge',
          start_year: 'start_year',
          end_year: 'end_year',
          status: 'status',
          planned_jobs_total: 'planned_jobs_total',
        },
        values: (project) => ({
          id: project.id,
          name: project.name,
          sector: project.sector,
          kato_code: project.katoCode,
          region_code: project.regionCode,
          settlement: project.settlement,
          lat: project.lat,
          lon: project.lon,
          investment_tenge: project.investmentTenge,
          start_year: project.startYear,
          end_year: project.endYear,
          status: project.status,
          planned_jobs_total: project.plannedJobs.reduce((sum, jobs) => sum + jobs.count, 0),
        }),
      },
      projects,
      onRows,
    );
    const planned = await target.insert<DemoPlannedJobs>(
      {
        table: 'projects.planned_jobs',
        input: { project_id: 'uuid', occupation_code: 'text', year: 'int', count: 'int', monthly_salary_tenge: 'int' },
        values: (jobs) => ({
          project_id: jobs.projectId,
          occupation_code: jobs.occupationCode,
          year: jobs.year,
          count: jobs.count,
          monthly_salary_tenge: jobs.monthlySalaryTenge,
        }),
      },
      projects.flatMap((project) => project.plannedJobs),
      onRows,
    );
    return { 'projects.investment_project': written, 'projects.planned_jobs': planned };
  },
};
