import { WORKING_CONDITIONS_CLASSES, type WorkingConditionsClass } from '../../kernel/domain/working-conditions.js';

/**
 * Classes are stored as their `classRank` (0 optimal … 6 dangerous) so "at least this bad" and
 * "worst first" are integer comparisons on a b-tree; this reads one back.
 */
export function classOfRank(rank: number): WorkingConditionsClass {
  const conditionsClass = WORKING_CONDITIONS_CLASSES[rank];
  if (!conditionsClass) throw new RangeError(`no working-conditions class of rank ${rank}`);
  return conditionsClass;
}
