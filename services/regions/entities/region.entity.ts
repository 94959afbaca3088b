import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';
import type { RegionKind } from '../../kernel/domain/regions.js';
import { RegionKindEnum } from '../graphql/enums.js';

/**
 * A first-level unit. The boundary lives in its own columns (`boundary`, and the subdivided
 * `region_part` table) and is only read by the queries that need it, never with the card.
 */
@ObjectType({ description: 'A first-level administrative unit of Kazakhstan.' })
@Directive('@key(fields: "code")')
export class Region {
  @Field(() => ID, { description: 'ISO 3166-2:KZ code, e.g. "KZ-35".' })
  code!: string;

  @Field(() => String, { description: 'Two-digit KATO prefix (equals the numeric part of the ISO code).' })
  katoCode!: string;

  nameEn!: string;

  nameRu!: string;

  nameKk!: string;

  @Field(() => RegionKindEnum)
  kind!: RegionKind;

  @Field(() => String)
  adminCenter!: string;

  @Field(() => GeoPoint, { description: 'Administrative centre.' })
  center!: LatLon;

  @Field(() => Float, { description: 'Geodesic area of the boundary, km².' })
  areaKm2!: number;

  @Field(() => Int, { description: 'Population on 1 January 2026 (approximate where the statistics bureau figure is not in docs/domain.md §2).' })
  population!: number;

  @Field(() => Boolean, { description: 'True when `population` is an approximation, not a published figure.' })
  populationEstimated!: boolean;

  @Field(() => Int, { description: 'Median monthly wage, tenge (synthetic demo figure around the national median).' })
  medianMonthlyWageTenge!: number;
}
