import { Field, Float, Int, ObjectType } from 'type-graphql';

const SHORTAGE_INDEX_FORMULA =
  'shortageIndex = (longOpenVacancies / openVacancies) × (medianOpenDays / minOpenDays): the share of open ' +
  'vacancies open at least minOpenDays days, weighted by how long the typical one has been open, in units of ' +
  'that threshold. 0 when none is long open; above 1 when most are long open and the median is beyond the threshold.';

/**
 * One group of OPEN vacancies (a region, an enterprise or an occupation, by the grouping asked
 * for). The key fields other than the grouping's are null. `regionCode`/`enterpriseBin` are the
 * keys the `region`/`enterprise` stubs are built from.
 */
@ObjectType({ description: 'OPEN vacancies of one region, enterprise or occupation, and how long they stay open: a sign of a shortage of workers.' })
export class StaffingShortage {
  regionCode!: string | null;

  enterpriseBin!: string | null;

  @Field(() => String, { nullable: true, description: 'Set when grouped by OCCUPATION.' })
  occupationCode!: string | null;

  @Field(() => Int, { description: 'OPEN vacancies in the group.' })
  openVacancies!: number;

  @Field(() => Int, { description: 'OPEN vacancies open at least minOpenDays days.' })
  longOpenVacancies!: number;

  @Field(() => Float, { description: 'Median days the OPEN vacancies of the group have been open.' })
  medianOpenDays!: number;

  @Field(() => Float, { description: SHORTAGE_INDEX_FORMULA })
  shortageIndex!: number;
}
