import { describe, expect, it } from 'vitest';
import { BadInput } from './errors.js';
import { cursorKeyOf, cursorValues, keysetCondition, keysetOrder, sortKey } from './keyset.js';

const NEWEST = keysetOrder('POSTED_DESC', 'desc', [sortKey('v.posted_at', 'timestamptz'), sortKey('v.id', 'uuid')]);
const BY_COUNT = keysetOrder('COUNT', 'asc', [sortKey('c.workers', 'int'), sortKey('c.id', 'bigint')]);
const ID = '00000000-0000-4000-8000-000000000001';

describe('keyset cursors', () => {
  it('are the order name and the row sort values, and continue with one bound row comparison', () => {
    const key = cursorKeyOf(NEWEST, { sort_0: '2026-11-20 10:00:00.123456+00', sort_1: ID });
    expect(key).toEqual(['POSTED_DESC', '2026-11-20 10:00:00.123456+00', ID]);
    expect(keysetCondition(NEWEST, key)).toEqual({
      sql: '(v.posted_at, v.id) < (?::timestamptz, ?::uuid)',
      params: ['2026-11-20 10:00:00.123456+00', ID],
    });
    expect(keysetCondition(NEWEST, null)).toBeNull();
  });

  it.each([
    ['another order', ['SALARY_DESC', '2026-11-20 10:00:00+00', ID]],
    ['no order name', ['2026-11-20 10:00:00+00', ID]],
    ['a month 99', ['POSTED_DESC', '9999-99-99 99:99:99+00', ID]],
    ['the 30th of February', ['POSTED_DESC', '2026-02-30 10:00:00+00', ID]],
    ['text where a timestamp belongs', ['POSTED_DESC', 'not a timestamp', ID]],
    ['a number where text belongs', ['POSTED_DESC', 20261120, ID]],
    ['an id that is no uuid', ['POSTED_DESC', '2026-11-20 10:00:00+05:30', 'x']],
    ['a value too many', ['POSTED_DESC', '2026-11-20 10:00:00+00', ID, ID]],
  ])('refuse %s as BAD_USER_INPUT on after', (_case, key) => {
    expect(() => cursorValues(NEWEST, key)).toThrow(BadInput);
  });

  it('check integers against their column type', () => {
    expect(cursorValues(BY_COUNT, ['COUNT', '2147483647', '9223372036854775807'])).toEqual(['2147483647', '9223372036854775807']);
    expect(() => cursorValues(BY_COUNT, ['COUNT', '2147483648', '1'])).toThrow(BadInput);
    expect(() => cursorValues(BY_COUNT, ['COUNT', '1.5', '1'])).toThrow(BadInput);
  });
});
