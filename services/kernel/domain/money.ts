import { classRank, type WorkingConditionsClass } from './working-conditions.js';

/** Money facts of one calendar year, in tenge — docs/domain.md §6. */
export interface MoneyFacts {
  readonly year: number;
  /** Monthly calculation index (MCI), the unit fines and subsidies are expressed in. */
  readonly mciTenge: number;
  readonly minimumWageTenge: number;
  readonly subsistenceMinimumTenge: number;
  readonly medianWageTenge: number;
  /** The survey year the median comes from; earlier than `year` when that year's survey is not published yet. */
  readonly medianWageSurveyYear: number;
  /**
   * Set when `year` is later than the last year whose thresholds are in the table: that year's
   * values are used until the new ones are added, so the service keeps working on 1 January.
   */
  readonly carriedForwardFrom: number | null;
}

export type ContractType = 'PERMANENT' | 'FIXED_TERM' | 'SEASONAL';

export interface JobTerms {
  readonly contractType: ContractType;
  readonly monthlySalaryTenge: number;
  readonly conditionsClass: WorkingConditionsClass;
}

export class UnknownYear extends Error {
  override readonly name = 'UnknownYear';

  constructor(readonly year: number) {
    super(`no money facts for the year ${year}`);
  }
}

/** docs/domain.md §6 (confirmed): MCI, minimum wage and subsistence minimum per year. */
export const YEARLY_THRESHOLDS: Readonly<Record<number, { readonly mciTenge: number; readonly minimumWageTenge: number; readonly subsistenceMinimumTenge: number }>> = {
  2024: { mciTenge: 3_692, minimumWageTenge: 85_000, subsistenceMinimumTenge: 43_407 },
  2025: { mciTenge: 3_932, minimumWageTenge: 85_000, subsistenceMinimumTenge: 46_228 },
  2026: { mciTenge: 4_325, minimumWageTenge: 85_000, subsistenceMinimumTenge: 50_851 },
};

/** docs/domain.md §6 (confirmed): national median wage from the statistics bureau's April survey. */
const NATIONAL_MEDIAN_WAGE_BY_SURVEY_YEAR: Readonly<Record<number, number>> = {
  2024: 285_677,
  2025: 317_512,
};

/** docs/domain.md §6: a full-time week; part-time thresholds are scaled against it. */
const FULL_TIME_WEEKLY_HOURS = 40;

/**
 * The facts of `year`. A year whose median survey is not published yet (2026) takes the latest
 * earlier survey, as docs/domain.md §6 says to use the latest year's median; a year after the table
 * carries the last year's thresholds forward (`carriedForwardFrom`). Throws `UnknownYear` for a
 * year before the table or one that is not a whole number.
 */
const factsByYear = new Map<number, Readonly<MoneyFacts>>();

/** Memoised: figures ask for the same year once per contract, millions of times in a seed. */
export function moneyFactsFor(year: number): Readonly<MoneyFacts> {
  let facts = factsByYear.get(year);
  if (facts === undefined) {
    facts = Object.freeze(moneyFactsOf(year));
    factsByYear.set(year, facts);
  }
  return facts;
}

const LAST_TABLE_YEAR = Math.max(...Object.keys(YEARLY_THRESHOLDS).map(Number));

function moneyFactsOf(year: number): MoneyFacts {
  if (!Number.isInteger(year)) throw new UnknownYear(year);
  const carriedForwardFrom = year > LAST_TABLE_YEAR ? LAST_TABLE_YEAR : null;
  const thresholds = YEARLY_THRESHOLDS[carriedForwardFrom ?? year];
  if (thresholds === undefined) throw new UnknownYear(year);
  const medianWageSurveyYear = Math.max(...Object.keys(NATIONAL_MEDIAN_WAGE_BY_SURVEY_YEAR).map(Number).filter((y) => y <= year));
  const medianWageTenge = NATIONAL_MEDIAN_WAGE_BY_SURVEY_YEAR[medianWageSurveyYear];
  if (medianWageTenge === undefined) throw new UnknownYear(year);
  return { year, ...thresholds, medianWageTenge, medianWageSurveyYear, carriedForwardFrom };
}

/**
 * The facts of `year` as published, never carried forward: for amounts promised to people
 * (resettlement subsidies are fixed in MCI of their year), a guessed MCI would be a wrong promise.
 */
export function publishedMoneyFactsFor(year: number): Readonly<MoneyFacts> {
  const facts = moneyFactsFor(year);
  if (facts.carriedForwardFrom !== null) throw new UnknownYear(year);
  return facts;
}

/** docs/domain.md §6 (model): a permanent contract paying at least the year's median on a workplace of class 1 or 2. */
export function isQualityJob(job: JobTerms, year: number): boolean {
  return (
    job.contractType === 'PERMANENT' &&
    job.monthlySalaryTenge >= moneyFactsFor(year).medianWageTenge &&
    classRank(job.conditionsClass) <= classRank('ACCEPTABLE_2')
  );
}

/**
 * docs/domain.md §6: a salary below the minimum wage for full time is bad input. For part time the
 * minimum is scaled by weeklyHours / fullTimeWeeklyHours (our choice: the law sets the minimum
 * for a full month of normal hours); hours above full time do not raise it, since overtime is
 * paid on top of the salary. Pass `fullTimeWeeklyHours` 36 for a workplace on the statutory
 * shortened week of harmful work (docs/domain.md §4): 36 hours there is full time, not part time.
 */
export function isBelowMinimumWage(
  monthlySalaryTenge: number,
  weeklyHours: number,
  year: number,
  fullTimeWeeklyHours: number = FULL_TIME_WEEKLY_HOURS,
): boolean {
  if (!(weeklyHours > 0) || !(fullTimeWeeklyHours > 0)) throw new RangeError('weekly hours must be positive');
  const shareOfFullTime = Math.min(weeklyHours / fullTimeWeeklyHours, 1);
  return monthlySalaryTenge < moneyFactsFor(year).minimumWageTenge * shareOfFullTime;
}
