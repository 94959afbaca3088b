import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The regions subgraph owns Region; this subgraph adds resettlement fields to it by code. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID)
  code!: string;
}
