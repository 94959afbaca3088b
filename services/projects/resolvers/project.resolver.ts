import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import type { RequestContext } from '../../kernel/context.js';
import { AreaInput, assertValidArea, parseArea } from '../../kernel/geo/area.js';
import { RegionNameResolver } from '../../kernel/graphql/region-name.js';
import { parseUuid } from '../../kernel/ids.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { InvestmentProject } from '../entities/investment-project.entity.js';
import { PlannedJobs } from '../graphql/planned-jobs.js';
import { InvestmentProjectOrder } from '../graphql/enums.js';
import { InvestmentProjectConnection } from '../graphql/project-connection.js';
import { InvestmentProjectFilter, parseProjectFilter } from '../graphql/project-filter.js';
import { Region } from '../entities/region.stub.js';
import type { ProjectLoaders } from '../loaders.js';
import { searchProjects, validateSearch, type ProjectSearch } from '../queries/projects.query.js';

type Context = RequestContext<ProjectLoaders>;

// An argument class keeps the SDL's argument order (parameter decorators run last to first).
@ArgsType()
class ProjectSearchArgs {
  @Field(() => AreaInput, { nullable: true })
  area?: AreaInput | null;

  @Field(() => InvestmentProjectFilter, { nullable: true })
  filter?: InvestmentProjectFilter | null;

  @Field(() => InvestmentProjectOrder, { nullable: true, defaultValue: InvestmentProjectOrder.INVESTMENT_DESC })
  orderBy?: InvestmentProjectOrder | null;

  @Field(() => Int, { nullable: true })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

function parseSearch({ area, filter, orderBy, first, after }: ProjectSearchArgs): ProjectSearch {
  const search = {
    area: parseArea(area),
    filter: parseProjectFilter(filter),
    order: orderBy ?? InvestmentProjectOrder.INVESTMENT_DESC,
    page: pageRequest(first, after),
  };
  validateSearch(search);
  return search;
}

@Resolver(() => Region)
export class ProjectRegionResolver extends RegionNameResolver(Region) {}

@Resolver(() => InvestmentProject)
export class ProjectResolver {
  @Query(() => InvestmentProjectConnection, {
    description:
      'Investment projects under way (public). `area` keeps projects located in it; the filter narrows further; ' +
      'largest investment first unless `orderBy` says otherwise; edge.distanceKm with area.near.',
  })
  async investmentProjects(@Args(() => ProjectSearchArgs) args: ProjectSearchArgs, @Ctx() ctx: Context): Promise<Connection<InvestmentProject>> {
    const search = parseSearch(args);
    await assertValidArea(ctx.em, search.area);
    return searchProjects(ctx.em, search);
  }

  @Query(() => InvestmentProject, { nullable: true })
  investmentProject(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<InvestmentProject | null> {
    return ctx.loaders.projectById.load(parseUuid(id, 'id'));
  }

  @FieldResolver(() => Region, { nullable: true, description: crossSubgraph('The region of the project\'s location.', 'regions') })
  region(@Root() project: InvestmentProject): Region {
    return { code: project.regionCode };
  }

  @FieldResolver(() => [PlannedJobs], { description: 'Planned jobs by occupation, then year.' })
  plannedJobs(@Root() project: InvestmentProject, @Ctx() ctx: Context): Promise<PlannedJobs[]> {
    return ctx.loaders.plannedJobs.load(project.id);
  }
}
