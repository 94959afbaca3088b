import { Arg, Ctx, Float, ID, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { RegionNameResolver } from '../../kernel/graphql/region-name.js';
import type { RequestContext } from '../../kernel/context.js';
import { parseRegionCode } from '../../kernel/arguments.js';
import { GeoJSONScalar, GeoPointInput, validateGeoPoint } from '../../kernel/geo/graphql-types.js';
import type { GeoJsonGeometry } from '../../kernel/geo/postgis-types.js';
import { parseSimplifyMeters } from '../domain/boundary.js';
import { Region } from '../entities/region.entity.js';
import type { RegionLoaders } from '../loaders.js';
import { regionCards, regionCodeAt } from '../queries/regions.query.js';

type Context = RequestContext<RegionLoaders>;

@Resolver(() => Region)
export class RegionResolver extends RegionNameResolver(Region) {
  @Query(() => [Region], { description: 'All 20 first-level units: 17 oblasts and 3 cities of republican significance.' })
  regions(@Ctx() ctx: Context): Promise<Region[]> {
    return regionCards(ctx.em, null);
  }

  @Query(() => Region, { nullable: true })
  region(@Arg('code', () => ID) code: string, @Ctx() ctx: Context): Promise<Region | null> {
    return ctx.loaders.regionByCode.load(parseRegionCode(code, 'code'));
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
    const tolerance = parseSimplifyMeters(simplifyMeters);
    const row = await ctx.loaders.boundary(tolerance).load(region.code);
    if (!row) throw new Error(`boundary of ${region.code} missing`);
    return row.boundary;
  }
}
