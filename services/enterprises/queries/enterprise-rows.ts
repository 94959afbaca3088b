import type { Enterprise } from '../entities/enterprise.entity.js';

/** Every enterprise read selects these, so one mapper serves every query. */
export const ENTERPRISE_COLUMNS = `
  e.id, e.bin, e.name, e.oked_code, e.address, e.kato_code, e.region_code,
  ST_Y(e.location::geometry) as lat, ST_X(e.location::geometry) as lon,
  e.headcount, e.quality_jobs, e.hazard_rank, e.workers_in_harmful_conditions,
  e.special_payment_eligible_workers, e.special_payment_monthly_total_tenge::float8 as special_payment_monthly_total_tenge,
  e.last_assessment_date::text as last_assessment_date, e.figures_as_of::text as figures_as_of`;

export interface EnterpriseRow {
  id: string;
  bin: string;
  name: string;
  oked_code: string;
  address: string;
  kato_code: string;
  region_code: string;
  lat: number;
  lon: number;
  headcount: number;
  quality_jobs: number;
  hazard_rank: number;
  workers_in_harmful_conditions: number;
  special_payment_eligible_workers: number;
  special_payment_monthly_total_tenge: number;
  last_assessment_date: string | null;
  figures_as_of: string;
}

/**
 * A plain object of the entity's shape, not a managed instance: read models never enter the unit
 * of work, and a MikroORM instance costs a wrapper and a property redefinition per field, which
 * under a 500-row fan-out was the subgraph's largest cost after garbage collection.
 */
export function toEnterprise(row: EnterpriseRow): Enterprise {
  return {
    id: row.id,
    bin: row.bin,
    name: row.name,
    okedCode: row.oked_code,
    address: row.address,
    katoCode: row.kato_code,
    regionCode: row.region_code,
    location: { lat: row.lat, lon: row.lon },
    headcount: row.headcount,
    qualityJobs: row.quality_jobs,
    hazardRank: row.hazard_rank,
    workersInHarmfulConditions: row.workers_in_harmful_conditions,
    specialPaymentEligibleWorkers: row.special_payment_eligible_workers,
    specialPaymentMonthlyTotalTenge: row.special_payment_monthly_total_tenge,
    lastAssessmentDate: row.last_assessment_date,
    figuresAsOf: row.figures_as_of,
  };
}
