import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';
import { graphqlEnum, type EnumValue } from '../../kernel/graphql/enum.js';

export const InspectionKind = graphqlEnum(
  'InspectionKind',
  ['PLANNED', 'UNPLANNED', 'ACCIDENT'],
  'PLANNED: scheduled; UNPLANNED: on a complaint or a signal; ACCIDENT: after an accident at work.',
);
export type InspectionKind = EnumValue<typeof InspectionKind>;

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
