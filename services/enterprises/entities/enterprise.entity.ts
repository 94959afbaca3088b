import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import { GeographyPointType, type LatLon } from '../../kernel/geo/postgis-types.js';

/**
 * An enterprise and its public card. The card figures (headcount … lastAssessmentDate) are
 * summary columns kept for the map's filters and sorts over a million rows; they are derived
 * from the child rows by one function, `recomputeEnterpriseFigures`, in the transaction that
 * changes the children (see the migration), and never written anywhere else.
 */
@Entity({ tableName: 'enterprise' })
@ObjectType({ description: 'An employer on the map: identity, location and its public card of working-conditions figures.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "bin")')
export class Enterprise {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'string', length: 12, unique: true })
  @Field(() => String, { description: 'Business identification number: 12 digits, checksum-valid.' })
  bin!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'string', length: 5 })
  @Field(() => String, { description: 'Economic activity (OKED, NACE-based), e.g. "05100" coal mining.' })
  okedCode!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  address!: string;

  @Property({ type: 'string', length: 9 })
  @Field(() => String, { description: 'Nine-digit KATO code of the address; its first two digits name the region.' })
  katoCode!: string;

  /** Derived from the KATO prefix at write time (`regionCodeOfKato`); exposed as `region`. */
  @Property({ type: 'string', length: 5 })
  regionCode!: string;

  @Property({ type: GeographyPointType })
  @Field(() => GeoPoint)
  location!: LatLon;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Active declared employment contracts.' })
  headcount!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, {
    description: 'Contracts that are quality jobs (model, docs/domain.md §6): permanent, salary at least the national median, workplace class ≤ 2.',
  })
  qualityJobs!: number;

  /** classRank of `hazardClass` (see UNASSESSED_HAZARD_CLASS for enterprises never assessed). */
  @Property({ type: 'smallint' })
  hazardRank!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Workers on current workplaces of class 3.1 or worse.' })
  workersInHarmfulConditions!: number;

  @Property({ type: 'integer' })
  specialPaymentEligibleWorkers!: number;

  @Property({ type: 'bigint' })
  specialPaymentMonthlyTotalTenge!: number;

  @Property({ type: 'string', nullable: true, columnType: 'date' })
  @Field(() => DateScalar, { nullable: true, description: 'Date of the latest workplace assessment.' })
  lastAssessmentDate!: string | null;

  /** The day the time-dependent figures (ages, months of harmful work) were computed for. */
  @Property({ type: 'string', columnType: 'date' })
  figuresAsOf!: string;
}
