import { loadConfig } from '../../kernel/config.js';
import { pgArray, type EntityManager } from '../../kernel/db.js';
import { ResultCache } from '../../kernel/result-cache.js';
import { areaCondition, type ParsedArea } from '../../kernel/geo/area.js';
import type { StaffingShortage } from '../graphql/staffing-shortage.js';
import { ShortageGrouping } from '../graphql/enums.js';
import { type SqlFragment, allOf, bound, sql, runSql } from '../../kernel/sql.js';
import { openAtLeast, statusIs } from './vacancies.query.js';

export interface ShortageRequest {
  area: ParsedArea | null;
  groupBy: ShortageGrouping;
  minOpenDays: number;
  occupationCode: string | null;
  /** Restricts to these employers (Enterprise.staffingShortage). */
  enterpriseBins: readonly string[] | null;
  first: number;
}

const GROUP_KEY: Record<ShortageGrouping, string> = {
  [ShortageGrouping.REGION]: 'v.region_code',
  [ShortageGrouping.ENTERPRISE]: 'v.enterprise_bin',
  [ShortageGrouping.OCCUPATION]: 'v.occupation_code',
};

interface ShortageRow {
  group_key: string;
  open_vacancies: number;
  long_open_vacancies: number;
  median_open_days: number;
  shortage_index: number;
}

let shortagesCache: ResultCache<StaffingShortage[]> | undefined;

function cache(): ResultCache<StaffingShortage[]> {
  shortagesCache ??= new ResultCache({ ttlMs: loadConfig().SHORTAGES_CACHE_SECONDS * 1000 });
  return shortagesCache;
}

/** After a vacancy is posted or closed here: the next shortage report counts it. */
export function forgetStaffingShortages(): void {
  shortagesCache?.clear();
}

/**
 * Query.staffingShortages, fresh for SHORTAGES_CACHE_SECONDS per distinct request (then served stale
 * for as long again while one background refresh runs: kernel/result-cache.ts): a dashboard
 * aggregate over every OPEN vacancy. Per-employer reports (Enterprise.staffingShortage) are
 * batched by their loader, small, and always live.
 */
export function cachedStaffingShortages(em: EntityManager, request: ShortageRequest): Promise<StaffingShortage[]> {
  if (request.enterpriseBins !== null) return staffingShortages(em, request);
  return cache().get(JSON.stringify(request), () => staffingShortages(em, request));
}

/**
 * Staffing shortages in one statement: OPEN vacancies grouped, the long-open ones counted with a
 * FILTER, the median of whole open days (the same count as Vacancy.openDays), and the index of
 * SHORTAGE_INDEX_FORMULA; worst first.
 */
export async function staffingShortages(em: EntityManager, request: ShortageRequest): Promise<StaffingShortage[]> {
  const conditions: SqlFragment[] = [statusIs('OPEN')];
  if (request.area) conditions.push(areaCondition(request.area, { point: 'v.location', regionCode: 'v.region_code' }));
  if (request.occupationCode !== null) conditions.push(bound('v.occupation_code = ?', request.occupationCode));
  if (request.enterpriseBins !== null) conditions.push(bound('v.enterprise_bin = any(?::text[])', pgArray(request.enterpriseBins)));
  const query = sql(
    `select group_key, open_vacancies, long_open_vacancies, median_open_days,
            round((long_open_vacancies::numeric / open_vacancies) * (median_open_days::numeric / `,
    bound('?', request.minOpenDays),
    `), 4)::float8 as shortage_index
       from (select ${GROUP_KEY[request.groupBy]} as group_key,
                    count(*)::int as open_vacancies,
                    (count(*) filter (where `,
    openAtLeast(request.minOpenDays),
    `))::int as long_open_vacancies,
                    percentile_cont(0.5) within group (order by floor(extract(epoch from now() - v.posted_at) / 86400)) as median_open_days
               from vacancies.vacancy v where `,
    allOf(conditions),
    ` group by 1) shortage
      order by shortage_index desc, open_vacancies desc, group_key`,
    bound(' limit ?', request.first),
  );
  const rows = await runSql<ShortageRow>(em, query);
  return rows.map((row) => ({
    regionCode: request.groupBy === ShortageGrouping.REGION ? row.group_key : null,
    enterpriseBin: request.groupBy === ShortageGrouping.ENTERPRISE ? row.group_key : null,
    occupationCode: request.groupBy === ShortageGrouping.OCCUPATION ? row.group_key : null,
    openVacancies: row.open_vacancies,
    longOpenVacancies: row.long_open_vacancies,
    medianOpenDays: row.median_open_days,
    shortageIndex: row.shortage_index,
  }));
}
