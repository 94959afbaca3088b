import { readFilterParams } from '../kernel/tiles/params.js';
import { pointLayerTile, singleProperties, type PointTileLayer } from '../kernel/tiles/points.js';
import type { TileLayer } from '../kernel/tiles/service.js';
import { bound } from '../kernel/sql.js';
import { ProjectStatus } from './graphql/enums.js';
import { parseProjectFilter, type InvestmentProjectFilter } from './graphql/project-filter.js';
import { projectFilterConditions, type ProjectFilter } from './queries/projects.query.js';

/** The layer's SQL for a filter: its rows, groups and feature properties (the same on both encoders). */
export function projectTileLayer(filter: ProjectFilter): PointTileLayer {
  return {
    name: 'projects',
    from: 'projects.investment_project p',
    location: 'p.location',
    columns: ['planned_jobs_total', 'investment_tenge', 'id', 'name', 'sector', 'status'],
    key: 'p.id',
    singleBytes: 'octet_length(p.name) + octet_length(p.sector) + 84',
    conditions: projectFilterConditions(null, filter),
    aggregates: bound('sum(p.planned_jobs_total)::int as planned_jobs, (sum(p.investment_tenge) / 1e9)::float8 as investment_billion'),
    singles: bound('min(p.id::text) as id, min(p.name) as name, min(p.sector) as sector, min(p.status) as status'),
    properties: bound(
      `g.count, g.count > 1 as cluster, g.planned_jobs as "plannedJobs",
       round(g.investment_billion::numeric, 1)::float8 as "investmentBillionTenge",
       ${singleProperties({ id: 'id', name: 'name', sector: 'sector', status: 'status' })}`,
    ),
  };
}

/**
 * `projects` points: the investment projects, GraphQL's InvestmentProjectFilter as query
 * parameters (same names, validation and SQL as Query.investmentProjects). Every feature carries
 * the planned jobs it stands for, so the map sizes circles by jobs; a single project its card.
 */
export const projectTiles: TileLayer<ProjectFilter> = {
  name: 'projects',
  description: 'Investment projects under way (points); below the cluster zoom, grid clusters with count and planned jobs',
  minzoom: 0,
  maxzoom: 14,
  fields: {
    count: 'Number: projects in this feature (1 for a single project)',
    cluster: 'Boolean: true when the feature groups several projects',
    plannedJobs: 'Number: jobs the projects plan, all occupations and years',
    investmentBillionTenge: 'Number: their investment, billion tenge',
    id: 'String: InvestmentProject.id (single projects only)',
    name: 'String (single projects only)',
    sector: 'String: OKED class (single projects only)',
    status: 'String: ProjectStatus (single projects only)',
  },
  parseFilter(params) {
    const values = readFilterParams(params, {
      sectorPrefix: 'string',
      status: { enum: Object.values(ProjectStatus) },
      minInvestmentTenge: 'integer',
      regionCode: 'string',
    });
    return parseProjectFilter(values as InvestmentProjectFilter, '');
  },
  features(em, tile, filter, coarser) {
    return pointLayerTile(em, projectTileLayer(filter), tile, coarser);
  },
};
