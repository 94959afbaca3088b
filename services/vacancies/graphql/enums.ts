import { registerEnumType } from 'type-graphql';

export enum EmploymentTypeEnum {
  PERMANENT = 'PERMANENT',
  FIXED_TERM = 'FIXED_TERM',
  SEASONAL = 'SEASONAL',
}
registerEnumType(EmploymentTypeEnum, { name: 'EmploymentType', description: 'The employment contract offered.' });

export type VacancyStatus = 'OPEN' | 'FILLED' | 'CLOSED';

export enum VacancyStatusEnum {
  OPEN = 'OPEN',
  FILLED = 'FILLED',
  CLOSED = 'CLOSED',
}
registerEnumType(VacancyStatusEnum, {
  name: 'VacancyStatus',
  description: 'OPEN: still looking; FILLED: someone was hired; CLOSED: withdrawn without hiring.',
});

export enum VacancyOrder {
  DISTANCE = 'DISTANCE',
  POSTED_DESC = 'POSTED_DESC',
  SALARY_DESC = 'SALARY_DESC',
  OPEN_DAYS_DESC = 'OPEN_DAYS_DESC',
}
registerEnumType(VacancyOrder, {
  name: 'VacancyOrder',
  description:
    'DISTANCE: nearest first (needs area.near); POSTED_DESC: newest first (the default); ' +
    'SALARY_DESC: highest guaranteed salary (salaryMinTenge) first; OPEN_DAYS_DESC: longest open first.',
});

export enum ShortageGrouping {
  REGION = 'REGION',
  ENTERPRISE = 'ENTERPRISE',
  OCCUPATION = 'OCCUPATION',
}
registerEnumType(ShortageGrouping, { name: 'ShortageGrouping', description: 'What a staffing-shortage row is about.' });

export enum VacancyCloseReason {
  FILLED = 'FILLED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(VacancyCloseReason, {
  name: 'VacancyCloseReason',
  description: 'FILLED: someone was hired (status FILLED); WITHDRAWN: the employer no longer hires (status CLOSED).',
});

/** The status a closed vacancy ends in. */
export const STATUS_AFTER_CLOSE: Record<VacancyCloseReason, Exclude<VacancyStatus, 'OPEN'>> = {
  [VacancyCloseReason.FILLED]: 'FILLED',
  [VacancyCloseReason.WITHDRAWN]: 'CLOSED',
};
