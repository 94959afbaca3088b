import { Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { ProjectLocality } from '../entities/project-locality.stub.js';
import type { RegionLoaders } from '../loaders.js';
import { circleKey } from '../queries/settlements.query.js';

type Context = RequestContext<RegionLoaders>;

const circleOf = (locality: ProjectLocality) => circleKey({ lat: locality.center.lat, lon: locality.center.lon, radiusMetres: locality.radiusKm * 1000 });

@Resolver(() => ProjectLocality)
export class LocalityPopulationResolver {
  @FieldResolver(() => Int, {
    description:
      'People living within the radius: the population of the settlements there (each region’s population spread over its ' +
      'settlements, docs/domain.md §8).',
  })
  @Directive('@requires(fields: "center { lat lon } radiusKm")')
  async population(@Root() locality: ProjectLocality, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.populationAround.load(circleOf(locality)))?.population ?? 0;
  }

  @FieldResolver(() => Int, { description: 'Settlements within the radius.' })
  @Directive('@requires(fields: "center { lat lon } radiusKm")')
  async settlements(@Root() locality: ProjectLocality, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.populationAround.load(circleOf(locality)))?.settlements ?? 0;
  }
}
