import { formatIsoDate, parseIsoDate } from '../../kernel/domain/calendar.js';
import { ASSESSMENT_PERIOD_YEARS, isAssessmentOverdue } from '../../kernel/domain/working-conditions.js';


function addDays(date: string, days: number): string {
  const { year, month, day } = parseIsoDate(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDate({ year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() });
}

/**
 * The earliest last-assessment date that is not overdue on `onDate`, so the `assessmentOverdue`
 * filter is a b-tree comparison (`last_assessment_date < cutoff or is null`). It is found by
 * asking `isAssessmentOverdue` itself around "five years ago", so the SQL filter and the card's
 * field can never disagree, 29 February included.
 */
export function overdueCutoff(onDate: string): string {
  const { year, month } = parseIsoDate(onDate);
  let candidate = addDays(formatIsoDate({ year: year - ASSESSMENT_PERIOD_YEARS, month, day: 1 }), -1);
  while (isAssessmentOverdue(candidate, onDate)) candidate = addDays(candidate, 1);
  return candidate;
}
