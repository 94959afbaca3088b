import { BadInput } from '../../kernel/errors.js';
import type { CursorKey } from '../../kernel/pagination.js';
import { type SqlFragment, bound, joinSql, sql } from '../../kernel/sql.js';
import { isUuid } from '../../kernel/ids.js';

type SortType = 'timestamptz' | 'int' | 'float8' | 'uuid';

interface SortKey {
  expression: SqlFragment;
  type: SortType;
}

/**
 * A keyset order: every key sorts the same way and the last is the unique id, so one row
 * comparison `(k1, id) < (?, ?)` continues after a cursor. Keys travel as their Postgres text
 * form (exact for timestamps with microseconds and for float8), and are cast back when bound.
 */
export interface Ordering {
  keys: SortKey[];
  direction: 'asc' | 'desc';
}

const ID_KEY: SortKey = { expression: bound('v.id'), type: 'uuid' };
const POSTED_KEY: SortKey = { expression: bound('v.posted_at'), type: 'timestamptz' };

export const NEWEST_FIRST: Ordering = { keys: [POSTED_KEY, ID_KEY], direction: 'desc' };
/** Among OPEN vacancies the longest open is the earliest posted. */
export const LONGEST_OPEN_FIRST: Ordering = { keys: [POSTED_KEY, ID_KEY], direction: 'asc' };
export const HIGHEST_SALARY_FIRST: Ordering = { keys: [{ expression: bound('v.salary_min_tenge'), type: 'int' }, ID_KEY], direction: 'desc' };

export function nearestFirst(distance: SqlFragment): Ordering {
  return { keys: [{ expression: distance, type: 'float8' }, ID_KEY], direction: 'asc' };
}

/** `sort_0, sort_1, …` in the select list: the row's cursor key. */
export function sortColumns(ordering: Ordering): SqlFragment {
  return joinSql(
    ordering.keys.map((key, index) => sql('(', key.expression, `)::text as sort_${index}`)),
    ', ',
  );
}

export function orderByClause(ordering: Ordering): SqlFragment {
  return joinSql(
    ordering.keys.map((key) => sql(key.expression, ` ${ordering.direction}`)),
    ', ',
  );
}

const VALID_PART: Record<SortType, (part: string) => boolean> = {
  timestamptz: (part) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(part),
  int: (part) => /^-?\d{1,10}$/.test(part),
  float8: (part) => part.trim() !== '' && Number.isFinite(Number(part)),
  uuid: isUuid,
};

/** The rows after `after`, or null on the first page. A cursor of another order is bad input. */
export function keysetCondition(ordering: Ordering, after: CursorKey | null, argument = 'after'): SqlFragment | null {
  if (!after) return null;
  const valid =
    after.length === ordering.keys.length &&
    ordering.keys.every((key, index) => {
      const part = after[index];
      return typeof part === 'string' && VALID_PART[key.type](part);
    });
  if (!valid) throw new BadInput(argument, 'is not a cursor of this list and order');
  return sql(
    '(',
    joinSql(ordering.keys.map((key) => key.expression), ', '),
    `) ${ordering.direction === 'desc' ? '<' : '>'} (`,
    joinSql(ordering.keys.map((key, index) => bound(`?::${key.type}`, after[index])), ', '),
    ')',
  );
}

export interface SortedRow {
  sort_0: string;
  sort_1: string;
}

export function cursorKeyOf(row: SortedRow): CursorKey {
  return [row.sort_0, row.sort_1];
}
