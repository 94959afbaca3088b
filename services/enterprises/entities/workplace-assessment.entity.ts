import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';

/** One workplace's attestation result; the latest per (enterprise, code) is the current one (docs/domain.md §4). */
@Entity({ tableName: 'workplace_assessment' })
@ObjectType({ description: 'The current attestation result of one workplace.' })
export class WorkplaceAssessment {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  enterpriseId!: string;

  @Property({ type: 'string', length: 50 })
  @Field(() => String)
  code!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  title!: string;

  @Property({ type: 'string', length: 4 })
  @Field(() => String, { description: 'National occupation classifier (ISCO-08 based) unit group.' })
  occupationCode!: string;

  /** classRank of `conditionsClass`. */
  @Property({ type: 'smallint' })
  classRank!: number;

  @Field(() => WorkingConditionsClass)
  conditionsClass!: WorkingConditionsClass;

  @Property({ type: 'integer' })
  @Field(() => Int)
  workers!: number;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar)
  assessedOn!: string;
}
