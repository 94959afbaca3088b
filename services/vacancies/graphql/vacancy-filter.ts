import { Field, InputType, Int } from 'type-graphql';
import type { ContractType } from '../../kernel/domain/money.js';
import { parseNumberInRange, parseOccupationCode } from '../../kernel/arguments.js';
import { BadInput } from '../../kernel/errors.js';
import { EmploymentType } from './enums.js';

@InputType({ description: 'Every field set narrows the result (AND). Only OPEN vacancies are searched.' })
export class VacancyFilter {
  @Field(() => String, { nullable: true, description: '4-digit occupation code (ISCO-08 based unit group).' })
  occupationCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Guaranteed salary (salaryMinTenge) at least this, tenge.' })
  minSalaryTenge?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'true: quality jobs only (see Vacancy.isQualityJob).' })
  qualityOnly?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  housingProvided?: boolean | null;

  @Field(() => EmploymentType, { nullable: true })
  employmentType?: EmploymentType | null;

  @Field(() => Int, { nullable: true, description: 'Open for at least this many days.' })
  minOpenDays?: number | null;
}

export interface ParsedVacancyFilter {
  occupationCode: string | null;
  minSalaryTenge: number | null;
  qualityOnly: boolean;
  housingProvided: boolean | null;
  employmentType: ContractType | null;
  minOpenDays: number | null;
}

const MAX_OPEN_DAYS = 3650;
export const MAX_SALARY_TENGE = 100_000_000;

export function parseOpenDays(days: number, argument: string, min = 0): number {
  return parseNumberInRange(days, argument, { min, max: MAX_OPEN_DAYS, whole: true, what: 'a number of days' });
}

/** Validates a filter before any SQL; `argument` is the path of the filter argument (empty: errors name the bare field, as tile URLs do). */
export function parseVacancyFilter(filter: VacancyFilter | null | undefined, argument = 'filter'): ParsedVacancyFilter {
  const { occupationCode, minSalaryTenge, minOpenDays } = filter ?? {};
  const path = (field: string) => (argument ? `${argument}.${field}` : field);
  if (minSalaryTenge != null && (minSalaryTenge < 0 || minSalaryTenge > MAX_SALARY_TENGE)) {
    throw new BadInput(path('minSalaryTenge'), `must be from 0 to ${MAX_SALARY_TENGE}`);
  }
  return {
    occupationCode: occupationCode != null ? parseOccupationCode(occupationCode, path('occupationCode')) : null,
    minSalaryTenge: minSalaryTenge ?? null,
    qualityOnly: filter?.qualityOnly === true,
    housingProvided: filter?.housingProvided ?? null,
    employmentType: filter?.employmentType ?? null,
    minOpenDays: minOpenDays != null ? parseOpenDays(minOpenDays, path('minOpenDays')) : null,
  };
}

export const NO_FILTER: ParsedVacancyFilter = parseVacancyFilter(null);
