import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { ContractType } from '../../kernel/domain/money.js';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { EmploymentType, VacancyStatus } from '../graphql/enums.js';

/**
 * A job an employer offers. The vacancy carries its employer's BIN (the key it references the enterprise by) and its own
 * KATO code, so it is stored, filtered and grouped by region and employer without reading the
 * enterprises or regions tables. `openDays` and `isQualityJob` depend on today and are derived
 * at read time (resolvers/vacancy.resolver.ts); the indexes are in the migration beside the
 * queries that use them.
 */
@ObjectType({ description: 'A vacancy offered by an enterprise.' })
@Directive('@key(fields: "id")')
export class Vacancy {
  @Field(() => ID)
  id!: string;

  enterpriseBin!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'National occupation classifier (ISCO-08 based), 4-digit unit group, e.g. "7212" welders.' })
  occupationCode!: string;

  @Field(() => Int, { description: 'Guaranteed monthly salary, tenge.' })
  salaryMinTenge!: number;

  @Field(() => Int, { nullable: true, description: 'Upper end of the offered monthly salary, tenge; null when not stated.' })
  salaryMaxTenge!: number | null;

  @Field(() => EmploymentType)
  employmentType!: ContractType;

  @Field(() => WorkingConditionsClass, { description: 'Class of the workplace offered, as declared by the employer.' })
  conditionsClass!: WorkingConditionsClass;

  @Field(() => Boolean)
  housingProvided!: boolean;

  @Field(() => GeoPoint)
  location!: LatLon;

  @Field(() => String, { description: 'Nine-digit KATO code of the workplace; its first two digits name the region.' })
  katoCode!: string;

  /** Derived from the KATO prefix at write time; exposed as `region`. */
  regionCode!: string;

  @Field(() => VacancyStatus)
  status!: VacancyStatus;

  @Field(() => GraphQLDateTime)
  postedAt!: Date;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the vacancy was filled or closed; null while open.' })
  closedAt!: Date | null;
}
