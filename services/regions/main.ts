import 'reflect-metadata';
import { runSubgraphMain } from '../kernel/subgraph.js';
import { regionsSubgraph } from './schema.js';

await runSubgraphMain(regionsSubgraph);
