import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';

/** An employer's declaration of the contracts in force on a day; it replaces the declared state (docs/architecture.md §4). */
@ObjectType({ description: 'A declaration of labour relations: every employment contract in force on the reporting date.' })
export class LaborRelationsDeclaration {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;

  idempotencyKey!: string;

  /** SHA-256 of the canonical body: a replay with the same key must carry the same body. */
  bodyHash!: string;

  @Field(() => DateScalar)
  reportingDate!: string;

  @Field(() => GraphQLDateTime)
  declaredAt!: string;

  @Field(() => Int)
  contractsCount!: number;
}
