import type { EntityManager } from '../../kernel/db.js';
import type { PageRequest } from '../../kernel/pagination.js';
import { ResettlementApplication } from '../entities/resettlement-application.entity.js';
import type { ApplicationStatus } from '../graphql/enums.js';

export interface ApplicationPage {
  rows: { application: ResettlementApplication; cursorKey: [string, string] }[];
  totalCount: number;
}

/**
 * Newest first, keyset on (created_at, id). The cursor keeps created_at as text with its
 * microseconds: a JavaScript Date would round them off and skip or repeat rows.
 */
export async function applicationsPage(
  em: EntityManager,
  filter: { status: ApplicationStatus | null },
  page: PageRequest & { after: [string, string] | null },
): Promise<ApplicationPage> {
  const statusCondition = '(?::text is null or a.status = ?)';
  const rows = await em.getConnection().execute<(Record<string, unknown> & { cursor_created_at: string; total_count: number })[]>(
    `with matching as (select count(*)::int as total_count from resettlement.resettlement_application a where ${statusCondition})
     select a.*, to_char(a.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_created_at, matching.total_count
       from matching
       left join resettlement.resettlement_application a
         on ${statusCondition}
        and (?::timestamptz is null or (a.created_at, a.id) < (?::timestamptz, ?::uuid))
      order by a.created_at desc, a.id desc
      limit ?`,
    [
      filter.status,
      filter.status,
      filter.status,
      filter.status,
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
