import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';

/** One workplace's attestation result; the latest per (enterprise, code) is the current one (docs/domain.md §4). */
@ObjectType({ description: 'The current attestation result of one workplace.' })
export class WorkplaceAssessment {
  id!: string;

  enterpriseId!: string;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'National occupation classifier (ISCO-08 based) unit group.' })
  occupationCode!: string;

  /** classRank of `conditionsClass`. */
  classRank!: number;

  @Field(() => WorkingConditionsClass)
  conditionsClass!: WorkingConditionsClass;

  @Field(() => Int)
  workers!: number;

  @Field(() => DateScalar)
  assessedOn!: string;
}
