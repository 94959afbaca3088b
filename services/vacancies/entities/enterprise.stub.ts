import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The enterprises subgraph's entity, referenced by id; this subgraph adds its vacancies to it. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Enterprise {
  @Field(() => ID)
  id!: string;
}
