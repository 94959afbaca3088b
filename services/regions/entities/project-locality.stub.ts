import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';

/**
 * The projects subgraph's locality of a project, as this subgraph receives it: the place and
 * radius come with the reference (`@requires`), and the population around it is answered here
 * (docs/architecture.md "The navigator").
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class ProjectLocality {
  @Field(() => ID)
  id!: string;

  @Field(() => GeoPoint)
  @Directive('@external')
  center!: LatLon;

  @Field(() => Float)
  @Directive('@external')
  radiusKm!: number;
}
