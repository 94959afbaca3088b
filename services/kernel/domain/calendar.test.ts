import { describe, expect, it } from 'vitest';
import { parseIsoDate, todayInKazakhstan } from './calendar.js';

describe('parseIsoDate', () => {
  it('reads a calendar date into numbers', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it.each(['2023-02-29', '1900-02-29', '2024-04-31', '2024-00-10', '2024-13-01', '2024-01-00', '20240101'])(
    'rejects %j',
    (date) => {
      expect(() => parseIsoDate(date)).toThrow(RangeError);
    },
  );
});

describe('todayInKazakhstan', () => {
  it('is the calendar day in UTC+5, not the server\'s', () => {
    expect(todayInKazakhstan(new Date('2026-11-22T19:30:00Z'))).toBe('2026-11-23');
    expect(todayInKazakhstan(new Date('2026-11-22T18:59:59Z'))).toBe('2026-11-22');
  });
});
