import 'reflect-metadata';
import type { SubgraphDefinition } from '../services/kernel/subgraph.js';
import { regionsSubgraph } from '../services/regions/schema.js';

/** Every subgraph, in start order (regions first: the others' demo seeds place rows inside its boundaries). */
export const SUBGRAPHS: SubgraphDefinition<unknown>[] = [regionsSubgraph as SubgraphDefinition<unknown>];
