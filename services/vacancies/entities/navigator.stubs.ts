import { navigatorReferenceTypes } from '../../kernel/graphql/navigator-types.js';

/** The projects subgraph's navigator entities, as this subgraph receives them (docs/architecture.md "The navigator"). */
export const { ProjectLocality, RecruitmentSources, WorkforceTrainingReport } = navigatorReferenceTypes();
