import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';
import { LocalVacancies, LocalWorkforce, RegionalVacancies, RegionalWorkforce } from '../../kernel/graphql/navigator-types.js';
import { Region } from '../entities/region.stub.js';

/**
 * The navigator's entities (docs/architecture.md "The navigator"). This subgraph owns them and
 * their place (center, radius, occupations); the regions, enterprises, vacancies and resettlement
 * subgraphs add their figures to them by key; the fields computed from those figures (gaps,
 * recruitment, training) come back here through `@requires`.
 */
@ObjectType({ description: 'What one planned occupation finds within the locality, and what it lacks.' })
export class LocalityOccupation {
  @Field(() => String)
  occupationCode!: string;

  @Field(() => String, { nullable: true, description: 'The unit group’s name in the occupation classifier.' })
  occupationName!: string | null;

  @Field(() => Int, { description: 'Jobs the project plans in the occupation, all years together.' })
  plannedJobs!: number;

  @Field(() => Int, { nullable: true, description: 'Highest monthly salary the project offers in the occupation, tenge.' })
  offeredMonthlySalaryTenge!: number | null;

  @Field(() => Int, { description: 'Workers employed in the occupation within the radius (declared contracts in force).' })
  localWorkers!: number;

  @Field(() => Int, { nullable: true, description: 'Their median monthly salary, tenge; null without workers.' })
  medianMonthlySalaryTenge!: number | null;

  @Field(() => Int, { description: 'Open vacancies in the occupation within the radius: employers already looking for the same people.' })
  openVacancies!: number;

  @Field(() => Int, { description: 'round(NAVIGATOR_HIRE_SHARE × localWorkers) − openVacancies, at least 0 (docs/domain.md).' })
  locallyAvailable!: number;

  @Field(() => Int, { description: 'plannedJobs − locallyAvailable, at least 0: what recruitment or training must supply.' })
  gap!: number;
}

@ObjectType({ description: 'An investment project’s surroundings within a radius: the people and the workforce there.' })
@Directive('@key(fields: "id")')
export class ProjectLocality {
  @Field(() => ID, { description: 'The project and the radius, `<project id>|<radiusKm>`.' })
  id!: string;

  projectId!: string;

  @Field(() => GeoPoint, { description: 'The project’s location, the centre of the locality.' })
  center!: LatLon;

  @Field(() => Float)
  radiusKm!: number;

  @Field(() => [String], { description: 'The occupations the project plans jobs in, by code.' })
  plannedOccupations!: string[];

  @Field(() => [LocalWorkforce])
  @Directive('@external')
  workforce?: LocalWorkforce[];

  @Field(() => [LocalVacancies])
  @Directive('@external')
  openVacancies?: LocalVacancies[];
}

@ObjectType({ description: 'A region a project can recruit from in one occupation.' })
export class RecruitmentRegion {
  @Field(() => Region, { nullable: true, description: crossSubgraph('', 'regions') })
  region!: Region;

  @Field(() => Boolean, { description: 'A labour-surplus (DONOR) region of the resettlement programme.' })
  donor!: boolean;

  @Field(() => Int, { description: 'Workers employed in the occupation in the region.' })
  workers!: number;

  @Field(() => Int)
  openVacancies!: number;

  @Field(() => Int, { description: 'round(NAVIGATOR_HIRE_SHARE × workers) − openVacancies, at least 0: people recruitment can reach.' })
  surplus!: number;

  @Field(() => Int, { nullable: true, description: 'Median monthly salary of the occupation in the region, tenge.' })
  medianMonthlySalaryTenge!: number | null;

  @Field(() => Float, { nullable: true, description: 'The project’s offered salary over the median there: above 1 the move pays.' })
  salaryRatio!: number | null;
}

@ObjectType({ description: 'Where a project can find workers for one occupation beyond its locality.' })
@Directive('@key(fields: "id")')
export class RecruitmentSources {
  @Field(() => ID)
  id!: string;

  projectId!: string;

  projectRegionCode!: string;

  @Field(() => String)
  occupationCode!: string;

  @Field(() => [String], { description: 'The occupation, as the list the labour-market figures are asked for.' })
  occupationCodes!: string[];

  @Field(() => GeoPoint, { description: 'The project’s location (zones within reach are measured from it).' })
  center!: LatLon;

  @Field(() => Int, { description: 'Jobs the project plans in the occupation, all years together.' })
  plannedJobs!: number;

  @Field(() => Int, { nullable: true, description: 'Highest monthly salary the project offers in the occupation, tenge.' })
  offeredMonthlySalaryTenge!: number | null;

  @Field(() => [RegionalWorkforce])
  @Directive('@external')
  regionalWorkforce?: RegionalWorkforce[];

  @Field(() => [RegionalVacancies])
  @Directive('@external')
  regionalVacancies?: RegionalVacancies[];

  @Field(() => [ID])
  @Directive('@external')
  donorRegionCodes?: string[];
}

@ObjectType({ description: 'Jobs in one occupation that neither the locality nor recruitment fill.' })
export class TrainingRequest {
  @Field(() => String)
  occupationCode!: string;

  @Field(() => String, { nullable: true })
  occupationName!: string | null;

  @Field(() => Int, { description: 'Jobs the projects plan in the occupation (in the year, when one is given).' })
  plannedJobs!: number;

  @Field(() => Int, { description: 'Available workers of the projects’ own region(s) (docs/domain.md).' })
  locallyAvailable!: number;

  @Field(() => Int, { description: 'Surplus of the donor regions other than the projects’ own.' })
  recruitable!: number;

  @Field(() => Int, { description: 'plannedJobs − locallyAvailable − recruitable, at least 0: the workforce training to request.' })
  trainingRequests!: number;
}

@ObjectType({ description: 'Workforce training requests of the projects of a region (or of all regions), for a year (or all years).' })
@Directive('@key(fields: "id")')
export class WorkforceTrainingReport {
  @Field(() => ID)
  id!: string;

  @Field(() => Region, { nullable: true, description: 'Null for the national report.' })
  region!: Region | null;

  @Field(() => Int, { nullable: true, description: 'Null for all years.' })
  year!: number | null;

  @Field(() => [String], { description: 'Occupations the projects plan jobs in.' })
  occupationCodes!: string[];

  @Field(() => [RegionalWorkforce])
  @Directive('@external')
  regionalWorkforce?: RegionalWorkforce[];

  @Field(() => [RegionalVacancies])
  @Directive('@external')
  regionalVacancies?: RegionalVacancies[];

  @Field(() => [ID])
  @Directive('@external')
  donorRegionCodes?: string[];
}
