import { registerEnumType } from 'type-graphql';

export enum ProjectStatus {
  PREPARATION = 'PREPARATION',
  CONSTRUCTION = 'CONSTRUCTION',
  COMMISSIONING = 'COMMISSIONING',
}

registerEnumType(ProjectStatus, {
  name: 'ProjectStatus',
  description:
    'Where a project under way stands: PREPARATION (design, permits, financing), CONSTRUCTION, COMMISSIONING ' +
    '(first output, hiring the operating staff).',
});

export enum InvestmentProjectOrder {
  INVESTMENT_DESC = 'INVESTMENT_DESC',
  PLANNED_JOBS_DESC = 'PLANNED_JOBS_DESC',
  NAME = 'NAME',
  DISTANCE = 'DISTANCE',
}

registerEnumType(InvestmentProjectOrder, {
  name: 'InvestmentProjectOrder',
  description: 'INVESTMENT_DESC (default), PLANNED_JOBS_DESC, NAME, or DISTANCE (nearest first; needs area.near).',
});
