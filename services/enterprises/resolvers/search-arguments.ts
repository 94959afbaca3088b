import type { EntityManager } from '../../kernel/db.js';
import type { SqlFragment } from '../../kernel/sql.js';
import { areaCondition, assertValidArea, type ParsedArea } from '../../kernel/geo/area.js';

/** The area as predicates on `enterprises.enterprise e`, after GEOS has judged a polygon (a BAD_USER_INPUT, not a database error). */
export async function areaPredicates(em: EntityManager, area: ParsedArea | null, argument = 'area'): Promise<SqlFragment[]> {
  await assertValidArea(em, area, argument);
  return area ? [areaCondition(area, { point: 'e.location', regionCode: 'e.region_code' })] : [];
}
