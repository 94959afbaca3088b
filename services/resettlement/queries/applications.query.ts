import { pgArray, type EntityManager } from '../../kernel/db.js';
import type { PageRequest } from '../../kernel/pagination.js';
import type { ApplicationScope } from '../access.js';
import { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import type { ApplicationStatus } from '../graphql/enums.js';
import { isUuid } from '../../kernel/ids.js';

export interface ApplicationPage {
  rows: { application: ResettlementApplication; cursorKey: [string, string] }[];
  totalCount: number;
}

/**
 * The caller's scope as a predicate on `a`: the page and its totalCount hold only what the caller
 * may see, so an officer's page is never a filtered-down page of everybody's applications.
 */
function scopeCondition(scope: ApplicationScope): { sql: string; params: unknown[] } {
  return {
    sql: `(?::boolean
           or a.applicant_iin = ?
           or a.zone_id in (select z.id from resettlement.resettlement_zone z where z.region_code = any(?::text[])))`,
    params: [scope.everything, scope.applicantIin, pgArray(scope.zoneRegions)],
  };
}

/**
 * Newest first, keyset on (created_at, id). The cursor keeps created_at as text with its
 * microseconds: a JavaScript Date would round them off and skip or repeat rows.
 */
export async function applicationsPage(
  em: EntityManager,
  filter: { status: ApplicationStatus | null; scope: ApplicationScope },
  page: PageRequest & { after: [string, string] | null },
): Promise<ApplicationPage> {
  const scope = scopeCondition(filter.scope);
  const condition = `(?::text is null or a.status = ?) and ${scope.sql}`;
  const conditionParams = [filter.status, filter.status, ...scope.params];
  const rows = await em.getConnection().execute<(Record<string, unknown> & { cursor_created_at: string; total_count: number })[]>(
    `with matching as (select count(*)::int as total_count from resettlement.resettlement_application a where ${condition})
     select a.*, to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_created_at, matching.total_count
       from matching
       left join resettlement.resettlement_application a
         on ${condition}
        and (?::timestamptz is null or (a.created_at, a.id) < (?::timestamptz, ?::uuid))
      order by a.created_at desc, a.id desc
      limit ?`,
    [
      ...conditionParams,
      ...conditionParams,
      page.after?.[0] ?? null,
      page.after?.[0] ?? null,
      page.after?.[1] ?? null,
      page.first + 1,
    ],
  );
  const totalCount = rows[0]?.total_count ?? 0;
  const found = rows.filter((row) => row.id !== null);
  return {
    totalCount,
    rows: found.map(({ cursor_created_at, total_count: _total, ...row }) => ({
      application: em.map(ResettlementApplication, row),
      cursorKey: [cursor_created_at, String(row.id)],
    })),
  };
}

/** Applications by id, for authorizing a decision on one; an id that is not a UUID matches nothing. */
export function applicationsByIds(em: EntityManager, ids: readonly string[]): Promise<ResettlementApplication[]> {
  const valid = ids.filter((id) => isUuid(id));
  if (valid.length === 0) return Promise.resolve([]);
  return em.find(ResettlementApplication, { id: { $in: valid } });
}
