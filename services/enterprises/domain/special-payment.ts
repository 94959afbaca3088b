import { ageOn, iinFacts, type Sex } from '../../kernel/domain/identifiers.js';
import { daysInMonth, formatIsoDate, isLeapYear, parseIsoDate } from '../../kernel/domain/calendar.js';
import { moneyFactsFor } from '../../kernel/domain/money.js';

/**
 * Special social payment for long harmful work — docs/domain.md §5. The criteria are confirmed; how
 * this module reads them from declared contracts, and the amount, are our model, so every
 * threshold is a parameter.
 */
export interface SpecialPaymentParameters {
  readonly eligibleAge: number;
  readonly requiredHarmfulMonths: number;
  readonly pensionAgeMale: number;
  readonly pensionAgeFemale: number;
  /** Obligatory professional pension contribution (OPPV) as a share of salary. */
  readonly oppvRate: number;
  /** YYYY-MM-DD: OPPV exists since 2014, so earlier harmful months do not count. */
  readonly countFrom: string;
  /** The accumulated OPPV is spread over at least this many months. */
  readonly minPayoutMonths: number;
}

export const DEFAULT_SPECIAL_PAYMENT_PARAMETERS: SpecialPaymentParameters = {
  eligibleAge: 55,
  requiredHarmfulMonths: 84,
  pensionAgeMale: 63,
  pensionAgeFemale: 61,
  oppvRate: 0.05,
  countFrom: '2014-01-01',
  minPayoutMonths: 12,
};

/**
 * A worker as declared by the employer. Harmful service is either known as a month count, or
 * read from the contract: its start date and whether the workplace is of class 3.1 or worse.
 */
export type DeclaredWorker = {
  readonly iin: string;
  readonly monthlySalaryTenge: number;
} & (
  | { readonly harmfulMonthsSince2014: number }
  | { readonly contractStart: string; readonly workplaceIsHarmful: boolean }
);

/**
 * docs/domain.md §5: the budget pays 2 subsistence minimums, the insurer's annuity 1 and the last
 * employer 1, before the pension-fund part.
 */
const SUBSISTENCE_MINIMUMS_BEFORE_PENSION_FUND_PART = 4;
const EMPLOYER_SUBSISTENCE_MINIMUMS = 1;

/**
 * Whole months from max(contractStart, countFrom) to onDate; 0 before that. A month is complete
 * on the same day of a later month, or on its last day when it lacks that day (31 Jan → 28 Feb),
 * as terms counted in months end.
 */
export function harmfulMonths(contractStart: string, onDate: string, countFrom: string): number {
  for (const date of [contractStart, onDate, countFrom]) parseIsoDate(date); // a malformed date would still compare as a string
  const from = contractStart > countFrom ? contractStart : countFrom;
  return onDate <= from ? 0 : wholeMonthsBetween(from, onDate);
}

/** docs/domain.md §5 (model): aged at least 55, below pension age, and at least 84 harmful months. */
export function isEligible(worker: DeclaredWorker, onDate: string, params: SpecialPaymentParameters = DEFAULT_SPECIAL_PAYMENT_PARAMETERS): boolean {
  const { birthDate, sex } = iinFacts(worker.iin);
  const age = ageOn(birthDate, onDate);
  return (
    age >= params.eligibleAge &&
    age < pensionAge(sex, params) &&
    harmfulMonthsOf(worker, onDate, params) >= params.requiredHarmfulMonths
  );
}

/**
 * docs/domain.md §5 (model) monthly amount, or null for a worker who is not eligible:
 * 4 × subsistence minimum of onDate's year + oppvRate × salary × harmful months spread over the
 * whole months left to pension age (at least minPayoutMonths). Rounded half up to whole tenge,
 * the unit payments are made in. Throws `UnknownYear` for a year without money facts.
 */
export function estimateMonthlyPayment(
  worker: DeclaredWorker,
  onDate: string,
  params: SpecialPaymentParameters = DEFAULT_SPECIAL_PAYMENT_PARAMETERS,
): number | null {
  if (!isEligible(worker, onDate, params)) return null;
  const { subsistenceMinimumTenge } = moneyFactsFor(parseIsoDate(onDate).year);
  const { birthDate, sex } = iinFacts(worker.iin);
  const accumulatedOppv = params.oppvRate * worker.monthlySalaryTenge * harmfulMonthsOf(worker, onDate, params);
  const payoutMonths = Math.max(wholeMonthsBetween(onDate, dateOfReachingAge(birthDate, pensionAge(sex, params))), params.minPayoutMonths);
  return Math.round(SUBSISTENCE_MINIMUMS_BEFORE_PENSION_FUND_PART * subsistenceMinimumTenge + accumulatedOppv / payoutMonths);
}

/** docs/domain.md §5: the last employer's own monthly liability per eligible worker, 1 × subsistence minimum. */
export function employerShare(year: number): number {
  return EMPLOYER_SUBSISTENCE_MINIMUMS * moneyFactsFor(year).subsistenceMinimumTenge;
}

function harmfulMonthsOf(worker: DeclaredWorker, onDate: string, params: SpecialPaymentParameters): number {
  if ('harmfulMonthsSince2014' in worker) {
    const months = worker.harmfulMonthsSince2014;
    if (!Number.isInteger(months) || months < 0) throw new RangeError('harmfulMonthsSince2014 must be a non-negative integer');
    return months;
  }
  return worker.workplaceIsHarmful ? harmfulMonths(worker.contractStart, onDate, params.countFrom) : 0;
}

function pensionAge(sex: Sex, params: SpecialPaymentParameters): number {
  return sex === 'MALE' ? params.pensionAgeMale : params.pensionAgeFemale;
}

/** The day `ageOn` first returns `age`: 1 March for a 29 February birthday in a non-leap year. */
function dateOfReachingAge(birthDate: string, age: number): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const target = year + age;
  if (month === 2 && day === 29 && !isLeapYear(target)) return formatIsoDate({ year: target, month: 3, day: 1 });
  return formatIsoDate({ year: target, month, day });
}

function wholeMonthsBetween(from: string, to: string): number {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  return b.day < Math.min(a.day, daysInMonth(b.year, b.month)) ? months - 1 : months;
}
