import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import type { RequestContext } from '../../kernel/context.js';
import { RegionNameResolver } from '../../kernel/graphql/region-name.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { Region } from '../entities/region.stub.js';
import { VacancyConnection } from '../graphql/vacancy-connection.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import { NO_FILTER, parseVacancyFilter, VacancyFilter } from '../graphql/vacancy-filter.js';
import type { VacancyLoaders } from '../loaders.js';

type Context = RequestContext<VacancyLoaders>;

@Resolver(() => Region)
export class RegionVacanciesResolver extends RegionNameResolver(Region) {
  @FieldResolver(() => VacancyConnection, {
    nullable: true,
    description: crossSubgraph('OPEN vacancies whose workplace is in the region, newest first.', 'vacancies'),
  })
  vacancies(
    @Root() region: Region,
    @Arg('filter', () => VacancyFilter, { nullable: true }) filter: VacancyFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Vacancy>> {
    const list = { parent: 'region' as const, status: 'OPEN' as const, filter: parseVacancyFilter(filter) };
    return ctx.loaders.vacanciesOf(region.code, list, pageRequest(first, after));
  }

  @FieldResolver(() => Int, { nullable: true, description: crossSubgraph('OPEN vacancies in the region.', 'vacancies') })
  openVacancyCount(@Root() region: Region, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.countOf(region.code, { parent: 'region', status: 'OPEN', filter: NO_FILTER });
  }
}
