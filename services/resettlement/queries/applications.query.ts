import { pgArray, type EntityManager } from '../../kernel/db.js';
import { cursorKeyOf, keysetCondition, keysetOrder, orderByClause, sortColumns, sortKey, type SortedRow } from '../../kernel/keyset.js';
import type { CursorKey, PageRequest } from '../../kernel/pagination.js';
import { allOf, bound, runSql, sql, type SqlFragment } from '../../kernel/sql.js';
import type { ApplicationScope } from '../access.js';
import type { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import { APPLICATION_COLUMNS, toApplication, type ApplicationRow } from './application-rows.js';
import type { ApplicationStatus } from '../graphql/enums.js';
import { isUuid } from '../../kernel/ids.js';

export interface ApplicationPage {
  rows: { application: ResettlementApplication; cursorKey: CursorKey }[];
  totalCount: number;
}

const NEWEST_APPLICATIONS = keysetOrder('CREATED_DESC', 'desc', [sortKey('a.created_at', 'timestamptz'), sortKey('a.id', 'uuid')]);

/**
 * The caller's scope as a predicate on `a`: the page and its totalCount hold only what the caller
 * may see, so an officer's page is never a filtered-down page of everybody's applications.
 */
function scopeCondition(scope: ApplicationScope): SqlFragment {
  return bound(`(?::boolean
           or a.applicant_iin = ?
           or a.zone_id in (select z.id from resettlement.resettlement_zone z where z.region_code = any(?::text[])))`, scope.everything, scope.applicantIin, pgArray(scope.zoneRegions));
}

/**
 * Newest first, keyset on (created_at, id); the cursor keeps created_at as Postgres prints it,
 * with its microseconds (a JavaScript Date would round them off and skip or repeat rows).
 */
export async function applicationsPage(
  em: EntityManager,
  filter: { status: ApplicationStatus | null; scope: ApplicationScope },
  page: PageRequest,
): Promise<ApplicationPage> {
  const keyset = keysetCondition(NEWEST_APPLICATIONS, page.after);
  const scope = scopeCondition(filter.scope);
  const condition = allOf(filter.status === null ? [scope] : [bound('a.status = ?', filter.status), scope]);
  const query = sql(
    'with matching as (select count(*)::int as total_count from resettlement.resettlement_application a where ',
    condition,
    `) select ${APPLICATION_COLUMNS}, `,
    sortColumns(NEWEST_APPLICATIONS),
    ', matching.total_count from matching left join resettlement.resettlement_application a on ',
    allOf(keyset ? [condition, keyset] : [condition]),
    ' order by ',
    orderByClause(NEWEST_APPLICATIONS),
    bound(' limit ?', page.first + 1),
  );
  // The left join keeps the count's row when the page is empty; its application columns are null then.
  const found = await runSql<(ApplicationRow & SortedRow & { total_count: number }) | { id: null; total_count: number }>(em, query);
  return {
    totalCount: found[0]?.total_count ?? 0,
    rows: found
      .filter((row) => row.id !== null)
      .map((row) => ({ application: toApplication(row), cursorKey: cursorKeyOf(NEWEST_APPLICATIONS, row) })),
  };
}

/** Applications by id, for authorizing a decision on one; an id that is not a UUID matches nothing. */
export async function applicationsByIds(em: EntityManager, ids: readonly string[]): Promise<ResettlementApplication[]> {
  const valid = ids.filter((id) => isUuid(id));
  if (valid.length === 0) return [];
  const found = await runSql<ApplicationRow>(
    em,
    bound(`select ${APPLICATION_COLUMNS} from resettlement.resettlement_application a where a.id = any(?::uuid[])`, pgArray(valid)),
  );
  return found.map(toApplication);
}
