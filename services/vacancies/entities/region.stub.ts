import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The regions subgraph's entity, referenced by code; this subgraph adds its vacancies to it. */
@ObjectType()
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID, { description: 'ISO 3166-2:KZ code, e.g. "KZ-35".' })
  code!: string;
}
