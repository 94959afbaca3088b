import 'reflect-metadata';
import { runSubgraphMain } from '../kernel/subgraph.js';
import { enterprisesSubgraph } from './schema.js';

await runSubgraphMain(enterprisesSubgraph);
