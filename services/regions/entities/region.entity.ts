import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import { GeographyPointType, type LatLon } from '../../kernel/geo/postgis-types.js';
import type { RegionKind } from '../../kernel/domain/regions.js';

enum RegionKindEnum {
  OBLAST = 'OBLAST',
  CITY = 'CITY',
}
registerEnumType(RegionKindEnum, {
  name: 'RegionKind',
  description: 'OBLAST: a region; CITY: a city of republican significance (Astana, Almaty, Shymkent).',
});

/**
 * A first-level unit. The boundary lives in its own columns (`boundary`, and the subdivided
 * `region_part` table) and is only read by the queries that need it, never with the card.
 */
@Entity({ tableName: 'region' })
@ObjectType({ description: 'A first-level administrative unit of Kazakhstan.' })
@Directive('@key(fields: "code")')
export class Region {
  @PrimaryKey({ type: 'string', length: 5 })
  @Field(() => ID, { description: 'ISO 3166-2:KZ code, e.g. "KZ-35".' })
  code!: string;

  @Property({ type: 'string', length: 2 })
  @Field(() => String, { description: 'Two-digit KATO prefix (equals the numeric part of the ISO code).' })
  katoCode!: string;

  @Property({ type: 'string' })
  nameEn!: string;

  @Property({ type: 'string' })
  nameRu!: string;

  @Property({ type: 'string' })
  nameKk!: string;

  @Property({ type: 'string', length: 6 })
  @Field(() => RegionKindEnum)
  kind!: RegionKind;

  @Property({ type: 'string' })
  @Field(() => String)
  adminCenter!: string;

  @Property({ type: GeographyPointType })
  @Field(() => GeoPoint, { description: 'Administrative centre.' })
  center!: LatLon;

  @Property({ type: 'double' })
  @Field(() => Float, { description: 'Geodesic area of the boundary, km².' })
  areaKm2!: number;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Population on 1 January 2026 (approximate where the statistics bureau figure is not in docs/domain.md §2).' })
  population!: number;

  @Property({ type: 'boolean' })
  @Field(() => Boolean, { description: 'True when `population` is an approximation, not a published figure.' })
  populationEstimated!: boolean;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Median monthly wage, tenge (synthetic demo figure around the national median).' })
  medianMonthlyWageTenge!: number;
}
