import { parseNumberInRange } from '../../kernel/arguments.js';

/** Quota years the API accepts; the table checks the same range. */
const YEAR_RANGE = { min: 2020, max: 2100 } as const;

export function parseYear(year: number, argument = 'year'): number {
  return parseNumberInRange(year, argument, { ...YEAR_RANGE, whole: true, what: 'a year' });
}
