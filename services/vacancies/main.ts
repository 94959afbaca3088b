import 'reflect-metadata';
import { runSubgraphMain } from '../kernel/subgraph.js';
import { vacanciesSubgraph } from './schema.js';

await runSubgraphMain(vacanciesSubgraph);
