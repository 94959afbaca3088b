import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { loadConfig } from '../../kernel/config.js';
import type { RequestContext } from '../../kernel/context.js';
import { BadInput } from '../../kernel/errors.js';
import { AreaInput, assertValidArea, parseArea } from '../../kernel/geo/area.js';
import { ResettlementZone } from '../entities/resettlement-zone.entity.js';
import { ZoneQuota } from '../graphql/quota.types.js';
import { Region } from '../graphql/region.stub.js';
import { yearKey, type ResettlementLoaders } from '../loaders.js';
import { searchZones, type ZoneSearch } from '../queries/zones.query.js';
import { parseRegionCode, parseYear } from './arguments.js';

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
    regionCode: regionCode == null ? null : parseRegionCode(regionCode),
    year: year == null ? null : parseYear(year),
    withFreeQuota: withFreeQuota ?? null,
    limit: loadConfig().MAX_PAGE_SIZE,
  };
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

  @FieldResolver(() => Region)
  region(@Root() zone: ResettlementZone): Region {
    return { code: zone.regionCode };
  }

  @FieldResolver(() => ZoneQuota, { nullable: true, description: 'The quota of that year; null when the zone has none.' })
  quota(@Root() zone: ResettlementZone, @Arg('year', () => Int) year: number, @Ctx() ctx: Context): Promise<ZoneQuota | null> {
    return ctx.loaders.zoneQuota.load(yearKey(zone.id, parseYear(year)));
  }
}
