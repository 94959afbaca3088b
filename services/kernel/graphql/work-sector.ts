import { registerEnumType } from 'type-graphql';
import { WORK_SECTORS, type WorkSector } from '../domain/work-sectors.js';

/** The GraphQL enum of docs/domain.md §10's sectors, one registration for every subgraph that prints it. */
export const WorkSectorEnum = Object.fromEntries(WORK_SECTORS.map((sector) => [sector, sector])) as { [S in WorkSector]: S };

registerEnumType(WorkSectorEnum, {
  name: 'WorkSector',
  description:
    'Where a person wants to work or a vacancy lies, in the categories of the 2017 resettlement study (production, education, ' +
    'healthcare, government, agriculture, construction) plus trade and services and one’s own business (docs/domain.md §10).',
});
