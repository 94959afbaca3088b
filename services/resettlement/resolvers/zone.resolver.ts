import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import { parseNumberInRange, parseRegionCode, parseYear } from '../../kernel/arguments.js';
import { loadConfig } from '../../kernel/config.js';
import type { RequestContext } from '../../kernel/context.js';
import { BadInput } from '../../kernel/errors.js';
import { AreaInput, assertValidArea, parseArea } from '../../kernel/geo/area.js';
import { Allow } from '../../kernel/graphql/allow.js';
import { officerOfZone } from '../access.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { ZoneQuota } from '../graphql/quota.types.js';
import { Region } from '../entities/region.stub.js';
import { yearKey, type ResettlementLoaders } from '../loaders.js';
import { searchZones, setZoneQuota, type ZoneSearch } from '../queries/zones.query.js';
import { quotaZone, zoneOrNotFound } from './access-targets.js';

type Context = RequestContext<ResettlementLoaders>;

@ArgsType()
class ZoneSearchArgs {
  @Field(() => AreaInput, { nullable: true })
  area?: AreaInput | null;

  @Field(() => ID, { nullable: true })
  regionCode?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => Boolean, { nullable: true })
  withFreeQuota?: boolean | null;
}

function parseZoneSearch({ area, regionCode, year, withFreeQuota }: ZoneSearchArgs): ZoneSearch {
  if (withFreeQuota != null && year == null) throw new BadInput('year', 'is required when withFreeQuota is set');
  return {
    area: parseArea(area),
    regionCode: regionCode == null ? null : parseRegionCode(regionCode, 'regionCode'),
    year: year == null ? null : parseYear(year),
    withFreeQuota: withFreeQuota ?? null,
    limit: loadConfig().MAX_PAGE_SIZE,
  };
}

// An argument class keeps the SDL's argument order (parameter decorators run last to first).
@ArgsType()
class ZoneQuotaArgs {
  @Field(() => ID)
  zoneId!: string;

  @Field(() => Int)
  year!: number;

  @Field(() => Int, { description: 'Families the zone receives that year, 0 or more.' })
  families!: number;
}

@Resolver(() => ResettlementZone)
export class ZoneResolver {
  @Query(() => [ResettlementZone], {
    description:
      'Resettlement zones by region, then name; at most MAX_PAGE_SIZE (500) zones. A zone is in `area` when its ' +
      'area intersects it (for `near`: any part of the zone within radiusKm of the point). `year` keeps zones with a ' +
      'quota that year; `withFreeQuota` (which needs `year`) keeps those with free families left (true) or none (false).',
  })
  async resettlementZones(@Args(() => ZoneSearchArgs) args: ZoneSearchArgs, @Ctx() ctx: Context): Promise<ResettlementZone[]> {
    const search = parseZoneSearch(args);
    await assertValidArea(ctx.em, search.area);
    return searchZones(ctx.em, search);
  }

  @Mutation(() => ResettlementZone, {
    description:
      "An officer of the zone's region sets its quota of families for a year (created or replaced). A quota below the " +
      'families already accepted that year is a CONFLICT: accepted families are never undone by a quota change.',
  })
  @Allow([officerOfZone], { target: quotaZone })
  async setZoneQuota(@Args(() => ZoneQuotaArgs) { zoneId, year, families }: ZoneQuotaArgs, @Ctx() ctx: Context): Promise<ResettlementZone> {
    const quota = { year: parseYear(year), families: parseNumberInRange(families, 'families', { min: 0, whole: true, what: 'a whole number of families' }) };
    const zone = await zoneOrNotFound(ctx.loaders, zoneId, 'zoneId');
    await setZoneQuota(ctx.em, { zoneId: zone.id, ...quota });
    return zone;
  }

  @FieldResolver(() => Region, { nullable: true, description: crossSubgraph('The region of the zone.', 'regions') })
  region(@Root() zone: ResettlementZone): Region {
    return { code: zone.regionCode };
  }

  @FieldResolver(() => ZoneQuota, { nullable: true, description: 'The quota of that year; null when the zone has none.' })
  quota(@Root() zone: ResettlementZone, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<ZoneQuota | null> {
    return ctx.loaders.zoneQuota.load(yearKey(zone.id, parseYear(year)));
  }
}
