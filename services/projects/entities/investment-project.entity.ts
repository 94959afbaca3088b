import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import { GeographyPointType, type LatLon } from '../../kernel/geo/postgis-types.js';
import { ProjectStatus } from '../graphql/enums.js';

/**
 * An investment project under way (docs/domain.md §1: 755 projects, 33 trillion tenge). Its region is
 * known from its KATO code, like every row of the map; its planned jobs are rows of
 * `projects.planned_jobs`, read per request through a DataLoader (resolvers/project.resolver.ts).
 */
@Entity({ tableName: 'investment_project' })
@ObjectType({ description: 'An investment project under way, with the jobs it plans to fill by occupation and year.' })
@Directive('@key(fields: "id")')
export class InvestmentProject {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  name!: string;

  @Property({ type: 'string', length: 5 })
  @Field(() => String, { description: 'Economic activity of the project (OKED class, 5 digits, e.g. "24100" basic iron and steel).' })
  sector!: string;

  @Property({ type: 'string', length: 9 })
  @Field(() => String, { description: 'Nine-digit KATO code of the settlement; its first two digits name the region.' })
  katoCode!: string;

  @Property({ type: 'string', length: 5 })
  regionCode!: string;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The settlement the project is built at.' })
  settlement!: string;

  @Property({ type: GeographyPointType })
  @Field(() => GeoPoint)
  location!: LatLon;

  @Property({ type: 'bigint' })
  @Field(() => GraphQLSafeInt, { description: 'Total investment, whole tenge (beyond the 32-bit Int: projects reach trillions).' })
  investmentTenge!: number;

  @Property({ type: 'smallint' })
  @Field(() => Int)
  startYear!: number;

  @Property({ type: 'smallint' })
  @Field(() => Int)
  endYear!: number;

  @Property({ type: 'string', length: 13 })
  @Field(() => ProjectStatus)
  status!: ProjectStatus;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'All jobs the project plans, every occupation and year together.' })
  plannedJobsTotal!: number;
}
