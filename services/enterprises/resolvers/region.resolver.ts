import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import type { RequestContext } from '../../kernel/context.js';
import { RegionNameResolver } from '../../kernel/graphql/region-name.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import type { Enterprise } from '../entities/enterprise.entity.js';
import { Region } from '../entities/region.stub.js';
import { HazardSummary } from '../graphql/card-types.js';
import { EnterpriseConnection } from '../graphql/enterprise-connection.js';
import { EnterpriseFilter, EnterpriseOrder, enterpriseFilterConditions } from '../graphql/enterprise-filter.js';
import type { EnterpriseLoaders } from '../loaders.js';
import { todayInKazakhstan } from '../../kernel/domain/calendar.js';
import { enterpriseOrder, validateSearch } from '../queries/enterprises.query.js';

type Context = RequestContext<EnterpriseLoaders>;

@Resolver(() => Region)
export class RegionEnterprisesResolver extends RegionNameResolver(Region) {
  @FieldResolver(() => EnterpriseConnection, {
    nullable: true,
    description: crossSubgraph('Enterprises registered in the region (by KATO code), by name.', 'enterprises'),
  })
  enterprises(
    @Root() region: Region,
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Enterprise>> {
    const conditions = enterpriseFilterConditions(filter, todayInKazakhstan());
    const page = pageRequest(first, after);
    validateSearch({ order: enterpriseOrder(EnterpriseOrder.NAME, null), page });
    return ctx.loaders.enterprisesOfRegion(conditions, page).load(region.code);
  }

  @FieldResolver(() => HazardSummary, {
    nullable: true,
    description: crossSubgraph('The region\'s enterprises by hazard class.', 'enterprises'),
  })
  hazardSummary(@Root() region: Region, @Ctx() ctx: Context): Promise<HazardSummary> {
    return ctx.loaders.hazardSummaryByRegion.load(region.code);
  }
}
