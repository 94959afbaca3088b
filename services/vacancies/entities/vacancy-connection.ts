import { connectionTypes } from '../../kernel/pagination.js';
import { Vacancy } from './vacancy.entity.js';

export const { NodeEdge: VacancyEdge, NodeConnection: VacancyConnection } = connectionTypes(Vacancy, 'Vacancy');
