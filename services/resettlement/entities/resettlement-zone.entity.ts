import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GeoJSONScalar, GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { GeoJsonGeometry, LatLon } from '../../kernel/geo/postgis-types.js';

/**
 * A settlement or district where resettlers are received. The area is part of the card (a small
 * buffer polygon, not a region boundary) because other subgraphs ask for it through the
 * reference resolver (`@requires(fields: "area")` in vacancies).
 */
@ObjectType({ description: 'A settlement or district of a recipient region where resettled families are received.' })
@Directive('@key(fields: "id")')
export class ResettlementZone {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  regionCode!: string;

  @Field(() => String, { description: 'Nine-digit KATO code of the settlement; its first two digits name the region.' })
  katoCode!: string;

  @Field(() => GeoPoint, { description: 'Centre of the settlement.' })
  center!: LatLon;

  @Field(() => GeoJSONScalar, { description: 'The settlement or district where resettlers are received (GeoJSON MultiPolygon).' })
  area!: GeoJsonGeometry;

  @Field(() => Int, { description: 'Dwellings the zone offers to resettled families.' })
  housingOffered!: number;
}
