import { registerEnumType } from 'type-graphql';

/**
 * Classes of working conditions from the attestation of workplaces (docs/domain.md §4), ordered from
 * best to worst. Shared by enterprises (assessments) and vacancies (the workplace offered), so
 * both subgraphs expose the identical enum.
 */
export enum WorkingConditionsClass {
  OPTIMAL_1 = 'OPTIMAL_1',
  ACCEPTABLE_2 = 'ACCEPTABLE_2',
  HARMFUL_3_1 = 'HARMFUL_3_1',
  HARMFUL_3_2 = 'HARMFUL_3_2',
  HARMFUL_3_3 = 'HARMFUL_3_3',
  HARMFUL_3_4 = 'HARMFUL_3_4',
  DANGEROUS_4 = 'DANGEROUS_4',
}

registerEnumType(WorkingConditionsClass, {
  name: 'WorkingConditionsClass',
  description: 'Class 1 optimal, 2 acceptable, 3.1–3.4 harmful (four degrees), 4 dangerous.',
});
