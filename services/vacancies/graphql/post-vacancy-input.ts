import { Field, InputType, Int } from 'type-graphql';
import type { ContractType } from '../../kernel/domain/money.js';
import { parseBin, parseKatoRegion, parseOccupationCode, parseText } from '../../kernel/arguments.js';
import type { RegionCode } from '../../kernel/domain/kato.js';
import { BadInput } from '../../kernel/errors.js';
import { GeoPointInput, validateGeoPoint } from '../../kernel/geo/graphql-types.js';
import type { LatLon } from '../../kernel/geo/postgis-types.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { minimumWageToday } from '../domain/vacancy-rules.js';
import { EmploymentType } from './enums.js';
import { MAX_SALARY_TENGE } from './vacancy-filter.js';

const MAX_TITLE_LENGTH = 200;

@InputType({ description: 'A vacancy an employer posts for its own enterprise (the BIN of its token).' })
export class PostVacancyInput {
  @Field(() => String, { description: "The employer's BIN: must be the `bin` claim of the caller's token." })
  bin!: string;

  @Field(() => String, { description: `1–${MAX_TITLE_LENGTH} characters.` })
  title!: string;

  @Field(() => String, { description: '4-digit occupation code (ISCO-08 based unit group).' })
  occupationCode!: string;

  @Field(() => Int, { description: 'Guaranteed monthly salary, tenge: at least the minimum wage of the year (docs/domain.md §6).' })
  salaryMinTenge!: number;

  @Field(() => Int, { nullable: true, description: 'Upper end of the range, tenge: at least salaryMinTenge.' })
  salaryMaxTenge?: number | null;

  @Field(() => EmploymentType)
  employmentType!: EmploymentType;

  @Field(() => WorkingConditionsClass, { nullable: true, defaultValue: WorkingConditionsClass.ACCEPTABLE_2 })
  conditionsClass?: WorkingConditionsClass | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  housingProvided?: boolean | null;

  @Field(() => String, { description: 'Nine-digit KATO code of the workplace; its first two digits give the region.' })
  katoCode!: string;

  @Field(() => GeoPointInput, {
    nullable: true,
    description:
      "The workplace. Omitted: the location of the employer's latest vacancy (the enterprise's own location is held by " +
      'the enterprises subgraph); required for an employer\'s first vacancy.',
  })
  location?: GeoPointInput | null;
}

/** A validated PostVacancyInput, ready for SQL. `location` null: inherit the employer's latest. */
export interface NewVacancy {
  enterpriseBin: string;
  title: string;
  occupationCode: string;
  salaryMinTenge: number;
  salaryMaxTenge: number | null;
  employmentType: ContractType;
  conditionsClass: WorkingConditionsClass;
  housingProvided: boolean;
  katoCode: string;
  regionCode: RegionCode;
  location: LatLon | null;
}

/** Every field checked before any SQL; the argument path names the first bad one. */
export function parsePostVacancy(input: PostVacancyInput, argument = 'input'): NewVacancy {
  const enterpriseBin = parseBin(input.bin, `${argument}.bin`);
  const title = parseText(input.title, `${argument}.title`, { maxLength: MAX_TITLE_LENGTH, required: true });
  const occupationCode = parseOccupationCode(input.occupationCode, `${argument}.occupationCode`);
  const minimumWage = minimumWageToday();
  if (input.salaryMinTenge < minimumWage || input.salaryMinTenge > MAX_SALARY_TENGE) {
    throw new BadInput(`${argument}.salaryMinTenge`, `must be from the minimum wage (${minimumWage}) to ${MAX_SALARY_TENGE}`);
  }
  const salaryMaxTenge = input.salaryMaxTenge ?? null;
  if (salaryMaxTenge !== null && (salaryMaxTenge < input.salaryMinTenge || salaryMaxTenge > MAX_SALARY_TENGE)) {
    throw new BadInput(`${argument}.salaryMaxTenge`, `must be from salaryMinTenge to ${MAX_SALARY_TENGE}`);
  }
  return {
    enterpriseBin,
    title,
    occupationCode,
    salaryMinTenge: input.salaryMinTenge,
    salaryMaxTenge,
    employmentType: input.employmentType,
    conditionsClass: input.conditionsClass ?? WorkingConditionsClass.ACCEPTABLE_2,
    housingProvided: input.housingProvided ?? false,
    katoCode: input.katoCode,
    regionCode: parseKatoRegion(input.katoCode, `${argument}.katoCode`),
    location: input.location ? validateGeoPoint(input.location, `${argument}.location`) : null,
  };
}
