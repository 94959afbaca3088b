import { Arg, Ctx, Float, ID, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RegionNameResolver } from '../../kernel/graphql/region-name.js';
import type { RequestContext } from '../../kernel/context.js';
import { BadInput } from '../../kernel/errors.js';
import { GeoJSONScalar, GeoPointInput, validateGeoPoint } from '../../kernel/geo/graphql-types.js';
import type { GeoJsonGeometry } from '../../kernel/geo/postgis-types.js';
import { Region } from '../entities/region.entity.js';
import type { RegionLoaders } from '../loaders.js';
import { regionCards, regionCodeAt } from '../queries/regions.query.js';
import { REGIONS } from '../../kernel/domain/regions.js';

type Context = RequestContext<RegionLoaders>;

const REGION_CODES = new Set(REGIONS.map((region) => region.code));
const MAX_SIMPLIFY_METERS = 100_000;

/** Region codes are a closed set of 20: anything else is a client mistake, not an empty result. */
export function parseRegionCode(code: string, argument = 'code'): string {
  if (!/^KZ-\d{2}$/.test(code)) throw new BadInput(argument, `"${code}" is not an ISO 3166-2:KZ code such as "KZ-35"`);
  if (!REGION_CODES.has(code)) throw new BadInput(argument, `"${code}" is not one of the 20 regions of Kazakhstan`);
  return code;
}

@Resolver(() => Region)
export class RegionResolver extends RegionNameResolver(Region) {
  @Query(() => [Region], { description: 'All 20 first-level units: 17 oblasts and 3 cities of republican significance.' })
  regions(@Ctx() ctx: Context): Promise<Region[]> {
    return regionCards(ctx.em, null);
  }

  @Query(() => Region, { nullable: true })
  region(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Region | null> {
    return ctx.loaders.regionByCode.load(parseRegionCode(code));
  }

  @Query(() => Region, { nullable: true, description: 'The region containing the point; null outside Kazakhstan.' })
  async regionAt(@Arg('point', () => GeoPointInput) point: GeoPointInput, @Ctx() ctx: Context): Promise<Region | null> {
    const code = await regionCodeAt(ctx.em, validateGeoPoint(point, 'point'));
    return code ? ctx.loaders.regionByCode.load(code) : null;
  }

  @FieldResolver(() => GeoJSONScalar, {
    description:
      'The region boundary as a GeoJSON MultiPolygon, optionally simplified in SQL (topology-preserving per region) ' +
      'with a tolerance in metres. Boundaries © OpenStreetMap contributors, ODbL 1.0 (openstreetmap.org/copyright).',
  })
  async boundary(
    @Root() region: Region,
    @Arg('simplifyMeters', () => Float, { nullable: true }) simplifyMeters: number | null,
    @Ctx() ctx: Context,
  ): Promise<GeoJsonGeometry> {
    const tolerance = simplifyMeters ?? 0;
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_SIMPLIFY_METERS) {
      throw new BadInput('simplifyMeters', `must be between 0 and ${MAX_SIMPLIFY_METERS}`);
    }
    const row = await ctx.loaders.boundary(tolerance).load(region.code);
    if (!row) throw new Error(`boundary of ${region.code} missing`);
    return row.boundary;
  }
}
