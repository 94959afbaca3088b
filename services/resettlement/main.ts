import 'reflect-metadata';
import { runSubgraphMain } from '../kernel/subgraph.js';
import { resettlementSubgraph } from './schema.js';

await runSubgraphMain(resettlementSubgraph);
