import { Arg, Ctx, Directive, FieldResolver, Float, ID, Int, Resolver, Root } from 'type-graphql';
import { parseRadiusKm, parseYear } from '../../kernel/arguments.js';
import type { RequestContext } from '../../kernel/context.js';
import { REGION_CODES } from '../../kernel/domain/kato.js';
import { ResettlementRole } from '../graphql/enums.js';
import { ReachableZone, RecruitmentSources, WorkforceTrainingReport } from '../graphql/navigator.types.js';
import type { ResettlementLoaders } from '../loaders.js';
import { reachKey } from '../queries/reach.query.js';

type Context = RequestContext<ResettlementLoaders>;

/** A day's drive: how far a project may look for resettlement zones by default. */
const DEFAULT_REACH_KM = 500;

async function donorRegionCodes(ctx: Context): Promise<string[]> {
  const codes = REGION_CODES.map(({ iso }) => iso);
  const roles = await ctx.loaders.regionRole.loadMany(codes);
  return codes.filter((_, index) => {
    const role = roles[index];
    if (role instanceof Error) throw role;
    return role?.role === ResettlementRole.DONOR;
  });
}

/** This subgraph's part of the navigator (docs/architecture.md "The navigator"). */
@Resolver(() => RecruitmentSources)
export class RecruitmentZonesResolver {
  @FieldResolver(() => [ID], { description: 'Codes of the labour-surplus (DONOR) regions, in the latest year with resettlement data.' })
  donorRegionCodes(@Ctx() ctx: Context): Promise<string[]> {
    return donorRegionCodes(ctx);
  }

  @FieldResolver(() => [ReachableZone], {
    description:
      'Resettlement zones with free quota in `year` whose area lies within reachKm of the project (0 < reachKm ≤ 1000), ' +
      'nearest first: where families moving for the project’s jobs can be received.',
  })
  @Directive('@requires(fields: "center { lat lon }")')
  async zonesWithinReach(
    @Root() sources: RecruitmentSources,
    @Arg('year', () => Int) year: number,
    @Arg('reachKm', () => Float, { nullable: true, defaultValue: DEFAULT_REACH_KM }) reachKm: number | null,
    @Ctx() ctx: Context,
  ): Promise<ReachableZone[]> {
    const reach = parseRadiusKm(reachKm ?? DEFAULT_REACH_KM, 'reachKm');
    const key = reachKey({ lat: sources.center.lat, lon: sources.center.lon, reachMetres: reach * 1000, year: parseYear(year) });
    return ctx.loaders.zonesWithinReach.load(key);
  }
}

@Resolver(() => WorkforceTrainingReport)
export class TrainingDonorsResolver {
  @FieldResolver(() => [ID], { description: 'Codes of the labour-surplus (DONOR) regions, in the latest year with resettlement data.' })
  donorRegionCodes(@Ctx() ctx: Context): Promise<string[]> {
    return donorRegionCodes(ctx);
  }
}
