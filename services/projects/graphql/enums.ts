import { graphqlEnums, type EnumValue } from '../../kernel/graphql/enum.js';

export type ProjectStatus = EnumValue<typeof ProjectStatus>;
export type InvestmentProjectOrder = EnumValue<typeof InvestmentProjectOrder>;
export const { ProjectStatus, InvestmentProjectOrder } = graphqlEnums({
  ProjectStatus: {
    values: ['PREPARATION', 'CONSTRUCTION', 'COMMISSIONING'],
    description: 'Where a project under way stands: PREPARATION (design, permits, financing), CONSTRUCTION, COMMISSIONING (first output, hiring the operating staff).',
  },
  InvestmentProjectOrder: {
    values: ['INVESTMENT_DESC', 'PLANNED_JOBS_DESC', 'NAME', 'DISTANCE'],
    description: 'INVESTMENT_DESC (default), PLANNED_JOBS_DESC, NAME, or DISTANCE (nearest first; needs area.near).',
  },
});
