import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GeoJSONScalar, GeoPoint } from '../../kernel/geo/graphql-types.js';
import { GeographyPointType, MultiPolygonType, type GeoJsonGeometry, type LatLon } from '../../kernel/geo/postgis-types.js';

/**
 * A settlement or district where resettlers are received. The area is part of the card (a small
 * buffer polygon, not a region boundary) because other subgraphs ask for it through the
 * reference resolver (`@requires(fields: "area")` in vacancies).
 */
@Entity({ tableName: 'resettlement_zone' })
@ObjectType({ description: 'A settlement or district of a recipient region where resettled families are received.' })
@Directive('@key(fields: "id")')
export class ResettlementZone {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'string' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'string', length: 5 })
  regionCode!: string;

  @Property({ type: 'string', length: 9 })
  @Field(() => String, { description: 'Nine-digit KATO code of the settlement; its first two digits name the region.' })
  katoCode!: string;

  @Property({ type: GeographyPointType })
  @Field(() => GeoPoint, { description: 'Centre of the settlement.' })
  center!: LatLon;

  @Property({ type: MultiPolygonType })
  @Field(() => GeoJSONScalar, { description: 'The settlement or district where resettlers are received (GeoJSON MultiPolygon).' })
  area!: GeoJsonGeometry;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Dwellings the zone offers to resettled families.' })
  housingOffered!: number;
}
