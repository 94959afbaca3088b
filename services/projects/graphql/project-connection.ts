import { connectionTypes } from '../../kernel/pagination.js';
import { InvestmentProject } from '../entities/investment-project.entity.js';

export const { NodeEdge: InvestmentProjectEdge, NodeConnection: InvestmentProjectConnection } = connectionTypes(InvestmentProject, 'InvestmentProject');
