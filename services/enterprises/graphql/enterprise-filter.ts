import { Field, InputType } from 'type-graphql';
import { BadInput } from '../../kernel/errors.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { classRank } from '../../kernel/domain/working-conditions.js';
import { bound, type SqlFragment } from '../../kernel/sql.js';
import { overdueCutoff } from '../domain/assessment-schedule.js';
import { graphqlEnum, type EnumValue } from '../../kernel/graphql/enum.js';

@InputType({ description: 'Conditions on the enterprise card; all given ones must hold.' })
export class EnterpriseFilter {
  @Field(() => WorkingConditionsClass, { nullable: true, description: 'Hazard class at least this bad.' })
  minHazardClass?: WorkingConditionsClass | null;

  @Field(() => Boolean, { nullable: true, description: 'true: at least one worker eligible for the special payment; false: none.' })
  specialPaymentEligible?: boolean | null;

  @Field(() => String, { nullable: true, description: 'OKED code starts with these digits, e.g. "05" coal mining, "24" basic metals.' })
  okedPrefix?: string | null;

  @Field(() => Boolean, { nullable: true })
  assessmentOverdue?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive substring of the name (1–100 characters).' })
  nameContains?: string | null;
}

export const EnterpriseOrder = graphqlEnum(
  'EnterpriseOrder',
  ['DISTANCE', 'NAME', 'HAZARD_DESC', 'HEADCOUNT_DESC'],
  'DISTANCE: nearest first — to area.near\'s point, or to the centre of area.bbox (planar in degrees, like the box; the default for a bbox); NAME (the default otherwise); HAZARD_DESC: worst class first; HEADCOUNT_DESC: largest first. Ties by id.',
);
export type EnterpriseOrder = EnumValue<typeof EnterpriseOrder>;

/** A map viewport lists nearest its centre first (the GiST index walks them), everything else by name. */
export function defaultEnterpriseOrder(area: { kind: string } | null): EnterpriseOrder {
  return area?.kind === 'bbox' ? EnterpriseOrder.DISTANCE : EnterpriseOrder.NAME;
}

const MAX_NAME_FRAGMENT = 100;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Validates the filter (before any SQL) into bound predicates on `enterprises.enterprise e`;
 * errors name `${argument}.field`, or just the field when `argument` is empty (tile URLs).
 */
export function enterpriseFilterConditions(filter: EnterpriseFilter | null | undefined, today: string, argument = 'filter'): SqlFragment[] {
  if (!filter) return [];
  const path = (field: string) => (argument ? `${argument}.${field}` : field);
  const conditions: SqlFragment[] = [];
  if (filter.minHazardClass) conditions.push(bound('e.hazard_rank >= ?', classRank(filter.minHazardClass)));
  if (filter.specialPaymentEligible === true) conditions.push(bound('e.special_payment_eligible_workers > 0'));
  if (filter.specialPaymentEligible === false) conditions.push(bound('e.special_payment_eligible_workers = 0'));
  if (filter.okedPrefix !== undefined && filter.okedPrefix !== null) {
    if (!/^\d{1,5}$/.test(filter.okedPrefix)) throw new BadInput(path('okedPrefix'), 'must be 1 to 5 digits of an OKED code');
    conditions.push(bound('e.oked_code like ?', `${filter.okedPrefix}%`));
  }
  if (filter.assessmentOverdue === true || filter.assessmentOverdue === false) {
    const cutoff = overdueCutoff(today);
    conditions.push(
      filter.assessmentOverdue
        ? bound('(e.last_assessment_date is null or e.last_assessment_date < ?::date)', cutoff)
        : bound('e.last_assessment_date >= ?::date', cutoff),
    );
  }
  if (filter.nameContains !== undefined && filter.nameContains !== null) {
    const fragment = filter.nameContains.trim();
    if (fragment.length === 0 || fragment.length > MAX_NAME_FRAGMENT) {
      throw new BadInput(path('nameContains'), `must have 1 to ${MAX_NAME_FRAGMENT} characters`);
    }
    conditions.push(bound("e.name ilike ? escape '\\'", `%${escapeLike(fragment)}%`));
  }
  return conditions;
}

/**
 * The filter as predicates on `enterprises.enterprise_cell c` (migration EnterpriseCells), or
 * null when it names a field the cells do not hold (okedPrefix, assessmentOverdue — its cut-off
 * moves with the calendar — and nameContains): those tiles are grouped and those totals counted from the rows.
 */
export function enterpriseCellConditions(filter: EnterpriseFilter | null): SqlFragment[] | null {
  if (!filter) return [];
  const given = (value: unknown) => value !== undefined && value !== null;
  if (given(filter.okedPrefix) || given(filter.assessmentOverdue) || given(filter.nameContains)) return null;
  const conditions: SqlFragment[] = [];
  if (filter.minHazardClass) conditions.push(bound('c.hazard_rank >= ?', classRank(filter.minHazardClass)));
  if (given(filter.specialPaymentEligible)) conditions.push(bound('c.eligible = ?', filter.specialPaymentEligible));
  return conditions;
}
