import { readFilterParams } from '../kernel/tiles/params.js';
import { pointLayerTile, singleProperties, type PointTileLayer } from '../kernel/tiles/points.js';
import type { TileLayer } from '../kernel/tiles/service.js';
import { bound, type SqlFragment } from '../kernel/sql.js';
import { EmploymentType } from './graphql/enums.js';
import { parseVacancyFilter, type ParsedVacancyFilter, type VacancyFilter } from './graphql/vacancy-filter.js';
import { vacancyFilterConditions, statusIs } from './queries/vacancies.query.js';

/**
 * The filter as predicates on `vacancies.vacancy_cell c` (migration VacancyCells), or null when it
 * sets anything but housingProvided (minOpenDays moves with the clock; the others are not cell
 * dimensions): those tiles are grouped from the rows.
 */
function cellConditions(filter: ParsedVacancyFilter): SqlFragment[] | null {
  const { housingProvided, ...others } = filter;
  if (others.qualityOnly || Object.entries(others).some(([name, value]) => name !== 'qualityOnly' && value !== null)) return null;
  return housingProvided === null ? [] : [bound('c.housing_provided = ?', housingProvided)];
}

/** A lone vacancy's encoded bytes, estimated over row alias `row` (kernel/tiles/tile-sql.ts); the fine aggregate sums the same. */
export const vacancySingleBytes = (row: string): string => `octet_length(${row}.title) + octet_length(${row}.occupation_code) + 55`;

/** The layer's SQL for a filter: its rows, groups and feature properties (the same on both encoders). */
export function vacancyTileLayer(filter: ParsedVacancyFilter): PointTileLayer {
  const cells = cellConditions(filter);
  return {
    name: 'vacancies',
    from: 'vacancies.vacancy v',
    location: 'v.location',
    columns: ['id', 'title', 'occupation_code', 'salary_min_tenge', 'conditions_class', 'housing_provided', 'posted_at'],
    key: 'v.id',
    singleBytes: vacancySingleBytes('v'),
    conditions: [statusIs('OPEN'), ...vacancyFilterConditions(filter)],
    aggregates: null,
    cells: { cells: 'vacancies.vacancy_cell', conditions: cells, aggregates: null },
    // The fine aggregate counts every open vacancy, so it answers the unfiltered layer.
    ...(cells?.length === 0 && { fineCells: { cells: 'vacancies.vacancy_fine_cell', aggregates: null } }),
    singles: bound(
      `min(v.id::text) as id, min(v.title) as title, min(v.occupation_code) as occupation_code,
       min(v.salary_min_tenge)::int as salary_min_tenge, min(v.conditions_class) as conditions_class,
       bool_or(v.housing_provided) as housing_provided,
       greatest(0, floor(extract(epoch from now() - min(v.posted_at)) / 86400))::int as open_days`,
    ),
    properties: bound(
      `g.count, g.count > 1 as cluster, ${singleProperties({
        id: 'id',
        title: 'title',
        occupationCode: 'occupation_code',
        salaryMinTenge: 'salary_min_tenge',
        conditionsClass: 'conditions_class',
        housingProvided: 'housing_provided',
        openDays: 'open_days',
      })}`,
    ),
  };
}

/**
 * `vacancies` points: OPEN vacancies, GraphQL's VacancyFilter as query parameters (same names,
 * validation and SQL as Query.vacancies). A cluster carries count; a single vacancy its card.
 */
export const vacancyTiles: TileLayer<ParsedVacancyFilter> = {
  name: 'vacancies',
  description: 'Open vacancies (points); below the cluster zoom, grid clusters with count',
  minzoom: 0,
  maxzoom: 14,
  fields: {
    count: 'Number: open vacancies in this feature (1 for a single vacancy)',
    cluster: 'Boolean: true when the feature groups several vacancies',
    id: 'String: Vacancy.id (single vacancies only)',
    title: 'String (single vacancies only)',
    occupationCode: 'String (single vacancies only)',
    salaryMinTenge: 'Number (single vacancies only)',
    conditionsClass: 'String: WorkingConditionsClass (single vacancies only)',
    housingProvided: 'Boolean (single vacancies only)',
    openDays: 'Number: whole days open (single vacancies only)',
  },
  parseFilter(params) {
    const values = readFilterParams(params, {
      occupationCode: 'string',
      minSalaryTenge: 'integer',
      qualityOnly: 'boolean',
      housingProvided: 'boolean',
      employmentType: { enum: Object.values(EmploymentType) },
      minOpenDays: 'integer',
    });
    return parseVacancyFilter(values as VacancyFilter, '');
  },
  features(em, tile, filter, coarser) {
    return pointLayerTile(em, vacancyTileLayer(filter), tile, coarser);
  },
};
