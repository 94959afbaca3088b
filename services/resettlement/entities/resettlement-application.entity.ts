import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ApplicationStatus } from '../graphql/enums.js';

/**
 * A family's application for a zone in a given year. The subsidy figures are computed once, from
 * the MCI of the application's year (docs/domain.md §7), and stored: a later MCI change must not
 * rewrite what a family was promised.
 */
@Entity({ tableName: 'resettlement_application' })
@ObjectType({ description: "A family's application to resettle to a zone in a given year." })
export class ResettlementApplication {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'uuid' })
  zoneId!: string;

  @Property({ type: 'smallint' })
  @Field(() => Int)
  year!: number;

  @Property({ type: 'string', length: 8 })
  @Field(() => ApplicationStatus)
  status!: ApplicationStatus;

  @Property({ type: 'string', length: 9 })
  @Field(() => String, { description: 'KATO code of the settlement the family moves from.' })
  fromKatoCode!: string;

  @Property({ type: 'string', length: 5 })
  fromRegionCode!: string;

  /** Exposed through ApplicationResolver: in full to the applicant only, masked to everyone else (docs/architecture.md §5). */
  @Property({ type: 'string', length: 12 })
  applicantIin!: string;

  @Property({ type: 'smallint' })
  @Field(() => Int)
  familyMembers!: number;

  @Property({ type: 'smallint' })
  @Field(() => Int)
  ableBodiedMembers!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'One-off relocation subsidy: 70 MCI of the application year per family member.' })
  relocationSubsidyTenge!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, {
    description:
      'Rent and utilities subsidy per month, paid for one year: 15–30 MCI of the application year ' +
      '(model: 15 MCI for up to 2 members, 5 MCI more per further member, at most 30).',
  })
  monthlyRentSubsidyTenge!: number;

  @Property({ type: 'smallint' })
  @Field(() => Int, {
    description: 'Years the family commits to live and work in the region (docs/domain.md §7: at least 5), as signed when applying.',
  })
  commitmentYears!: number;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true })
  decidedAt!: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: "The officer's reason, required for a rejection." })
  reason!: string | null;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLDateTime)
  createdAt!: Date;
}
