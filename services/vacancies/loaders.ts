import DataLoader from 'dataloader';
import type { EntityManager } from '../kernel/db.js';
import type { GeoJsonGeometry } from '../kernel/geo/postgis-types.js';
import { groupLoader, perArguments, rowLoader } from '../kernel/loaders.js';
import { localOpenVacancies, regionalOpenVacancies } from './queries/navigator.query.js';
import { vacanciesBySector } from './queries/sectors.query.js';
import type { Connection, PageRequest } from '../kernel/pagination.js';
import type { StaffingShortage } from './graphql/staffing-shortage.js';
import type { Vacancy } from './entities/vacancy.entity.js';
import { ShortageGrouping, type VacancyStatus } from './graphql/enums.js';
import { isUuid } from '../kernel/ids.js';
import type { ParsedVacancyFilter } from './graphql/vacancy-filter.js';
import { NEWEST_FIRST } from './queries/vacancy-orders.js';
import { staffingShortages } from './queries/shortages.query.js';
import {
  vacancyFilterConditions,
  pageConnection,
  statusIs,
  vacanciesByIds,
  vacancyCountsByParent,
  vacancyPagesByParent,
  type PageRow,
  type VacancyParent,
} from './queries/vacancies.query.js';
import { FROM_ZONE_AREA, vacancyCountsNearAreas, vacancyPagesNearAreas, type NearAreasRequest } from './queries/zones.query.js';

/** Which vacancies of a parent a list shows: its status and filter. */
export interface ParentList {
  parent: VacancyParent;
  status: VacancyStatus;
  filter: ParsedVacancyFilter;
}

export interface ZoneReference {
  id: string;
  area: GeoJsonGeometry | string;
}

/** Enterprise.staffingShortage uses the default threshold of Query.staffingShortages. */
export const DEFAULT_SHORTAGE_MIN_OPEN_DAYS = 30;

function listConditions(list: ParentList) {
  return [statusIs(list.status), ...vacancyFilterConditions(list.filter)];
}

export function createVacancyLoaders(em: EntityManager) {
  const counts = perArguments(
    (list: ParentList) =>
      new DataLoader<string, number>(async (keys) => {
        const totals = await vacancyCountsByParent(em, { parent: list.parent, conditions: listConditions(list) }, keys);
        return keys.map((key) => totals.get(key) ?? 0);
      }),
  );
  const pages = perArguments(
    ({ list, page }: { list: ParentList; page: PageRequest }) =>
      new DataLoader<string, PageRow[]>(async (keys) => {
        const byParent = await vacancyPagesByParent(
          em,
          { parent: list.parent, conditions: listConditions(list), ordering: NEWEST_FIRST, page },
          keys,
        );
        return keys.map((key) => byParent.get(key) ?? []);
      }),
  );
  const areaOf = (zone: ZoneReference) => (typeof zone.area === 'string' ? zone.area : JSON.stringify(zone.area));
  const nearZonePages = perArguments(
    (request: NearAreasRequest) =>
      new DataLoader<ZoneReference, PageRow[], string>((zones) => vacancyPagesNearAreas(em, request, zones.map(areaOf)), {
        cacheKeyFn: (zone) => zone.id,
      }),
  );
  const nearZoneCounts = perArguments(
    (request: Omit<NearAreasRequest, 'page'>) =>
      new DataLoader<ZoneReference, number, string>((zones) => vacancyCountsNearAreas(em, request, zones.map(areaOf)), {
        cacheKeyFn: (zone) => zone.id,
      }),
  );

  return {
    vacancyById: rowLoader<string, Vacancy>(
      // Representations may carry any string; only uuids can match a row.
      (ids) => vacanciesByIds(em, ids.filter(isUuid)),
      (vacancy) => vacancy.id,
    ),

    /** A parent's vacancies, newest first: one statement for the pages of the batch; one for their totals if `totalCount` is read. */
    async vacanciesOf(key: string, list: ParentList, page: PageRequest): Promise<Connection<Vacancy>> {
      const rows = await pages({ list, page }).load(key);
      return pageConnection(rows, NEWEST_FIRST, page, () => counts(list).load(key));
    },

    countOf(key: string, list: ParentList): Promise<number> {
      return counts(list).load(key);
    },

    /** Pages of all zones in one statement; their totals in one more, only if a client reads `totalCount`. */
    async vacanciesNearZone(zone: ZoneReference, request: NearAreasRequest): Promise<Connection<Vacancy>> {
      const { page, ...reach } = request;
      const rows = await nearZonePages(request).load(zone);
      return pageConnection(rows, FROM_ZONE_AREA, page, () => nearZoneCounts(reach).load(zone));
    },

    shortageOfEnterprise: rowLoader<string, StaffingShortage>(
      (enterpriseBins) =>
        staffingShortages(em, {
          area: null,
          groupBy: ShortageGrouping.ENTERPRISE,
          minOpenDays: DEFAULT_SHORTAGE_MIN_OPEN_DAYS,
          occupationCode: null,
          enterpriseBins,
          first: enterpriseBins.length,
        }),
      (shortage) => shortage.enterpriseBin ?? '',
    ),
    /** The navigator's open vacancies around a place, by `localQuestionKey` (null: none). */
    localOpenVacancies: rowLoader((keys: readonly string[]) => localOpenVacancies(em, keys), (row) => row.key),
    /** The navigator's open vacancies per region, by occupation code. */
    regionalOpenVacancies: groupLoader((codes: readonly string[]) => regionalOpenVacancies(em, codes), (row) => row.occupationCode),
    /** A resettlement match's vacancies by sector, by the JSON of its question. */
    vacanciesBySector: groupLoader((keys: readonly string[]) => vacanciesBySector(em, keys), (row) => row.key),
  };
}

export type VacancyLoaders = ReturnType<typeof createVacancyLoaders>;
