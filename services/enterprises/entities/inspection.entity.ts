import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';

export enum InspectionKind {
  PLANNED = 'PLANNED',
  UNPLANNED = 'UNPLANNED',
  ACCIDENT = 'ACCIDENT',
}
registerEnumType(InspectionKind, {
  name: 'InspectionKind',
  description: 'PLANNED: scheduled; UNPLANNED: on a complaint or a signal; ACCIDENT: after an accident at work.',
});

@Entity({ tableName: 'inspection' })
@ObjectType({ description: 'A state labour inspection of an enterprise.' })
export class Inspection {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'uuid' })
  enterpriseId!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar)
  inspectedOn!: string;

  @Property({ type: 'string', length: 9 })
  @Field(() => InspectionKind)
  kind!: InspectionKind;

  @Property({ type: 'integer' })
  @Field(() => Int)
  violations!: number;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  findings!: string | null;
}
