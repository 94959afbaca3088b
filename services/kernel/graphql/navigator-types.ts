import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { pgArray } from '../db.js';
import { bound, type SqlFragment } from '../sql.js';
import { GeoPoint } from '../geo/graphql-types.js';
import type { LatLon } from '../geo/postgis-types.js';
import type { WorkSector } from '../domain/work-sectors.js';
import { WorkSectorEnum } from './work-sector.js';

/**
 * The value types the investment-project navigator moves between subgraphs (docs/architecture.md
 * "The navigator"): the enterprises and vacancies subgraphs answer them for a locality or a set
 * of occupations, and the projects subgraph receives them through `@requires` to compute gaps,
 * recruitment sources and training requests. One definition, shared, so the copies every subgraph
 * declares cannot drift apart.
 */
@ObjectType({ description: 'Workers employed in one occupation around a place (declared contracts in force).' })
@Directive('@shareable')
export class LocalWorkforce {
  @Field(() => String)
  occupationCode!: string;

  @Field(() => Int, { description: 'Declared employment contracts in force in the occupation at enterprises within the radius.' })
  workers!: number;

  @Field(() => Int, { nullable: true, description: 'Median monthly salary of those contracts, tenge; null without workers.' })
  medianMonthlySalaryTenge!: number | null;
}

@ObjectType({ description: 'Open vacancies in one occupation around a place.' })
@Directive('@shareable')
export class LocalVacancies {
  @Field(() => String)
  occupationCode!: string;

  @Field(() => Int)
  openVacancies!: number;
}

@ObjectType({ description: 'Workers employed in one occupation in one region (declared contracts in force).' })
@Directive('@shareable')
export class RegionalWorkforce {
  @Field(() => ID)
  regionCode!: string;

  @Field(() => String)
  occupationCode!: string;

  @Field(() => Int)
  workers!: number;

  @Field(() => Int, { nullable: true, description: 'Median monthly salary of those contracts, tenge; null without workers.' })
  medianMonthlySalaryTenge!: number | null;
}

@ObjectType({ description: 'Open vacancies in one occupation in one region.' })
@Directive('@shareable')
export class RegionalVacancies {
  @Field(() => ID)
  regionCode!: string;

  @Field(() => String)
  occupationCode!: string;

  @Field(() => Int)
  openVacancies!: number;
}

/** The key of a project's locality: the project and the radius, e.g. `<uuid>|50`. */
export function localityId(projectId: string, radiusKm: number): string {
  return `${projectId}|${radiusKm}`;
}

/** The key of a labour-market view over occupations (recruitment sources, training requests). */
export function labourMarketId(owner: string, occupationCodes: readonly string[]): string {
  return `${owner}|${occupationCodes.join(',')}`;
}

export interface ProjectLocalityReference {
  id: string;
  center: LatLon;
  radiusKm: number;
  plannedOccupations: string[];
}

/** The locality's key and place as a subgraph receives them (`@requires`); each subgraph's ProjectLocality extends it. */
@ObjectType()
export abstract class ProjectLocalityPlace {
  @Field(() => ID)
  id!: string;

  @Field(() => GeoPoint)
  @Directive('@external')
  center!: LatLon;

  @Field(() => Float)
  @Directive('@external')
  radiusKm!: number;
}

/**
 * The projects subgraph's navigator entities as the enterprises and vacancies subgraphs see them:
 * the key, and the place or occupations they receive through `@requires` (never stored there).
 * A factory, like `connectionTypes`: each subgraph gets its own classes, because type-graphql
 * attaches field resolvers to a class and each subgraph resolves other fields on them.
 */
export function navigatorReferenceTypes() {
  @ObjectType('ProjectLocality')
  @Directive('@key(fields: "id")')
  class ProjectLocality extends ProjectLocalityPlace implements ProjectLocalityReference {
    @Field(() => [String])
    @Directive('@external')
    plannedOccupations!: string[];
  }

  @ObjectType('RecruitmentSources')
  @Directive('@key(fields: "id")')
  class RecruitmentSources {
    @Field(() => ID)
    id!: string;

    @Field(() => [String])
    @Directive('@external')
    occupationCodes!: string[];
  }

  @ObjectType('WorkforceTrainingReport')
  @Directive('@key(fields: "id")')
  class WorkforceTrainingReport {
    @Field(() => ID)
    id!: string;

    @Field(() => [String])
    @Directive('@external')
    occupationCodes!: string[];
  }

  return { ProjectLocality, RecruitmentSources, WorkforceTrainingReport };
}

/** One (place, radius, occupation) question, as a DataLoader key: questions from many localities share a statement. */
export interface LocalOccupationQuestion {
  lat: number;
  lon: number;
  radiusMetres: number;
  occupationCode: string;
}

const localQuestionKey = (question: LocalOccupationQuestion): string =>
  `${question.lat}|${question.lon}|${question.radiusMetres}|${question.occupationCode}`;

function parseLocalQuestionKey(key: string): LocalOccupationQuestion {
  const [lat, lon, radiusMetres, occupationCode] = key.split('|');
  return { lat: Number(lat), lon: Number(lon), radiusMetres: Number(radiusMetres), occupationCode: occupationCode! };
}

/**
 * Many questions as one SQL row source `q (key, lat, lon, radius_metres, occupation_code)` with
 * its bound parameters, so a subgraph answers a whole batch in one statement.
 */
export function localQuestionRows(keys: readonly string[]): SqlFragment {
  const questions = keys.map(parseLocalQuestionKey);
  return bound(
    'unnest(?::text[], ?::float8[], ?::float8[], ?::float8[], ?::text[]) as q (key, lat, lon, radius_metres, occupation_code)',
    pgArray(keys),
    pgArray(questions.map((question) => question.lat)),
    pgArray(questions.map((question) => question.lon)),
    pgArray(questions.map((question) => question.radiusMetres)),
    pgArray(questions.map((question) => question.occupationCode)),
  );
}

/** The questions of one locality, one per planned occupation. */
export function localQuestionsOf(locality: ProjectLocalityReference): string[] {
  return locality.plannedOccupations.map((occupationCode) =>
    localQuestionKey({ lat: locality.center.lat, lon: locality.center.lon, radiusMetres: locality.radiusKm * 1000, occupationCode }),
  );
}

/** Open vacancies in one sector (docs/domain.md §10), as the vacancies subgraph adds them to a resettlement match. */
@ObjectType({ description: 'Open vacancies in one sector.' })
@Directive('@shareable')
export class SectorVacancies {
  @Field(() => WorkSectorEnum)
  sector!: WorkSector;

  @Field(() => Int)
  vacancies!: number;
}
