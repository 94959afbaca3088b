import { loadConfig } from './config.js';
import { isValidBin, isValidIin } from './domain/identifiers.js';
import { InvalidKato, isRegionCode, regionCodeOfKato, type RegionCode } from './domain/kato.js';
import { occupationCodeProblem } from './domain/occupations.js';
import { BadInput, echo, LimitExceeded } from './errors.js';

/**
 * The argument checks every subgraph calls the same way (docs/architecture.md): each returns the
 * value it accepts or throws BadInput / LimitExceeded naming the argument path (`input.bin`,
 * `filter.minOpenDays`), before any SQL is built. Resolvers never compare a limit by hand.
 */

export function parseBin(bin: string, argument: string): string {
  if (!isValidBin(bin)) throw new BadInput(argument, 'must be a 12-digit BIN with a valid check digit');
  return bin;
}

export function parseIin(iin: string, argument: string): string {
  if (!isValidIin(iin)) throw new BadInput(argument, 'must be a 12-digit IIN with a valid check digit');
  return iin;
}

/** Region codes are a closed set of 20: anything else is a client mistake, not an empty result. */
export function parseRegionCode(code: string, argument: string): RegionCode {
  if (!isRegionCode(code)) throw new BadInput(argument, `${echo(code)} is not one of the 20 ISO 3166-2:KZ region codes, e.g. "KZ-55"`);
  return code;
}

/** The region a nine-digit KATO code lies in (its first two digits). */
export function parseKatoRegion(katoCode: string, argument: string): RegionCode {
  try {
    return regionCodeOfKato(katoCode);
  } catch (error) {
    if (error instanceof InvalidKato) throw new BadInput(argument, error.reason);
    throw error;
  }
}

/** An occupation code, checked against the shipped classifier. */
export function parseOccupationCode(code: string, argument: string): string {
  const problem = occupationCodeProblem(code);
  if (problem) throw new BadInput(argument, problem);
  return code;
}

/** `first` of any list: a whole number, at most MAX_PAGE_SIZE (docs/architecture.md §6). */
export function parsePageSize(first: number, argument = 'first'): number {
  if (!Number.isInteger(first) || first < 0) throw new BadInput(argument, 'must be a non-negative integer');
  const max = loadConfig().MAX_PAGE_SIZE;
  if (first > max) throw new LimitExceeded(argument, max);
  return first;
}

/** A search radius in km: more than 0, at most MAX_RADIUS_KM. */
export function parseRadiusKm(radiusKm: number, argument: string): number {
  const max = loadConfig().MAX_RADIUS_KM;
  if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > max) throw new BadInput(argument, `must be greater than 0 and at most ${max}`);
  return radiusKm;
}

export interface NumberRange {
  min: number;
  max?: number;
  /** Whole numbers only (counts, days, years). */
  whole?: boolean;
  /** What the number is, for the message: "a year", "a number of days". */
  what?: string;
}

/** A number within `range`, inclusive at both ends. */
export function parseNumberInRange(value: number, argument: string, range: NumberRange): number {
  const { min, max, whole = false } = range;
  const inRange = Number.isFinite(value) && value >= min && (max === undefined || value <= max) && (!whole || Number.isInteger(value));
  if (!inRange) {
    const what = range.what ?? (whole ? 'a whole number' : 'a number');
    throw new BadInput(argument, max === undefined ? `must be ${what}, ${min} or more` : `must be ${what} from ${min} to ${max}`);
  }
  return value;
}

export interface TextRule {
  maxLength: number;
  /** Blank (after trimming) is refused; otherwise blank is null. */
  required?: boolean;
}

/** Free text, trimmed: at most `maxLength` characters, and not blank when required. */
export function parseText(value: string, argument: string, rule: TextRule & { required: true }): string;
export function parseText(value: string | null | undefined, argument: string, rule: TextRule): string | null;
export function parseText(value: string | null | undefined, argument: string, { maxLength, required = false }: TextRule): string | null {
  const text = value?.trim() ?? '';
  if (text.length === 0) {
    if (required) throw new BadInput(argument, `must have 1 to ${maxLength} characters`);
    return null;
  }
  if (text.length > maxLength) throw new BadInput(argument, required ? `must have 1 to ${maxLength} characters` : `must have at most ${maxLength} characters`);
  return text;
}

/** Quota years the API accepts; the resettlement tables check the same range. */
const YEAR_RANGE = { min: 2020, max: 2100 } as const;

export function parseYear(year: number, argument = 'year'): number {
  return parseNumberInRange(year, argument, { ...YEAR_RANGE, whole: true, what: 'a year' });
}
