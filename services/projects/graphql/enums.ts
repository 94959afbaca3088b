import { graphqlEnum, type EnumValue } from '../../kernel/graphql/enum.js';

export const ProjectStatus = graphqlEnum(
  'ProjectStatus',
  ['PREPARATION', 'CONSTRUCTION', 'COMMISSIONING'],
  'Where a project under way stands: PREPARATION (design, permits, financing), CONSTRUCTION, COMMISSIONING (first output, hiring the operating staff).',
);
export type ProjectStatus = EnumValue<typeof ProjectStatus>;

export const InvestmentProjectOrder = graphqlEnum(
  'InvestmentProjectOrder',
  ['INVESTMENT_DESC', 'PLANNED_JOBS_DESC', 'NAME', 'DISTANCE'],
  'INVESTMENT_DESC (default), PLANNED_JOBS_DESC, NAME, or DISTANCE (nearest first; needs area.near).',
);
export type InvestmentProjectOrder = EnumValue<typeof InvestmentProjectOrder>;
