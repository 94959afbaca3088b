import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The regions subgraph owns Region; a project references its region by code (from its KATO code). */
@ObjectType()
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID, { description: 'ISO 3166-2:KZ code, e.g. "KZ-35".' })
  code!: string;
}
