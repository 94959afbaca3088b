import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { GraphQLDateTime } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { ContractType } from '../../kernel/domain/money.js';
import { GeoPoint } from '../../kernel/geo/graphql-types.js';
import { GeographyPointType, type LatLon } from '../../kernel/geo/postgis-types.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { EmploymentTypeEnum, VacancyStatusEnum, type VacancyStatus } from '../graphql/enums.js';

/**
 * A job an employer offers. The vacancy carries its employer's BIN (the key it references the enterprise by) and its own
 * KATO code, so it is stored, filtered and grouped by region and employer without reading the
 * enterprises or regions tables. `openDays` and `isQualityJob` depend on today and are derived
 * at read time (resolvers/vacancy.resolver.ts); the indexes are in the migration beside the
 * queries that use them.
 */
@Entity({ tableName: 'vacancy' })
@ObjectType({ description: 'A vacancy offered by an enterprise.' })
@Directive('@key(fields: "id")')
export class Vacancy {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id!: string;

  @Property({ type: 'string', length: 12 })
  enterpriseBin!: string;

  @Property({ type: 'text' })
  @Field(() => String)
  title!: string;

  @Property({ type: 'string', length: 4 })
  @Field(() => String, { description: 'National occupation classifier (ISCO-08 based), 4-digit unit group, e.g. "7212" welders.' })
  occupationCode!: string;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Guaranteed monthly salary, tenge.' })
  salaryMinTenge!: number;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Upper end of the offered monthly salary, tenge; null when not stated.' })
  salaryMaxTenge!: number | null;

  @Property({ type: 'string', length: 10 })
  @Field(() => EmploymentTypeEnum)
  employmentType!: ContractType;

  @Property({ type: 'string', length: 12 })
  @Field(() => WorkingConditionsClass, { description: 'Class of the workplace offered, as declared by the employer.' })
  conditionsClass!: WorkingConditionsClass;

  @Property({ type: 'boolean' })
  @Field(() => Boolean)
  housingProvided!: boolean;

  @Property({ type: GeographyPointType })
  @Field(() => GeoPoint)
  location!: LatLon;

  @Property({ type: 'string', length: 9 })
  @Field(() => String, { description: 'Nine-digit KATO code of the workplace; its first two digits name the region.' })
  katoCode!: string;

  /** Derived from the KATO prefix at write time; exposed as `region`. */
  @Property({ type: 'string', length: 5 })
  regionCode!: string;

  @Property({ type: 'string', length: 6 })
  @Field(() => VacancyStatusEnum)
  status!: VacancyStatus;

  @Property({ type: 'datetime' })
  @Field(() => GraphQLDateTime)
  postedAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the vacancy was filled or closed; null while open.' })
  closedAt!: Date | null;
}
