import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';

/**
 * An enterprise and its public card. The card figures (headcount … lastAssessmentDate) are
 * summary columns kept for the map's filters and sorts over a million rows; they are derived
 * from the child rows by one function, `recomputeEnterpriseFigures`, in the transaction that
 * changes the children (see the migration), and never written anywhere else.
 */
@ObjectType({ description: 'An employer on the map: identity, location and its public card of working-conditions figures.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "bin")')
export class Enterprise {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Business identification number: 12 digits, checksum-valid.' })
  bin!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Economic activity (OKED, NACE-based), e.g. "05100" coal mining.' })
  okedCode!: string;

  @Field(() => String)
  address!: string;

  @Field(() => String, { description: 'Nine-digit KATO code of the address; its first two digits name the region.' })
  katoCode!: string;

  /** Derived from the KATO prefix at write time (`regionCodeOfKato`); exposed as `region`. */
  regionCode!: string;

  @Field(() => GeoPoint)
  location!: LatLon;

  @Field(() => Int, { description: 'Active declared employment contracts.' })
  headcount!: number;

  @Field(() => Int, {
    description: 'Contracts that are quality jobs (model, docs/domain.md §6): permanent, salary at least the national median, workplace class ≤ 2.',
  })
  qualityJobs!: number;

  /** classRank of `hazardClass` (see UNASSESSED_HAZARD_CLASS for enterprises never assessed). */
  hazardRank!: number;

  @Field(() => Int, { description: 'Workers on current workplaces of class 3.1 or worse.' })
  workersInHarmfulConditions!: number;

  specialPaymentEligibleWorkers!: number;

  specialPaymentMonthlyTotalTenge!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the latest workplace assessment.' })
  lastAssessmentDate!: string | null;

  /** The day the time-dependent figures (ages, months of harmful work) were computed for. */
  figuresAsOf!: string;
}
