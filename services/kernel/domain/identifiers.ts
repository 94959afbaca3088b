/**
 * Kazakhstan's personal (IIN) and business (BIN) identification numbers — docs/domain.md §3.
 * Both are 12 digits whose last digit is a check digit over the first 11.
 */

import { formatIsoDate, isCalendarDate, parseIsoDate } from './calendar.js';

export type IdentifierKind = 'IIN' | 'BIN';
export type Sex = 'MALE' | 'FEMALE';
export type EntityType = 'RESIDENT_LEGAL_ENTITY' | 'NON_RESIDENT_LEGAL_ENTITY' | 'JOINT_INDIVIDUAL_ENTREPRENEUR';
export type UnitKind = 'HEAD_OFFICE' | 'BRANCH' | 'REPRESENTATIVE_OFFICE' | 'PEASANT_FARM';

export interface IinFacts {
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly sex: Sex;
}

export interface BinFacts {
  /** YYYY-MM */
  readonly registeredYearMonth: string;
  readonly entityType: EntityType;
  readonly unitKind: UnitKind;
}

export class InvalidIdentifier extends Error {
  override readonly name = 'InvalidIdentifier';

  // The number itself stays out of the message: an IIN is personal data and messages end up in logs.
  constructor(
    readonly kind: IdentifierKind,
    readonly reason: string,
  ) {
    super(`invalid ${kind}: ${reason}`);
  }
}

// docs/domain.md §3: first pass weights 1..11; when it gives 10, a second pass with weights 3..11,1,2.
const FIRST_PASS_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const SECOND_PASS_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;
const UNUSABLE_REMAINDER = 10;

/**
 * The check digit (12th digit) for the first 11 digits of an IIN or BIN, or `null` when both
 * weight passes give 10: docs/domain.md §3 declares such a number invalid whatever its last digit.
 */
export function checkDigit12(digits: string): number | null {
  if (!/^\d{11}$/.test(digits)) throw new RangeError('checkDigit12 expects exactly 11 digits');
  for (const weights of [FIRST_PASS_WEIGHTS, SECOND_PASS_WEIGHTS]) {
    const remainder = weightedSum(digits, weights) % 11;
    if (remainder !== UNUSABLE_REMAINDER) return remainder;
  }
  return null;
}

function weightedSum(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
  return sum;
}

// docs/domain.md §3: digit 7 of an IIN encodes century and sex; odd is male, even female.
const CENTURY_START_BY_DIGIT: Readonly<Record<string, number>> = { '1': 1800, '2': 1800, '3': 1900, '4': 1900, '5': 2000, '6': 2000 };

// docs/domain.md §3: BIN digit 5 is the entity type, digit 6 the kind of unit.
const ENTITY_TYPE_BY_DIGIT: Readonly<Record<string, EntityType>> = {
  '4': 'RESIDENT_LEGAL_ENTITY',
  '5': 'NON_RESIDENT_LEGAL_ENTITY',
  '6': 'JOINT_INDIVIDUAL_ENTREPRENEUR',
};
const UNIT_KIND_BY_DIGIT: Readonly<Record<string, UnitKind>> = {
  '0': 'HEAD_OFFICE',
  '1': 'BRANCH',
  '2': 'REPRESENTATIVE_OFFICE',
  '3': 'PEASANT_FARM',
};

/**
 * Birth date and sex encoded in an IIN. Throws `InvalidIdentifier` unless the IIN is 12 digits
 * with a correct check digit, a century digit 1–6 and a birth date that exists in the calendar.
 */
export function iinFacts(iin: string): IinFacts {
  assertChecksum('IIN', iin);
  const centuryStart = CENTURY_START_BY_DIGIT[iin.charAt(6)];
  if (centuryStart === undefined) throw new InvalidIdentifier('IIN', 'digit 7 must be 1–6 (century and sex)');
  const year = centuryStart + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  if (!isCalendarDate(year, month, day)) throw new InvalidIdentifier('IIN', 'digits 1–6 are not a calendar date');
  return {
    birthDate: formatIsoDate({ year, month, day }),
    sex: Number(iin.charAt(6)) % 2 === 1 ? 'MALE' : 'FEMALE',
  };
}

/**
 * Registration month, entity type and unit kind encoded in a BIN. The BIN carries a two-digit
 * year: YY from 00 up to the two-digit `referenceYear` means 20YY, any later YY means 19YY (a BIN
 * cannot be registered in the future). Throws `InvalidIdentifier` on a bad checksum, month,
 * entity-type digit or unit-kind digit.
 */
export function binFacts(bin: string, referenceYear: number = new Date().getUTCFullYear()): BinFacts {
  assertChecksum('BIN', bin);
  const month = Number(bin.slice(2, 4));
  if (month < 1 || month > 12) throw new InvalidIdentifier('BIN', 'digits 3–4 must be a month 01–12');
  const entityType = ENTITY_TYPE_BY_DIGIT[bin.charAt(4)];
  if (entityType === undefined) throw new InvalidIdentifier('BIN', 'digit 5 must be 4, 5 or 6 (entity type)');
  const unitKind = UNIT_KIND_BY_DIGIT[bin.charAt(5)];
  if (unitKind === undefined) throw new InvalidIdentifier('BIN', 'digit 6 must be 0–3 (unit kind)');
  const yy = Number(bin.slice(0, 2));
  const year = (yy <= referenceYear % 100 ? 2000 : 1900) + yy;
  return { registeredYearMonth: `${year}-${pad(month, 2)}`, entityType, unitKind };
}

/**
 * True when `iinFacts` accepts the string: the check digit alone would let through numbers
 * whose birth date or century digit cannot be read, and every caller needs those too.
 */
export function isValidIin(s: string): boolean {
  return accepts(() => iinFacts(s));
}

/** True when `binFacts` accepts the string (checksum and the type, unit and month digits). */
export function isValidBin(s: string): boolean {
  return accepts(() => binFacts(s));
}

function accepts(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (error) {
    if (error instanceof InvalidIdentifier) return false;
    throw error;
  }
}

function assertChecksum(kind: IdentifierKind, s: string): void {
  if (!/^\d{12}$/.test(s)) throw new InvalidIdentifier(kind, 'must be exactly 12 digits');
  if (checkDigit12(s.slice(0, 11)) !== Number(s.charAt(11))) throw new InvalidIdentifier(kind, 'check digit does not match');
}

const IIN_SERIAL_LIMIT = 10_000; // digits 8–11
const BIN_SERIAL_LIMIT = 100_000; // digits 7–11

/**
 * A deterministic IIN for seeds. About one body in 121 has no check digit (docs/domain.md §3), so
 * when `serial` gives none the next serial is tried, and so on; the IIN returned may therefore
 * carry a serial above the one asked for. Throws RangeError when no serial up to 9999 works.
 */
export function makeIin(birthDate: string, sex: Sex, serial: number): string {
  const { year, month, day } = parseIsoDate(birthDate);
  const centuryIndex = Math.floor(year / 100) - 18;
  if (centuryIndex < 0 || centuryIndex > 2) throw new RangeError('an IIN encodes birth years 1800–2099 only');
  const centuryDigit = centuryIndex * 2 + (sex === 'MALE' ? 1 : 2);
  const prefix = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${centuryDigit}`;
  return completeWithSerial(prefix, serial, 4, IIN_SERIAL_LIMIT);
}

/**
 * A deterministic BIN for seeds, with the same serial+1 fallback as `makeIin` (serial up to
 * 99 999). `binFacts` reads it back as long as the year lies in its two-digit-year window.
 */
export function makeBin(yearMonth: string, entityType: EntityType, unitKind: UnitKind, serial: number): string {
  const match = /^(\d{4})-(\d{2})$/.exec(yearMonth);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw new RangeError(`not a year and month (YYYY-MM): ${yearMonth}`);
  const prefix = `${match[1]?.slice(2)}${match[2]}${digitOf(ENTITY_TYPE_BY_DIGIT, entityType)}${digitOf(UNIT_KIND_BY_DIGIT, unitKind)}`;
  return completeWithSerial(prefix, serial, 5, BIN_SERIAL_LIMIT);
}

function digitOf<T extends string>(table: Readonly<Record<string, T>>, value: T): string {
  const entry = Object.entries(table).find(([, v]) => v === value);
  if (!entry) throw new RangeError(`unknown value: ${value}`);
  return entry[0];
}

function completeWithSerial(prefix: string, serial: number, width: number, limit: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial >= limit) throw new RangeError(`serial must be an integer 0–${limit - 1}`);
  for (let candidate = serial; candidate < limit; candidate++) {
    const body = prefix + pad(candidate, width);
    const check = checkDigit12(body);
    if (check !== null) return `${body}${check}`;
  }
  throw new RangeError(`no serial from ${serial} to ${limit - 1} gives a check digit`);
}

/**
 * Age in full years on `onDate`. A birthday counts on the day itself; someone born on 29 February
 * turns a year older on 1 March in a non-leap year.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const birth = parseIsoDate(birthDate);
  const on = parseIsoDate(onDate);
  if (onDate < birthDate) throw new RangeError(`${onDate} is before the birth date ${birthDate}`);
  const birthdayReached = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (birthdayReached ? 0 : 1);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * What anyone but the person (or the employer who declared them) sees of an IIN: the birth-date
 * part, enough to tell ages and people on a list apart, not to identify anyone (`791028******`).
 */
export function maskIin(iin: string): string {
  return `${iin.slice(0, 6)}${'*'.repeat(6)}`;
}
