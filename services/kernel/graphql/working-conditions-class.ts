import { registerEnumType } from 'type-graphql';
import { WorkingConditionsClass } from '../domain/working-conditions.js';

// Shared by enterprises (assessments) and vacancies (the workplace offered), so both subgraphs
// expose the identical enum. Fields import it from here, so that it is registered before use.
registerEnumType(WorkingConditionsClass, {
  name: 'WorkingConditionsClass',
  description: 'Class 1 optimal, 2 acceptable, 3.1–3.4 harmful (four degrees), 4 dangerous.',
});

export { WorkingConditionsClass };
