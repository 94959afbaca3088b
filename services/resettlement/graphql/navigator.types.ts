import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';

/**
 * The projects subgraph's navigator entities as this subgraph sees them (docs/architecture.md
 * "The navigator"): it adds the donor regions and the zones within reach of a project.
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class RecruitmentSources {
  @Field(() => ID)
  id!: string;

  @Field(() => GeoPoint)
  @Directive('@external')
  center!: LatLon;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class WorkforceTrainingReport {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: 'A resettlement zone within reach of a project, with free quota that year.' })
export class ReachableZone {
  @Field(() => ResettlementZone)
  zone!: ResettlementZone;

  @Field(() => Float, { description: 'From the project to the nearest edge of the zone’s area, km.' })
  distanceKm!: number;

  @Field(() => Int, { description: 'Families the zone can still accept that year.' })
  freeFamilies!: number;
}
