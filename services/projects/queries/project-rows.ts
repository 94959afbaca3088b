import type { InvestmentProject } from '../entities/investment-project.entity.js';
import type { ProjectStatus } from '../graphql/enums.js';

/** The card's columns on `projects.investment_project p`; read models are plain objects. */
export const PROJECT_COLUMNS = `p.id, p.name, p.sector, p.kato_code, p.region_code, p.settlement,
  ST_Y(p.location::geometry) as lat, ST_X(p.location::geometry) as lon,
  p.investment_tenge::text as investment_tenge, p.start_year, p.end_year, p.status, p.planned_jobs_total`;

export interface ProjectRow {
  id: string;
  name: string;
  sector: string;
  kato_code: string;
  region_code: string;
  settlement: string;
  lat: number;
  lon: number;
  investment_tenge: string;
  start_year: number;
  end_year: number;
  status: ProjectStatus;
  planned_jobs_total: number;
}

export function toProject(row: ProjectRow): InvestmentProject {
  return {
    id: row.id,
    name: row.name,
    sector: row.sector,
    katoCode: row.kato_code,
    regionCode: row.region_code,
    settlement: row.settlement,
    location: { lat: row.lat, lon: row.lon },
    // bigint travels as text; every demo and real figure is far below 2^53.
    investmentTenge: Number(row.investment_tenge),
    startYear: row.start_year,
    endYear: row.end_year,
    status: row.status,
    plannedJobsTotal: row.planned_jobs_total,
  };
}
