import { daysInMonth, formatIsoDate, parseIsoDate } from './calendar.js';

/**
 * Workplace assessment (attestation) classes — docs/domain.md §4, ordered from best to worst:
 * 1 optimal, 2 acceptable, 3 harmful in degrees 3.1–3.4, 4 dangerous. One name for the values
 * (`WorkingConditionsClass.HARMFUL_3_1`) and their type; kernel/graphql/working-conditions-class.ts
 * registers the same object as the GraphQL enum.
 */
export const WorkingConditionsClass = {
  OPTIMAL_1: 'OPTIMAL_1',
  ACCEPTABLE_2: 'ACCEPTABLE_2',
  HARMFUL_3_1: 'HARMFUL_3_1',
  HARMFUL_3_2: 'HARMFUL_3_2',
  HARMFUL_3_3: 'HARMFUL_3_3',
  HARMFUL_3_4: 'HARMFUL_3_4',
  DANGEROUS_4: 'DANGEROUS_4',
} as const;

export type WorkingConditionsClass = (typeof WorkingConditionsClass)[keyof typeof WorkingConditionsClass];

/** The classes from best to worst. */
export const WORKING_CONDITIONS_CLASSES: readonly WorkingConditionsClass[] = Object.values(WorkingConditionsClass);

export interface Compensations {
  /** Maximum working week in hours, or null when the normal week applies. */
  readonly shortenedWeekHours: number | null;
  readonly extraPaidLeave: boolean;
  readonly higherPay: boolean;
  readonly therapeuticFood: boolean;
  readonly protectiveEquipment: boolean;
}

/** docs/domain.md §4: attestation at least once every 5 years (Labour Code). */
export const ASSESSMENT_PERIOD_YEARS = 5;

/** docs/domain.md §4: harmful and dangerous work has a working week of at most 36 hours. */
const SHORTENED_WEEK_HOURS = 36;

/** Position in WORKING_CONDITIONS_CLASSES: 0 for optimal up to 6 for dangerous; higher is worse. */
export function classRank(c: WorkingConditionsClass): number {
  return WORKING_CONDITIONS_CLASSES.indexOf(c);
}

/**
 * docs/domain.md §4 (model): an enterprise's hazard class is the worst among its current workplace
 * assessments. With no assessment there is nothing to take the worst of, and the rule gives no
 * default: calling an unassessed enterprise optimal or acceptable would clear exactly the places
 * an inspector should look at, so the answer is null (unknown) and `isAssessmentOverdue` flags it.
 */
export function worstClass(classes: readonly [WorkingConditionsClass, ...WorkingConditionsClass[]]): WorkingConditionsClass;
export function worstClass(classes: readonly WorkingConditionsClass[]): WorkingConditionsClass | null;
export function worstClass(classes: readonly WorkingConditionsClass[]): WorkingConditionsClass | null {
  let worst: WorkingConditionsClass | null = null;
  for (const c of classes) if (worst === null || classRank(c) > classRank(worst)) worst = c;
  return worst;
}

/** Harmful (3.1–3.4) or dangerous (4): the classes that carry compensations and OPPV (docs/domain.md §4, §5). */
export function isHarmful(c: WorkingConditionsClass): boolean {
  return classRank(c) >= classRank('HARMFUL_3_1');
}

const NO_COMPENSATIONS: Compensations = {
  shortenedWeekHours: null,
  extraPaidLeave: false,
  higherPay: false,
  therapeuticFood: false,
  protectiveEquipment: false,
};

const HARMFUL_WORK_COMPENSATIONS: Compensations = {
  shortenedWeekHours: SHORTENED_WEEK_HOURS,
  extraPaidLeave: true,
  higherPay: true,
  therapeuticFood: true,
  protectiveEquipment: true,
};

/**
 * docs/domain.md §4 lists the compensations of harmful and dangerous work as "likely", without
 * grading them by degree, so this model grants the whole list from class 3.1 up and none below.
 */
export function compensationsOf(c: WorkingConditionsClass): Compensations {
  return isHarmful(c) ? HARMFUL_WORK_COMPENSATIONS : NO_COMPENSATIONS;
}

/**
 * docs/domain.md §4: overdue when the last assessment is older than `periodYears`, or there is none.
 * The period ends on the same date `periodYears` later — on 28 February for an assessment made
 * on 29 February, as a term counted in years ends on the last day of the month that lacks the
 * date — and the assessment is overdue from the following day.
 */
export function isAssessmentOverdue(lastAssessedOn: string | null, onDate: string, periodYears: number = ASSESSMENT_PERIOD_YEARS): boolean {
  if (!Number.isInteger(periodYears) || periodYears < 1) throw new RangeError('periodYears must be a positive integer');
  parseIsoDate(onDate); // a malformed date would otherwise still compare as a string
  if (lastAssessedOn === null) return true;
  const last = parseIsoDate(lastAssessedOn);
  const endYear = last.year + periodYears;
  const periodEnd = formatIsoDate({ year: endYear, month: last.month, day: Math.min(last.day, daysInMonth(endYear, last.month)) });
  return onDate > periodEnd;
}
