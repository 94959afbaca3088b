import { BadInput } from '../../kernel/errors.js';
import { nearOrderBy, type ParsedArea } from '../../kernel/geo/area.js';
import { keysetOrder, sortKey, type KeysetOrder } from '../../kernel/keyset.js';
import type { SqlFragment } from '../../kernel/sql.js';
import { VacancyOrder } from '../graphql/enums.js';

/** The orders vacancy lists are read in; each ends with the id (kernel/keyset.ts). */
const ID_KEY = sortKey('v.id', 'uuid');
const POSTED_KEY = sortKey('v.posted_at', 'timestamptz');

export const NEWEST_FIRST = keysetOrder(VacancyOrder.POSTED_DESC, 'desc', [POSTED_KEY, ID_KEY]);
/** Among OPEN vacancies the longest open is the earliest posted. */
const LONGEST_OPEN_FIRST = keysetOrder(VacancyOrder.OPEN_DAYS_DESC, 'asc', [POSTED_KEY, ID_KEY]);
const HIGHEST_SALARY_FIRST = keysetOrder(VacancyOrder.SALARY_DESC, 'desc', [sortKey('v.salary_min_tenge', 'int'), ID_KEY]);

/**
 * Nearest first by `distance`, ties by the further distances in turn, then the id (a named order,
 * so a cursor of one distance is not read as another's).
 */
export function nearestFirst(name: string, ...distances: SqlFragment[]): KeysetOrder {
  return keysetOrder(name, 'asc', [...distances.map((distance) => sortKey(distance, 'float8')), ID_KEY]);
}

/** `Query.vacancies(orderBy)`: DISTANCE needs a point to measure from. */
export function vacancyOrder(orderBy: VacancyOrder, area: ParsedArea | null): KeysetOrder {
  switch (orderBy) {
    case VacancyOrder.DISTANCE: {
      const knn = nearOrderBy(area, 'v.location');
      if (!knn) throw new BadInput('orderBy', 'DISTANCE needs area.near (a point to measure from)');
      return nearestFirst(VacancyOrder.DISTANCE, knn);
    }
    case VacancyOrder.SALARY_DESC:
      return HIGHEST_SALARY_FIRST;
    case VacancyOrder.OPEN_DAYS_DESC:
      return LONGEST_OPEN_FIRST;
    case VacancyOrder.POSTED_DESC:
      return NEWEST_FIRST;
  }
}
