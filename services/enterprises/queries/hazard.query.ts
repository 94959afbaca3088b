import { pgArray, type EntityManager } from '../../kernel/db.js';
import { classRank } from '../../kernel/domain/working-conditions.js';
import type { WorkingConditionsClass } from '../../kernel/domain/working-conditions.js';
import type { HazardSummary, HazardousWorkPaymentReport } from '../graphql/card-types.js';
import { allOf, bound, runSql, sql, type SqlFragment } from '../../kernel/sql.js';
import { classOfRank } from '../domain/class-rank.js';

interface PaymentGroupRow {
  by_region: boolean;
  by_class: boolean;
  region_code: string | null;
  hazard_rank: number | null;
  enterprises: number;
  workers_in_harmful_conditions: number;
  eligible_workers: number;
  monthly_total_tenge: number;
}

function figuresOf(row: PaymentGroupRow | undefined) {
  return {
    enterprises: row?.enterprises ?? 0,
    workersInHarmfulConditions: row?.workers_in_harmful_conditions ?? 0,
    eligibleWorkers: row?.eligible_workers ?? 0,
    monthlyTotalTenge: row?.monthly_total_tenge ?? 0,
  };
}

/**
 * The total, per region and per class in one statement (grouping sets), over exactly the rows
 * `enterprises(area, filter: { minHazardClass })` lists, so the report and the list always agree.
 */
export async function hazardousWorkPayments(
  em: EntityManager,
  areaConditions: SqlFragment[],
  minClass: WorkingConditionsClass,
): Promise<HazardousWorkPaymentReport> {
  const where = allOf([...areaConditions, bound('e.hazard_rank >= ?', classRank(minClass))]);
  const rows = await runSql<PaymentGroupRow>(
    em,
    sql(
      `select grouping(e.region_code) = 0 as by_region, grouping(e.hazard_rank) = 0 as by_class, e.region_code, e.hazard_rank,
              count(*)::int as enterprises,
              coalesce(sum(e.workers_in_harmful_conditions), 0)::int as workers_in_harmful_conditions,
              coalesce(sum(e.special_payment_eligible_workers), 0)::int as eligible_workers,
              coalesce(sum(e.special_payment_monthly_total_tenge), 0)::float8 as monthly_total_tenge
         from enterprises.enterprise e
        where `,
      where,
      ' group by grouping sets ((e.region_code), (e.hazard_rank), ())',
    ),
  );
  return {
    ...figuresOf(rows.find((row) => !row.by_region && !row.by_class)),
    byRegion: rows
      .filter((row) => row.by_region)
      .sort((a, b) => (a.region_code ?? '').localeCompare(b.region_code ?? ''))
      .map((row) => ({ region: { code: row.region_code ?? '' }, ...figuresOf(row) })),
    byClass: rows
      .filter((row) => row.by_class)
      .sort((a, b) => (b.hazard_rank ?? 0) - (a.hazard_rank ?? 0))
      .map((row) => ({ conditionsClass: classOfRank(row.hazard_rank ?? 0), ...figuresOf(row) })),
  };
}

interface RegionClassRow {
  region_code: string;
  hazard_rank: number;
  enterprises: number;
  workers_in_harmful_conditions: number;
  eligible_workers: number;
  headcount: number;
}

const HAZARDOUS_RANK = classRank('HARMFUL_3_1');

/** `Region.hazardSummary` of every region in the response, one statement. */
export async function hazardSummaries(em: EntityManager, regionCodes: readonly string[]): Promise<Map<string, HazardSummary>> {
  const rows = await runSql<RegionClassRow>(em, bound(
    `select e.region_code, e.hazard_rank, count(*)::int as enterprises,
            sum(e.workers_in_harmful_conditions)::int as workers_in_harmful_conditions,
            sum(e.special_payment_eligible_workers)::int as eligible_workers,
            sum(e.headcount)::int as headcount
       from enterprises.enterprise e
      where e.region_code = any(?::text[])
      group by e.region_code, e.hazard_rank
      order by e.region_code, e.hazard_rank desc`,
    pgArray(regionCodes),
  ));
  const summaries = new Map<string, HazardSummary>(
    regionCodes.map((code) => [code, { enterprises: 0, hazardousEnterprises: 0, workersInHarmfulConditions: 0, eligibleWorkers: 0, byClass: [] }]),
  );
  for (const row of rows) {
    const summary = summaries.get(row.region_code);
    if (!summary) continue;
    summary.enterprises += row.enterprises;
    if (row.hazard_rank >= HAZARDOUS_RANK) summary.hazardousEnterprises += row.enterprises;
    summary.workersInHarmfulConditions += row.workers_in_harmful_conditions;
    summary.eligibleWorkers += row.eligible_workers;
    summary.byClass.push({ conditionsClass: classOfRank(row.hazard_rank), enterprises: row.enterprises, workers: row.headcount });
  }
  return summaries;
}
