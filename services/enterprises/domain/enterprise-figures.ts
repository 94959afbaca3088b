import { isQualityJob } from '../../kernel/domain/money.js';
import { parseIsoDate } from '../../kernel/domain/calendar.js';
import { classRank, isHarmful, worstClass } from '../../kernel/domain/working-conditions.js';
import type { DeclaredContractType } from '../entities/employment-contract.entity.js';
import { classOfRank } from './class-rank.js';
import { estimateMonthlyPayment } from './special-payment.js';

/**
 * The card's summary figures of one enterprise, derived from its current workplace assessments
 * and the contracts active on `asOf`. One function for every writer: the declaration and
 * assessment mutations (through `recomputeEnterpriseFigures`) and the seed, which computes them
 * from the rows it is about to write instead of reading a million enterprises back.
 */

/**
 * The contract's `hazardClass` is never null. An enterprise without a current assessment is
 * reported as acceptable (model) — filters, orders and summaries all see the same value — and
 * is flagged for inspectors by `assessmentOverdue` and a null `lastAssessmentDate`.
 */
const UNASSESSED_HAZARD_CLASS = 'ACCEPTABLE_2';

export interface CurrentWorkplace {
  code: string;
  class_rank: number;
  workers: number;
  assessed_on: string;
}

export interface ActiveContract {
  iin: string;
  workplace_code: string | null;
  contract_type: DeclaredContractType;
  monthly_salary_tenge: number;
  start_date: string;
}

export interface EnterpriseFigures {
  headcount: number;
  qualityJobs: number;
  hazardRank: number;
  workersInHarmfulConditions: number;
  eligibleWorkers: number;
  monthlyTotalTenge: number;
  lastAssessmentDate: string | null;
}

export function enterpriseFigures(workplaces: readonly CurrentWorkplace[], contracts: readonly ActiveContract[], asOf: string): EnterpriseFigures {
  const year = parseIsoDate(asOf).year;
  const classByWorkplace = new Map(workplaces.map((workplace) => [workplace.code, classOfRank(workplace.class_rank)]));
  const hazardClass = worstClass([...classByWorkplace.values()]);
  const figures: EnterpriseFigures = {
    headcount: contracts.length,
    qualityJobs: 0,
    hazardRank: classRank(hazardClass ?? UNASSESSED_HAZARD_CLASS),
    workersInHarmfulConditions: workplaces
      .filter((workplace) => isHarmful(classOfRank(workplace.class_rank)))
      .reduce((sum, workplace) => sum + workplace.workers, 0),
    eligibleWorkers: 0,
    monthlyTotalTenge: 0,
    lastAssessmentDate: workplaces.reduce<string | null>((last, w) => (last === null || w.assessed_on > last ? w.assessed_on : last), null),
  };
  for (const contract of contracts) {
    // A contract on a workplace without a current assessment has no known class: it counts
    // neither as a quality job nor as harmful service.
    const conditionsClass = contract.workplace_code ? classByWorkplace.get(contract.workplace_code) : undefined;
    if (conditionsClass && isQualityJob({ contractType: contract.contract_type, monthlySalaryTenge: contract.monthly_salary_tenge, conditionsClass }, year)) {
      figures.qualityJobs += 1;
    }
    const payment = estimateMonthlyPayment(
      {
        iin: contract.iin,
        monthlySalaryTenge: contract.monthly_salary_tenge,
        contractStart: contract.start_date,
        workplaceIsHarmful: conditionsClass !== undefined && isHarmful(conditionsClass),
      },
      asOf,
    );
    if (payment !== null) {
      figures.eligibleWorkers += 1;
      figures.monthlyTotalTenge += payment;
    }
  }
  return figures;
}
