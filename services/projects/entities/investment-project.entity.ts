import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';
import { ProjectStatus } from '../graphql/enums.js';

/**
 * An investment project under way (docs/domain.md §1: 755 projects, 33 trillion tenge). Its region is
 * known from its KATO code, like every row of the map; its planned jobs are rows of
 * `projects.planned_jobs`, read per request through a DataLoader (resolvers/project.resolver.ts).
 */
@ObjectType({ description: 'An investment project under way, with the jobs it plans to fill by occupation and year.' })
@Directive('@key(fields: "id")')
export class InvestmentProject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'Economic activity of the project (OKED class, 5 digits, e.g. "24100" basic iron and steel).' })
  sector!: string;

  @Field(() => String, { description: 'Nine-digit KATO code of the settlement; its first two digits name the region.' })
  katoCode!: string;

  regionCode!: string;

  @Field(() => String, { description: 'The settlement the project is built at.' })
  settlement!: string;

  @Field(() => GeoPoint)
  location!: LatLon;

  @Field(() => GraphQLSafeInt, { description: 'Total investment, whole tenge (beyond the 32-bit Int: projects reach trillions).' })
  investmentTenge!: number;

  @Field(() => Int)
  startYear!: number;

  @Field(() => Int)
  endYear!: number;

  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Field(() => Int, { description: 'All jobs the project plans, every occupation and year together.' })
  plannedJobsTotal!: number;
}
