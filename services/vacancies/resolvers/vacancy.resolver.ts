import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { BadInput } from '../../kernel/errors.js';
import { AreaInput, assertValidArea, nearDistanceKm, nearOrderBy, parseArea, type ParsedArea } from '../../kernel/geo/area.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { isQualityVacancy, openDaysOf } from '../domain/vacancy-rules.js';
import { Enterprise } from '../entities/enterprise.stub.js';
import { Region } from '../entities/region.stub.js';
import { VacancyConnection } from '../entities/vacancy-connection.js';
import { Vacancy } from '../entities/vacancy.entity.js';
import { VacancyOrder } from '../graphql/enums.js';
import { parseUuid } from '../../kernel/ids.js';
import { parseVacancyFilter, VacancyFilter } from '../graphql/vacancy-filter.js';
import type { VacancyLoaders } from '../loaders.js';
import { HIGHEST_SALARY_FIRST, LONGEST_OPEN_FIRST, NEWEST_FIRST, nearestFirst, type Ordering } from '../queries/ordering.js';
import { searchVacancies } from '../queries/vacancies.query.js';

type Context = RequestContext<VacancyLoaders>;

const POINT_COLUMN = 'v.location';

function orderingFor(orderBy: VacancyOrder, area: ParsedArea | null): Ordering {
  switch (orderBy) {
    case VacancyOrder.DISTANCE: {
      const knn = nearOrderBy(area, POINT_COLUMN);
      if (!knn) throw new BadInput('orderBy', 'DISTANCE needs area.near (a point to measure from)');
      return nearestFirst(knn);
    }
    case VacancyOrder.SALARY_DESC:
      return HIGHEST_SALARY_FIRST;
    case VacancyOrder.OPEN_DAYS_DESC:
      return LONGEST_OPEN_FIRST;
    case VacancyOrder.POSTED_DESC:
      return NEWEST_FIRST;
  }
}

@Resolver(() => Vacancy)
export class VacancyResolver {
  @Query(() => Vacancy, { nullable: true })
  vacancy(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Vacancy | null> {
    return ctx.loaders.vacancyById.load(parseUuid(id, 'id'));
  }

  @Query(() => VacancyConnection, {
    description:
      'OPEN vacancies in an area (everywhere when omitted), filtered and ordered; edge.distanceKm is set when the area is `near`.',
  })
  async vacancies(
    @Arg('area', () => AreaInput, { nullable: true }) areaInput: AreaInput | null,
    @Arg('filter', () => VacancyFilter, { nullable: true }) filter: VacancyFilter | null,
    @Arg('orderBy', () => VacancyOrder, { nullable: true }) orderBy: VacancyOrder | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Vacancy>> {
    const area = parseArea(areaInput);
    const search = {
      area,
      filter: parseVacancyFilter(filter),
      ordering: orderingFor(orderBy ?? VacancyOrder.POSTED_DESC, area),
      distanceKm: nearDistanceKm(area, POINT_COLUMN),
      page: pageRequest(first, after),
    };
    await assertValidArea(ctx.em, area);
    return searchVacancies(ctx.em, search);
  }

  @FieldResolver(() => Enterprise, { description: 'The employer (resolved by the enterprises subgraph).' })
  enterprise(@Root() vacancy: Vacancy): Enterprise {
    return { bin: vacancy.enterpriseBin };
  }

  @FieldResolver(() => Region, { description: 'The region of the workplace, from its KATO code.' })
  region(@Root() vacancy: Vacancy): Region {
    return { code: vacancy.regionCode };
  }

  @FieldResolver(() => Int, { description: 'Whole days from postedAt until closedAt, or until now while open.' })
  openDays(@Root() vacancy: Vacancy): number {
    return openDaysOf(vacancy.postedAt, vacancy.closedAt);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Quality job (model, docs/domain.md §6): PERMANENT, guaranteed salary (salaryMinTenge) at least the national median wage ' +
      'of the current year, workplace class OPTIMAL_1 or ACCEPTABLE_2.',
  })
  isQualityJob(@Root() vacancy: Vacancy): boolean {
    return isQualityVacancy(vacancy);
  }
}
