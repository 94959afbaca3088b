import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * The enterprises subgraph's entity, referenced by BIN: an employer posts a vacancy under the
 * BIN of its token, and the enterprise's id is known only to the enterprises subgraph.
 */
@ObjectType()
@Directive('@key(fields: "bin")')
export class Enterprise {
  @Field(() => String)
  bin!: string;
}
