import 'reflect-metadata';
import { runSubgraphMain } from '../kernel/subgraph.js';
import { projectsSubgraph } from './schema.js';

await runSubgraphMain(projectsSubgraph);
