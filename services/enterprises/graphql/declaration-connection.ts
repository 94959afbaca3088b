import { connectionTypes } from '../../kernel/pagination.js';
import { EmploymentContract } from '../entities/employment-contract.entity.js';
import { LaborRelationsDeclaration } from '../entities/labor-relations-declaration.entity.js';

export const { NodeEdge: DeclarationEdge, NodeConnection: DeclarationConnection } = connectionTypes(LaborRelationsDeclaration, 'Declaration');
export const { NodeEdge: ContractEdge, NodeConnection: ContractConnection } = connectionTypes(EmploymentContract, 'Contract');
