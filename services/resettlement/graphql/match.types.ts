import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { WorkSector } from '../../kernel/domain/work-sectors.js';
import { GeoJSONScalar } from '../../kernel/geo/graphql-types.js';
import type { GeoJsonGeometry } from '../../kernel/geo/postgis-types.js';
import { SectorVacancies } from '../../kernel/graphql/navigator-types.js';
import { WorkSectorEnum } from '../../kernel/graphql/work-sector.js';
import { DateScalar } from '../../kernel/graphql/date.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { Region } from '../entities/region.stub.js';

@ObjectType({ description: 'One sector, applicants beside vacancies.' })
export class SectorMatchShare {
  @Field(() => WorkSectorEnum)
  sector!: WorkSector;

  @Field(() => Int, { description: 'Able-bodied applicants intending to work in the sector.' })
  applicants!: number;

  @Field(() => Float, { description: 'Their share of all applicants with a stated intention (the column sums to 1).' })
  applicantShare!: number;

  @Field(() => Int, { description: 'Open vacancies in the sector.' })
  vacancies!: number;

  @Field(() => Float, { description: 'Their share of all the open vacancies counted (the column sums to 1).' })
  vacancyShare!: number;
}

/**
 * What families applying to a zone (or a region's zones) want to work in, beside the sectors of
 * the vacancies near it (docs/domain.md §10). This subgraph owns it and the applicants' side;
 * the vacancies subgraph adds the vacancies' side by key, and the shares come back here.
 */
@ObjectType({ description: 'Applicants’ intended sectors beside the sectors of the vacancies around them, for a year.' })
@Directive('@key(fields: "id")')
export class ResettlementMatch {
  @Field(() => ID)
  id!: string;

  @Field(() => ResettlementZone, { nullable: true, description: 'The zone; null for a region or the country.' })
  zone!: ResettlementZone | null;

  @Field(() => Region, { nullable: true, description: 'The recipient region; null for a zone or the country.' })
  region!: Region | null;

  @Field(() => Int)
  year!: number;

  @Field(() => Float, { nullable: true, description: 'For a zone: vacancies within this distance of its area count.' })
  radiusKm!: number | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'For a zone: its area.' })
  area!: GeoJsonGeometry | null;

  @Field(() => [ID], { description: 'The regions whose vacancies count, for a region or the country.' })
  regionCodes!: string[];

  @Field(() => [SectorVacancies])
  @Directive('@external')
  vacancySectors?: SectorVacancies[];
}

@ObjectType({ description: 'The match for every recipient region, and for the country.' })
export class ResettlementMatchReport {
  @Field(() => ResettlementMatch, { description: 'Every recipient region together.' })
  national!: ResettlementMatch;

  @Field(() => [ResettlementMatch], { description: 'By recipient region, by code.' })
  regions!: ResettlementMatch[];
}

@ObjectType({ description: 'A family’s return from the region it resettled to, as an officer recorded it.' })
export class ResettlementReturn {
  @Field(() => ID)
  applicationId!: string;

  @Field(() => DateScalar)
  returnedOn!: string;

  @Field(() => Int, { description: 'Family members who returned.' })
  members!: number;
}

@ObjectType({ description: 'Resettled people and those who returned (docs/domain.md §10).' })
export class ReturnRate {
  @Field(() => Int, { nullable: true, description: 'The programme year; null for all years.' })
  year!: number | null;

  @Field(() => Int, { description: 'Members of the families whose application was ACCEPTED.' })
  resettledPersons!: number;

  @Field(() => Int, { description: 'Of them, the members recorded as returned.' })
  returnedPersons!: number;

  @Field(() => Float, { nullable: true, description: 'returnedPersons / resettledPersons; null with nobody resettled.' })
  rate!: number | null;
}

@ObjectType({ description: 'What one able-bodied member of the family intends to work as, as stated when applying.' })
export class IntendedWork {
  @Field(() => Int, { description: 'The member, 1 to ableBodiedMembers.' })
  member!: number;

  @Field(() => WorkSectorEnum)
  sector!: WorkSector;

  @Field(() => String, { nullable: true })
  occupationCode!: string | null;
}
