import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { GeoJSONScalar } from '../../kernel/geo/graphql-types.js';
import type { GeoJsonGeometry } from '../../kernel/geo/postgis-types.js';

/**
 * The resettlement subgraph's zone. Its area is owned there; this subgraph receives it with the
 * reference (`@requires(fields: "area")` on nearbyVacancies) and never stores zones.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class ResettlementZone {
  @Field(() => ID)
  id!: string;

  @Field(() => GeoJSONScalar)
  @Directive('@external')
  area!: GeoJsonGeometry;
}
