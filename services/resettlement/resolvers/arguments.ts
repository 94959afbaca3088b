import { isRegionCode } from '../../kernel/domain/kato.js';
import { BadInput } from '../../kernel/errors.js';

/** Quota years the API accepts; the table checks the same range. */
export const YEAR_RANGE = { min: 2020, max: 2100 } as const;

export function parseYear(year: number, argument = 'year'): number {
  if (!Number.isInteger(year) || year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    throw new BadInput(argument, `must be a year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}`);
  }
  return year;
}

/** Region codes are a closed set of 20: anything else is a client mistake, not an empty result. */
export function parseRegionCode(code: string, argument = 'regionCode'): string {
  if (!isRegionCode(code)) throw new BadInput(argument, `"${code}" is not one of the 20 ISO 3166-2:KZ region codes, e.g. "KZ-55"`);
  return code;
}

