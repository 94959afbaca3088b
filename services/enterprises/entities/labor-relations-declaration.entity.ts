import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../kernel/graphql/date.js';

/** An employer's declaration of the contracts in force on a day; it replaces the declared state (docs/architecture.md §4). */
@Entity({ tableName: 'labor_relations_declaration' })
@ObjectType({ description: 'A declaration of labour relations: every employment contract in force on the reporting date.' })
export class LaborRelationsDeclaration {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'uuid' })
  enterpriseId!: string;

  @Property({ type: 'string', length: 200 })
  idempotencyKey!: string;

  /** SHA-256 of the canonical body: a replay with the same key must carry the same body. */
  @Property({ type: 'string', length: 64 })
  bodyHash!: string;

  @Property({ type: 'string', columnType: 'date' })
  @Field(() => DateScalar)
  reportingDate!: string;

  @Property({ type: 'string', columnType: 'timestamptz' })
  @Field(() => GraphQLDateTime)
  declaredAt!: string;

  @Property({ type: 'integer' })
  @Field(() => Int)
  contractsCount!: number;
}
