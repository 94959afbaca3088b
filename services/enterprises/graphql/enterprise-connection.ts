import { connectionTypes } from '../../kernel/pagination.js';
import { Enterprise } from '../entities/enterprise.entity.js';

export const { NodeEdge: EnterpriseEdge, NodeConnection: EnterpriseConnection } = connectionTypes(Enterprise, 'Enterprise');
