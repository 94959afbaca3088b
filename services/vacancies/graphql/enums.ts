import { graphqlEnum, type EnumValue } from '../../kernel/graphql/enum.js';

export const EmploymentTypeEnum = graphqlEnum('EmploymentType', ['PERMANENT', 'FIXED_TERM', 'SEASONAL'], 'The employment contract offered.');
export type EmploymentTypeEnum = EnumValue<typeof EmploymentTypeEnum>;

export type VacancyStatus = 'OPEN' | 'FILLED' | 'CLOSED';

export const VacancyStatusEnum = graphqlEnum(
  'VacancyStatus',
  ['OPEN', 'FILLED', 'CLOSED'],
  'OPEN: still looking; FILLED: someone was hired; CLOSED: withdrawn without hiring.',
);
export type VacancyStatusEnum = EnumValue<typeof VacancyStatusEnum>;

export const VacancyOrder = graphqlEnum(
  'VacancyOrder',
  ['DISTANCE', 'POSTED_DESC', 'SALARY_DESC', 'OPEN_DAYS_DESC'],
  'DISTANCE: nearest first (needs area.near); POSTED_DESC: newest first (the default); SALARY_DESC: highest guaranteed salary (salaryMinTenge) first; OPEN_DAYS_DESC: longest open first.',
);
export type VacancyOrder = EnumValue<typeof VacancyOrder>;

export const ShortageGrouping = graphqlEnum('ShortageGrouping', ['REGION', 'ENTERPRISE', 'OCCUPATION'], 'What a staffing-shortage row is about.');
export type ShortageGrouping = EnumValue<typeof ShortageGrouping>;

export const VacancyCloseReason = graphqlEnum(
  'VacancyCloseReason',
  ['FILLED', 'WITHDRAWN'],
  'FILLED: someone was hired (status FILLED); WITHDRAWN: the employer no longer hires (status CLOSED).',
);
export type VacancyCloseReason = EnumValue<typeof VacancyCloseReason>;

/** The status a closed vacancy ends in. */
export const STATUS_AFTER_CLOSE: Record<VacancyCloseReason, Exclude<VacancyStatus, 'OPEN'>> = {
  [VacancyCloseReason.FILLED]: 'FILLED',
  [VacancyCloseReason.WITHDRAWN]: 'CLOSED',
};
