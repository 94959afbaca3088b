import { GraphQLDate } from 'graphql-scalars';
import { refusalsAsBadInput } from './user-input-scalar.js';

/** ISO 8601 calendar date (YYYY-MM-DD); dates travel as strings end to end, never as JS Date. */
export const DateScalar = refusalsAsBadInput(GraphQLDate);

/** The scalar parses `YYYY-MM-DD` into a Date at UTC midnight; the domain works on the string. */
export function isoDateOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
