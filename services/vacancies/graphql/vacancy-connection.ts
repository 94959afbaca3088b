import { connectionTypes } from '../../kernel/pagination.js';
import { Vacancy } from '../entities/vacancy.entity.js';

export const { NodeEdge: VacancyEdge, NodeConnection: VacancyConnection } = connectionTypes(Vacancy, 'Vacancy');
