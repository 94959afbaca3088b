import { graphqlEnums, type EnumValue } from '../../kernel/graphql/enum.js';

export type EmploymentType = EnumValue<typeof EmploymentType>;
export type VacancyStatus = EnumValue<typeof VacancyStatus>;
export type VacancyOrder = EnumValue<typeof VacancyOrder>;
export type ShortageGrouping = EnumValue<typeof ShortageGrouping>;
export type VacancyCloseReason = EnumValue<typeof VacancyCloseReason>;
export const { EmploymentType, VacancyStatus, VacancyOrder, ShortageGrouping, VacancyCloseReason } = graphqlEnums({
  EmploymentType: { values: ['PERMANENT', 'FIXED_TERM', 'SEASONAL'], description: 'The employment contract offered.' },
  VacancyStatus: {
    values: ['OPEN', 'FILLED', 'CLOSED'],
    description: 'OPEN: still looking; FILLED: someone was hired; CLOSED: withdrawn without hiring.',
  },
  VacancyOrder: {
    values: ['DISTANCE', 'POSTED_DESC', 'SALARY_DESC', 'OPEN_DAYS_DESC'],
    description: 'DISTANCE: nearest first (needs area.near); POSTED_DESC: newest first (the default); SALARY_DESC: highest guaranteed salary (salaryMinTenge) first; OPEN_DAYS_DESC: longest open first.',
  },
  ShortageGrouping: { values: ['REGION', 'ENTERPRISE', 'OCCUPATION'], description: 'What a staffing-shortage row is about.' },
  VacancyCloseReason: {
    values: ['FILLED', 'WITHDRAWN'],
    description: 'FILLED: someone was hired (status FILLED); WITHDRAWN: the employer no longer hires (status CLOSED).',
  },
});

/** The status a closed vacancy ends in. */
export const STATUS_AFTER_CLOSE: Record<VacancyCloseReason, Exclude<VacancyStatus, 'OPEN'>> = {
  [VacancyCloseReason.FILLED]: 'FILLED',
  [VacancyCloseReason.WITHDRAWN]: 'CLOSED',
};
