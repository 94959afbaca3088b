import type { ContractType } from '../../kernel/domain/money.js';
import type { WorkingConditionsClass } from '../../kernel/domain/working-conditions.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import type { VacancyStatus } from '../graphql/enums.js';

/** The card columns every vacancy query selects (table alias `v`), read back by `toVacancy`. */
export const VACANCY_COLUMNS = `v.id, v.enterprise_bin, v.title, v.occupation_code, v.salary_min_tenge,
  v.salary_max_tenge, v.employment_type, v.conditions_class, v.housing_provided,
  ST_Y(v.location::geometry) as lat, ST_X(v.location::geometry) as lon,
  v.kato_code, v.region_code, v.status, v.posted_at, v.closed_at`;

export interface VacancyRow {
  id: string;
  enterprise_bin: string;
  title: string;
  occupation_code: string;
  salary_min_tenge: number;
  salary_max_tenge: number | null;
  employment_type: ContractType;
  conditions_class: WorkingConditionsClass;
  housing_provided: boolean;
  lat: number;
  lon: number;
  kato_code: string;
  region_code: string;
  status: VacancyStatus;
  posted_at: Date | string;
  closed_at: Date | string | null;
}

export function toVacancy(row: VacancyRow): Vacancy {
  return {
    id: row.id,
    enterpriseBin: row.enterprise_bin,
    title: row.title,
    occupationCode: row.occupation_code,
    salaryMinTenge: row.salary_min_tenge,
    salaryMaxTenge: row.salary_max_tenge,
    employmentType: row.employment_type,
    conditionsClass: row.conditions_class,
    housingProvided: row.housing_provided,
    location: { lat: row.lat, lon: row.lon },
    katoCode: row.kato_code,
    regionCode: row.region_code,
    status: row.status,
    postedAt: new Date(row.posted_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
  };
}
