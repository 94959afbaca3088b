import { WORKING_CONDITIONS_CLASSES } from '../kernel/domain/working-conditions.js';
import { readFilterParams } from '../kernel/tiles/params.js';
import { pgArray } from '../kernel/db.js';
import { pointLayerTile, singleProperties, type PointTileLayer } from '../kernel/tiles/points.js';
import type { TileLayer } from '../kernel/tiles/service.js';
import { bound } from '../kernel/sql.js';
import { overdueCutoff } from './domain/assessment-schedule.js';
import { enterpriseCellConditions, enterpriseFilterConditions, type EnterpriseFilter } from './graphql/enterprise-filter.js';

/** A lone enterprise's encoded bytes, estimated over row alias `row` (kernel/tiles/tile-sql.ts); the fine aggregate sums the same. */
export const enterpriseSingleBytes = (row: string): string => `octet_length(${row}.name) + octet_length(${row}.bin) + 84`;

/** The worst class of a group from the fine aggregate's counts per class rank (migration EnterpriseFineCells). */
const worstRankOfCells = `coalesce(greatest(${WORKING_CONDITIONS_CLASSES.map((_, rank) => `case when sum(c.rank_${rank}) > 0 then ${rank} end`).join(', ')}), 0)`;

/** The layer's SQL for a filter: its rows, groups and feature properties (the same on both encoders). */
export function enterpriseTileLayer(filter: EnterpriseFilter, today: string): PointTileLayer {
  const cellConditions = enterpriseCellConditions(filter);
  return {
    name: 'enterprises',
    from: 'enterprises.enterprise e',
    location: 'e.location',
    columns: ['id', 'bin', 'name', 'headcount', 'hazard_rank', 'special_payment_eligible_workers', 'last_assessment_date'],
    key: 'e.id',
    singleBytes: enterpriseSingleBytes('e'),
    conditions: enterpriseFilterConditions(filter, today, ''),
    aggregates: bound('max(e.hazard_rank)::int as hazard_rank, sum(e.special_payment_eligible_workers)::int as eligible_workers'),
    cells: {
      cells: 'enterprises.enterprise_cell',
      conditions: cellConditions,
      aggregates: bound('max(c.hazard_rank)::int as hazard_rank, sum(c.eligible_workers)::int as eligible_workers'),
    },
    // The fine aggregate counts every enterprise, so it answers the unfiltered layer.
    ...(cellConditions?.length === 0 && {
      fineCells: {
        cells: 'enterprises.enterprise_fine_cell',
        aggregates: bound(`${worstRankOfCells}::int as hazard_rank, sum(c.eligible_workers)::int as eligible_workers`),
      },
    }),
    singles: bound(
      `min(e.id::text) as id, min(e.bin::text) as bin, min(e.name) as name, min(e.headcount)::int as headcount,
       bool_or(e.last_assessment_date is null or e.last_assessment_date < ?::date) as assessment_overdue`,
      overdueCutoff(today),
    ),
    // A class is stored as its rank (domain/class-rank.ts): the tile names it, the worst of the group.
    properties: bound(
      `g.count, g.count > 1 as cluster, (?::text[])[g.hazard_rank + 1] as "hazardClass", g.eligible_workers as "eligibleWorkers",
       ${singleProperties({ id: 'id', bin: 'bin', name: 'name', headcount: 'headcount', assessmentOverdue: 'assessment_overdue' })}`,
      pgArray(WORKING_CONDITIONS_CLASSES),
    ),
  };
}

interface EnterpriseTileFilter {
  filter: EnterpriseFilter;
  /** The overdue cut-off moves with the calendar, so it is part of the tile's cache key. */
  today: string;
}

/**
 * `enterprises` points: GraphQL's EnterpriseFilter as query parameters (same names, same
 * validation, same SQL). A cluster carries count, the worst hazard class and the summed eligible
 * workers; a single enterprise its public card fields besides.
 */
export const enterpriseTiles: TileLayer<EnterpriseTileFilter> = {
  name: 'enterprises',
  description: 'Enterprises (points); below the cluster zoom, grid clusters with count',
  minzoom: 0,
  maxzoom: 14,
  fields: {
    count: 'Number: enterprises in this feature (1 for a single enterprise)',
    cluster: 'Boolean: true when the feature groups several enterprises',
    hazardClass: 'String: WorkingConditionsClass, the worst in the feature',
    eligibleWorkers: 'Number: workers eligible for the special payment, summed',
    id: 'String: Enterprise.id (single enterprises only)',
    bin: 'String: BIN (single enterprises only)',
    name: 'String (single enterprises only)',
    headcount: 'Number (single enterprises only)',
    assessmentOverdue: 'Boolean (single enterprises only)',
  },
  parseFilter(params, today) {
    const values = readFilterParams(params, {
      minHazardClass: { enum: WORKING_CONDITIONS_CLASSES },
      specialPaymentEligible: 'boolean',
      assessmentOverdue: 'boolean',
      okedPrefix: 'string',
    });
    const filter = values as EnterpriseFilter;
    enterpriseFilterConditions(filter, today, '');
    return { filter, today };
  },
  features(em, tile, { filter, today }, coarser) {
    return pointLayerTile(em, enterpriseTileLayer(filter, today), tile, coarser);
  },
};
