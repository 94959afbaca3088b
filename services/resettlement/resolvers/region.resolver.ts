import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import { parseYear } from '../../kernel/arguments.js';
import type { RequestContext } from '../../kernel/context.js';
import { RegionNameResolver } from '../../kernel/graphql/region-name.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { ResettlementRole } from '../graphql/enums.js';
import { RegionQuota } from '../graphql/quota.types.js';
import { Region } from '../entities/region.stub.js';
import { yearKey, type ResettlementLoaders } from '../loaders.js';

type Context = RequestContext<ResettlementLoaders>;

@Resolver(() => Region)
export class RegionResettlementResolver extends RegionNameResolver(Region) {
  @FieldResolver(() => ResettlementRole, {
    nullable: true,
    description: crossSubgraph('Role in the latest year with resettlement data (2026); NEUTRAL without data.', 'resettlement'),
  })
  async resettlementRole(@Root() region: Region, @Ctx() ctx: Context): Promise<ResettlementRole> {
    return (await ctx.loaders.regionRole.load(region.code))?.role ?? ResettlementRole.NEUTRAL;
  }

  @FieldResolver(() => RegionQuota, {
    nullable: true,
    description: crossSubgraph('Quota of that year in persons; zero for a donor or neutral region, null for a year without data.', 'resettlement'),
  })
  resettlementQuota(@Root() region: Region, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<RegionQuota | null> {
    return ctx.loaders.regionQuota.load(yearKey(region.code, parseYear(year)));
  }

  @FieldResolver(() => [ResettlementZone], {
    nullable: true,
    description: crossSubgraph('Zones of the region, by name (a region has a few dozen at most).', 'resettlement'),
  })
  resettlementZones(@Root() region: Region, @Ctx() ctx: Context): Promise<ResettlementZone[]> {
    return ctx.loaders.zonesByRegion.load(region.code);
  }
}
