import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import type { RequestContext } from '../../kernel/context.js';
import { AreaInput, assertValidArea, parseArea } from '../../kernel/geo/area.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { isQualityVacancy, openDaysOf } from '../domain/vacancy-rules.js';
import { Enterprise } from '../entities/enterprise.stub.js';
import { Region } from '../entities/region.stub.js';
import { VacancyConnection } from '../graphql/vacancy-connection.js';
import { Vacancy } from '../entities/vacancy.entity.js';
import { VacancyOrder } from '../graphql/enums.js';
import { parseUuid } from '../../kernel/ids.js';
import { parseVacancyFilter, VacancyFilter } from '../graphql/vacancy-filter.js';
import type { VacancyLoaders } from '../loaders.js';
import { vacancyOrder } from '../queries/vacancy-orders.js';
import { searchVacancies } from '../queries/vacancies.query.js';

type Context = RequestContext<VacancyLoaders>;

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
      ordering: vacancyOrder(orderBy ?? VacancyOrder.POSTED_DESC, area),
      page: pageRequest(first, after),
    };
    await assertValidArea(ctx.em, area);
    return searchVacancies(ctx.em, search);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: crossSubgraph('The employer (resolved by the enterprises subgraph).', 'enterprises') })
  enterprise(@Root() vacancy: Vacancy): Enterprise {
    return { bin: vacancy.enterpriseBin };
  }

  @FieldResolver(() => Region, { nullable: true, description: crossSubgraph('The region of the workplace, from its KATO code.', 'regions') })
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
