import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { SectorVacancies } from '../../kernel/graphql/navigator-types.js';
import { ResettlementMatch } from '../entities/resettlement-match.stub.js';
import type { VacancyLoaders } from '../loaders.js';

type Context = RequestContext<VacancyLoaders>;

@Resolver(() => ResettlementMatch)
export class MatchVacanciesResolver {
  @FieldResolver(() => [SectorVacancies], {
    description: 'OPEN vacancies by sector: within radiusKm of the zone’s area, or in the regions (docs/domain.md §10).',
  })
  @Directive('@requires(fields: "area radiusKm regionCodes")')
  vacancySectors(@Root() match: ResettlementMatch, @Ctx() ctx: Context): Promise<SectorVacancies[]> {
    const question =
      match.area && match.radiusKm ? { area: JSON.stringify(match.area), radiusMetres: match.radiusKm * 1000 } : { regionCodes: [...match.regionCodes].sort() };
    return ctx.loaders.vacanciesBySector.load(JSON.stringify(question));
  }
}
