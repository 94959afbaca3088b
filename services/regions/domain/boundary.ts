import { parseNumberInRange } from '../../kernel/arguments.js';

/** The coarsest simplification `Region.boundary` takes, in metres on the ground (README "Decisions"). */
const MAX_SIMPLIFY_METERS = 100_000;

/** `simplifyMeters`: 0 (the boundary as stored) to MAX_SIMPLIFY_METERS, checked before any SQL. */
export function parseSimplifyMeters(value: number | null, argument = 'simplifyMeters'): number {
  return parseNumberInRange(value ?? 0, argument, { min: 0, max: MAX_SIMPLIFY_METERS, what: 'a tolerance in metres' });
}
