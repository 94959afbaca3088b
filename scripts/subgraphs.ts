import 'reflect-metadata';
import type { SubgraphDefinition } from '../services/kernel/subgraph.js';
import { enterprisesSubgraph } from '../services/enterprises/schema.js';
import { projectsSubgraph } from '../services/projects/schema.js';
import { regionsSubgraph } from '../services/regions/schema.js';
import { resettlementSubgraph } from '../services/resettlement/schema.js';
import { vacanciesSubgraph } from '../services/vacancies/schema.js';

/** Every subgraph, in start order (regions first: the others' demo seeds place rows inside its boundaries). */
export const SUBGRAPHS: SubgraphDefinition<unknown>[] = [
  regionsSubgraph as SubgraphDefinition<unknown>,
  enterprisesSubgraph as SubgraphDefinition<unknown>,
  vacanciesSubgraph as SubgraphDefinition<unknown>,
  resettlementSubgraph as SubgraphDefinition<unknown>,
  projectsSubgraph as SubgraphDefinition<unknown>,
];
