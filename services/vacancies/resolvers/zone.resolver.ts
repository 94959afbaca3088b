import { Arg, Ctx, Directive, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import { parseRadiusKm } from '../../kernel/arguments.js';
import type { RequestContext } from '../../kernel/context.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { ResettlementZone } from '../entities/resettlement-zone.stub.js';
import { VacancyConnection } from '../graphql/vacancy-connection.js';
import type { Vacancy } from '../entities/vacancy.entity.js';
import { parseVacancyFilter, VacancyFilter } from '../graphql/vacancy-filter.js';
import type { VacancyLoaders } from '../loaders.js';

type Context = RequestContext<VacancyLoaders>;

const DEFAULT_RADIUS_KM = 30;
const DEFAULT_PAGE = 20;

@Resolver(() => ResettlementZone)
export class ZoneVacanciesResolver {
  @FieldResolver(() => VacancyConnection, {
    nullable: true,
    description: crossSubgraph(
      'OPEN vacancies within radiusKm of the zone\'s area (0 < radiusKm ≤ 1000), nearest the area first; ' +
        'edge.distanceKm is the distance from the area (0 inside it). Ties, such as every vacancy inside the area, ' +
        'come nearest the area\'s centroid first, then by id.',
      'vacancies',
    ),
  })
  @Directive('@requires(fields: "area")')
  nearbyVacancies(
    @Root() zone: ResettlementZone,
    @Arg('radiusKm', () => Float, { nullable: true, defaultValue: DEFAULT_RADIUS_KM }) radiusKm: number | null,
    @Arg('filter', () => VacancyFilter, { nullable: true }) filter: VacancyFilter | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Vacancy>> {
    const request = {
      radiusMetres: parseRadiusKm(radiusKm ?? DEFAULT_RADIUS_KM, 'radiusKm') * 1000,
      filter: parseVacancyFilter(filter),
      page: pageRequest(first, after, DEFAULT_PAGE),
    };
    return ctx.loaders.vacanciesNearZone(zone, request);
  }
}
