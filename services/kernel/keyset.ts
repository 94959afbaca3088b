import { daysInMonth } from './domain/calendar.js';
import { BadInput } from './errors.js';
import { isUuid } from './ids.js';
import type { CursorKey } from './pagination.js';
import { bound, joinSql, type SqlFragment, sql } from './sql.js';

/**
 * Keyset paging, the one way every list of the project continues after a cursor
 * (docs/architecture.md §6). An order is a list of sort keys that all sort the same way, the
 * last one unique (the id), so one row comparison `(k1, id) < (?, ?)` continues after a cursor on
 * the order's b-tree. A cursor is `[order name, ...key values]`, the values in their Postgres text
 * form (exact for timestamps with microseconds and for float8): a cursor of another order or
 * list is refused, and every value is checked against its key's type before any SQL is built, so
 * a tampered cursor is a BAD_USER_INPUT on `after`, never a cast error in Postgres.
 */

export type KeyType = 'text' | 'int' | 'bigint' | 'float8' | 'timestamptz' | 'uuid';

export interface SortKey {
  expression: SqlFragment;
  type: KeyType;
}

export interface KeysetOrder {
  /** Travels in the cursor; unique among the orders a list can be read in. */
  name: string;
  keys: SortKey[];
  direction: 'asc' | 'desc';
}

/** A sort key on a column or expression written in our code (never input). */
export function sortKey(expression: string | SqlFragment, type: KeyType): SortKey {
  return { expression: typeof expression === 'string' ? bound(expression) : expression, type };
}

/** `name` over `keys` (the last must be unique), all ascending or all descending. */
export function keysetOrder(name: string, direction: 'asc' | 'desc', keys: SortKey[]): KeysetOrder {
  return { name, keys, direction };
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?([+-])(\d{2})(?::(\d{2}))?$/;
const INT_RANGE = { int: 2n ** 31n, bigint: 2n ** 63n } as const;

/** A timestamptz as Postgres prints it, with a real calendar date and clock time. */
function isTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second, , , offsetHours, offsetMinutes] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  return (
    month! >= 1 &&
    month! <= 12 &&
    day! >= 1 &&
    day! <= daysInMonth(year!, month!) &&
    hour! <= 23 &&
    minute! <= 59 &&
    second! <= 59 &&
    offsetHours! <= 15 &&
    offsetMinutes! <= 59
  );
}

function isInteger(value: string, type: 'int' | 'bigint'): boolean {
  if (!/^-?\d{1,19}$/.test(value)) return false;
  const number = BigInt(value);
  return number >= -INT_RANGE[type] && number < INT_RANGE[type];
}

const IS_VALUE_OF: Record<KeyType, (value: string) => boolean> = {
  text: () => true,
  int: (value) => isInteger(value, 'int'),
  bigint: (value) => isInteger(value, 'bigint'),
  float8: (value) => /^-?(\d+(\.\d+)?(e[+-]?\d+)?|Infinity)$/.test(value) && !Number.isNaN(Number(value)),
  timestamptz: isTimestamp,
  uuid: isUuid,
};

/** The key values of a cursor of `order`, each checked against its type; null on the first page. */
export function cursorValues(order: KeysetOrder, after: CursorKey | null, argument = 'after'): string[] | null {
  if (!after) return null;
  const [name, ...values] = after;
  const valid =
    name === order.name &&
    values.length === order.keys.length &&
    order.keys.every((key, index) => {
      const value = values[index];
      return typeof value === 'string' && IS_VALUE_OF[key.type](value);
    });
  if (!valid) throw new BadInput(argument, `is not a cursor of this list ordered by ${order.name}`);
  return values as string[];
}

/** A bound value of a key: text needs no cast (the column's own type is inferred). */
function boundValue(key: SortKey, value: string): SqlFragment {
  return key.type === 'text' ? bound('?', value) : bound(`?::${key.type}`, value);
}

/** The rows after the cursor, or null on the first page; a cursor that is not one of `order` is bad input. */
export function keysetCondition(order: KeysetOrder, after: CursorKey | null, argument = 'after'): SqlFragment | null {
  const values = cursorValues(order, after, argument);
  if (!values) return null;
  return sql(
    '(',
    joinSql(
      order.keys.map((key) => key.expression),
      ', ',
    ),
    `) ${order.direction === 'desc' ? '<' : '>'} (`,
    joinSql(
      order.keys.map((key, index) => boundValue(key, values[index]!)),
      ', ',
    ),
    ')',
  );
}

/** `sort_0, sort_1, …` in the select list: what the row's cursor is made of. */
export function sortColumns(order: KeysetOrder): SqlFragment {
  return joinSql(
    order.keys.map((key, index) => sql('(', key.expression, `)::text as sort_${index}`)),
    ', ',
  );
}

export function orderByClause(order: KeysetOrder): SqlFragment {
  return joinSql(
    order.keys.map((key) => sql(key.expression, ` ${order.direction}`)),
    ', ',
  );
}

/** A row selected with `sortColumns`. */
export type SortedRow = Record<`sort_${number}`, string>;

export function cursorKeyOf(order: KeysetOrder, row: SortedRow): CursorKey {
  return [order.name, ...order.keys.map((_key, index) => row[`sort_${index}`]!)];
}
