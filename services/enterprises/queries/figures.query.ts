import { bound, runSql } from '../../kernel/sql.js';
import { pgArray, type EntityManager } from '../../kernel/db.js';
import { enterpriseFigures, type ActiveContract, type CurrentWorkplace } from '../domain/enterprise-figures.js';

interface CurrentWorkplaceRow extends CurrentWorkplace {
  enterprise_id: string;
}

interface ActiveContractRow extends ActiveContract {
  enterprise_id: string;
}

/** The latest assessment of every workplace is its current one (docs/domain.md §4). */
export const CURRENT_WORKPLACES_SQL = `
  select distinct on (enterprise_id, code) id, enterprise_id, code, title, occupation_code, class_rank, workers,
         assessed_on::text as assessed_on
    from enterprises.workplace_assessment
   where enterprise_id = any(?::uuid[])
   order by enterprise_id, code, assessed_on desc`;

function groupBy<Row>(rows: Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/**
 * THE one writer of the card's summary columns. Callers run it inside the transaction that
 * changed an enterprise's assessments or contracts, so the card is never out of step with them.
 * Three statements for any number of enterprises: current workplaces, active contracts, update.
 */
export async function recomputeEnterpriseFigures(em: EntityManager, enterpriseIds: readonly string[], asOf: string): Promise<void> {
  if (enterpriseIds.length === 0) return;
  const ids = pgArray(enterpriseIds);
  const workplaces = await runSql<CurrentWorkplaceRow>(em, bound(CURRENT_WORKPLACES_SQL, ids));
  const contracts = await runSql<ActiveContractRow>(em, bound(
    `select enterprise_id, iin, workplace_code, contract_type, monthly_salary_tenge, start_date::text as start_date
       from enterprises.employment_contract
      where enterprise_id = any(?::uuid[]) and start_date <= ?::date and (end_date is null or end_date >= ?::date)`,
    ids, asOf, asOf,
  ));
  const columns = {
    headcount: [] as number[],
    qualityJobs: [] as number[],
    hazardRank: [] as number[],
    harmful: [] as number[],
    eligible: [] as number[],
    total: [] as number[],
    lastAssessment: [] as string[],
  };
  const workplacesOf = groupBy(workplaces, (row) => row.enterprise_id);
  const contractsOf = groupBy(contracts, (row) => row.enterprise_id);
  for (const id of enterpriseIds) {
    const figures = enterpriseFigures(workplacesOf.get(id) ?? [], contractsOf.get(id) ?? [], asOf);
    columns.headcount.push(figures.headcount);
    columns.qualityJobs.push(figures.qualityJobs);
    columns.hazardRank.push(figures.hazardRank);
    columns.harmful.push(figures.workersInHarmfulConditions);
    columns.eligible.push(figures.eligibleWorkers);
    columns.total.push(figures.monthlyTotalTenge);
    // pgArray has no NULL element; '' travels as text and becomes null in SQL.
    columns.lastAssessment.push(figures.lastAssessmentDate ?? '');
  }
  await runSql(em, bound(
    `update enterprises.enterprise e
        set headcount = f.headcount, quality_jobs = f.quality_jobs, hazard_rank = f.hazard_rank,
            workers_in_harmful_conditions = f.harmful, special_payment_eligible_workers = f.eligible,
            special_payment_monthly_total_tenge = f.total, last_assessment_date = nullif(f.last_assessment, '')::date,
            figures_as_of = ?::date
       from unnest(?::uuid[], ?::int[], ?::int[], ?::smallint[], ?::int[], ?::int[], ?::bigint[], ?::text[])
            as f(id, headcount, quality_jobs, hazard_rank, harmful, eligible, total, last_assessment)
      where e.id = f.id`,
    asOf,
    ids,
    pgArray(columns.headcount),
    pgArray(columns.qualityJobs),
    pgArray(columns.hazardRank),
    pgArray(columns.harmful),
    pgArray(columns.eligible),
    pgArray(columns.total),
    pgArray(columns.lastAssessment),
  ));
}

/** Cards refreshed per transaction: short transactions, so declarations never wait long behind one. */
const REFRESH_BATCH = 2_000;

/**
 * Recomputes every card whose figures are from before `asOf`, a batch per transaction, walking
 * the primary key. A card a declaration holds locked is skipped: its own transaction recomputes
 * it. Returns how many cards were refreshed.
 */
export async function refreshStaleFigures(em: EntityManager, asOf: string): Promise<number> {
  let refreshed = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const batch = await em.fork().transactional(async (tx) => {
      const rows = await runSql<{ id: string }>(tx, bound(
        `select id from enterprises.enterprise
          where id > ?::uuid and figures_as_of < ?::date
          order by id limit ? for update skip locked`,
        after, asOf, REFRESH_BATCH,
      ));
      const ids = rows.map((row) => row.id);
      await recomputeEnterpriseFigures(tx, ids, asOf);
      return ids;
    });
    if (batch.length === 0) return refreshed;
    refreshed += batch.length;
    after = batch.at(-1)!;
  }
}
