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

@ObjectType({ description: 'A state labour inspection of an enterprise.' })
export class Inspection {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;

  @Field(() => DateScalar)
  inspectedOn!: string;

  @Field(() => InspectionKind)
  kind!: InspectionKind;

  @Field(() => Int)
  violations!: number;

  @Field(() => String, { nullable: true })
  findings!: string | null;
}
