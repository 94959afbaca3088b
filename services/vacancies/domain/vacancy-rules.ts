import { isQualityJob, moneyFactsFor, type ContractType } from '../../kernel/domain/money.js';
import { classRank, WORKING_CONDITIONS_CLASSES, type WorkingConditionsClass } from '../../kernel/domain/working-conditions.js';
import type { ParsedVacancyFilter } from '../graphql/vacancy-filter.js';

const DAY_MS = 86_400_000;

/** Whole days a vacancy has been (or was) open: until it was closed, else until now. */
export function openDaysOf(postedAt: Date, closedAt: Date | null, now: Date = new Date()): number {
  return Math.max(0, Math.floor(((closedAt ?? now).getTime() - postedAt.getTime()) / DAY_MS));
}

/**
 * The year whose money facts apply today: a vacancy is judged against the median (and posted
 * against the minimum wage) of the current year, as a job seeker would read it. Until the money
 * table has that year, `moneyFactsFor` carries the latest one forward.
 */
export function currentMoneyYear(now: Date = new Date()): number {
  return now.getUTCFullYear();
}

export interface VacancyTerms {
  employmentType: ContractType;
  salaryMinTenge: number;
  conditionsClass: WorkingConditionsClass;
}

/** docs/domain.md §6 (model), on the salary the employer guarantees: the minimum of the offered range. */
export function isQualityVacancy(terms: VacancyTerms, now: Date = new Date()): boolean {
  return isQualityJob(
    { contractType: terms.employmentType, monthlySalaryTenge: terms.salaryMinTenge, conditionsClass: terms.conditionsClass },
    currentMoneyYear(now),
  );
}

/** The same rule as `isQualityVacancy`, in the terms SQL needs to filter by it (see qualityCondition). */
export function qualityJobThresholds(now: Date = new Date()) {
  return {
    employmentType: 'PERMANENT' as const satisfies ContractType,
    minSalaryTenge: moneyFactsFor(currentMoneyYear(now)).medianWageTenge,
    classes: WORKING_CONDITIONS_CLASSES.filter((c) => classRank(c) <= classRank('ACCEPTABLE_2')),
  };
}

/** docs/domain.md §6: no vacancy may guarantee less than the minimum wage of the year (full time). */
export function minimumWageToday(now: Date = new Date()): number {
  return moneyFactsFor(currentMoneyYear(now)).minimumWageTenge;
}

/** The terms `VacancyFilter` narrows by, as the search's SQL reads them (queries/vacancies.query.ts). */
export interface FilteredVacancy extends VacancyTerms {
  occupationCode: string;
  housingProvided: boolean;
  postedAt: Date;
  closedAt: Date | null;
}

/**
 * The search's filter conditions for one vacancy in memory (a subscription judging an event):
 * every condition set must hold, exactly as in `vacancyFilterConditions` (queries/vacancies.query.ts).
 */
export function matchesVacancyFilter(
  filter: ParsedVacancyFilter,
  vacancy: FilteredVacancy,
  now: Date = new Date(),
): boolean {
  if (filter.occupationCode !== null && vacancy.occupationCode !== filter.occupationCode) return false;
  if (filter.minSalaryTenge !== null && vacancy.salaryMinTenge < filter.minSalaryTenge) return false;
  if (filter.qualityOnly && !isQualityVacancy(vacancy, now)) return false;
  if (filter.housingProvided !== null && vacancy.housingProvided !== filter.housingProvided) return false;
  if (filter.employmentType !== null && vacancy.employmentType !== filter.employmentType) return false;
  if (filter.minOpenDays !== null && openDaysOf(vacancy.postedAt, vacancy.closedAt, now) < filter.minOpenDays) return false;
  return true;
}
