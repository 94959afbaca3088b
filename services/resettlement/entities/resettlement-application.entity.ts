import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ApplicationStatus } from '../graphql/enums.js';

/**
 * A family's application for a zone in a given year. The subsidy figures are computed once, from
 * the MCI of the application's year (docs/domain.md §7), and stored: a later MCI change must not
 * rewrite what a family was promised.
 */
@ObjectType({ description: "A family's application to resettle to a zone in a given year." })
export class ResettlementApplication {
  @Field(() => ID)
  id!: string;

  zoneId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => ApplicationStatus)
  status!: ApplicationStatus;

  @Field(() => String, { description: 'KATO code of the settlement the family moves from.' })
  fromKatoCode!: string;

  fromRegionCode!: string;

  /** Exposed through ApplicationResolver: in full to the applicant only, masked to everyone else (docs/architecture.md §5). */
  applicantIin!: string;

  @Field(() => Int)
  familyMembers!: number;

  @Field(() => Int)
  ableBodiedMembers!: number;

  @Field(() => Int, { description: 'One-off relocation subsidy: 70 MCI of the application year per family member.' })
  relocationSubsidyTenge!: number;

  @Field(() => Int, {
    description:
      'Rent and utilities subsidy per month, paid for one year: 15–30 MCI of the application year ' +
      '(model: 15 MCI for up to 2 members, 5 MCI more per further member, at most 30).',
  })
  monthlyRentSubsidyTenge!: number;

  @Field(() => Int, {
    description: 'Years the family commits to live and work in the region (docs/domain.md §7: at least 5), as signed when applying.',
  })
  commitmentYears!: number;

  @Field(() => GraphQLDateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "The officer's reason, required for a rejection." })
  reason!: string | null;

  @Field(() => GraphQLDateTime)
  createdAt!: Date;
}
