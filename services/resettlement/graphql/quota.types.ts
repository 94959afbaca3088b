import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "A zone's quota for one year, in families." })
export class ZoneQuota {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Families the zone receives this year.' })
  families!: number;

  @Field(() => Int, { description: 'Families whose application for this zone and year was accepted.' })
  acceptedFamilies!: number;

  @Field(() => Int, { description: 'families − acceptedFamilies, never negative.' })
  freeFamilies!: number;
}

@ObjectType({ description: "A region's resettlement quota for one year, in persons (docs/domain.md §7)." })
export class RegionQuota {
  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Kandas (ethnic Kazakh returnees) the region receives.' })
  kandasPersons!: number;

  @Field(() => Int, { description: 'Internal resettlers from labour-surplus regions the region receives.' })
  resettlerPersons!: number;
}
