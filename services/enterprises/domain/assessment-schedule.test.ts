import { describe, expect, it } from 'vitest';
import { isAssessmentOverdue } from '../../kernel/domain/working-conditions.js';
import { todayInKazakhstan } from '../../kernel/domain/calendar.js';
import { overdueCutoff } from './assessment-schedule.js';

function* days(from: string, count: number): Generator<string> {
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let day = 0; day < count; day += 1) yield new Date(start + day * 86_400_000).toISOString().slice(0, 10);
}

describe('overdueCutoff', () => {
  it.each(['2026-11-23', '2028-02-29', '2029-02-28', '2029-03-01', '2026-01-01', '2026-12-31'])(
    'on %s splits last-assessment dates exactly as isAssessmentOverdue does',
    (today) => {
      const cutoff = overdueCutoff(today);
      const year = Number(today.slice(0, 4));
      for (const last of days(`${year - 6}-01-01`, 800)) {
        expect(last < cutoff, `last assessment ${last}`).toBe(isAssessmentOverdue(last, today));
      }
    },
  );
});

describe('todayInKazakhstan', () => {
  it('is the calendar day in Astana (UTC+5), not the server’s', () => {
    expect(todayInKazakhstan(new Date('2026-11-22T19:30:00Z'))).toBe('2026-11-23');
    expect(todayInKazakhstan(new Date('2026-11-22T18:59:00Z'))).toBe('2026-11-22');
  });
});
