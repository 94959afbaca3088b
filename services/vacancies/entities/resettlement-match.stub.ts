import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { GeoJSONScalar } from '../../kernel/geo/graphql-types.js';
import type { GeoJsonGeometry } from '../../kernel/geo/postgis-types.js';

/**
 * The resettlement subgraph's match of applicants to work (docs/domain.md §10), as this subgraph
 * receives it: a zone's area and radius, or the regions, come with the reference (`@requires`),
 * and the open vacancies there are counted by sector here.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class ResettlementMatch {
  @Field(() => ID)
  id!: string;

  @Field(() => GeoJSONScalar, { nullable: true })
  @Directive('@external')
  area!: GeoJsonGeometry | null;

  @Field(() => Float, { nullable: true })
  @Directive('@external')
  radiusKm!: number | null;

  @Field(() => [ID])
  @Directive('@external')
  regionCodes!: string[];
}
