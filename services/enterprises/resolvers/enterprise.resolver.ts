import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import type { RequestContext } from '../../kernel/context.js';
import { parseBin } from '../../kernel/arguments.js';
import { isAssessmentOverdue } from '../../kernel/domain/working-conditions.js';
import { AreaInput, parseArea } from '../../kernel/geo/area.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { pageRequest, type Connection } from '../../kernel/pagination.js';
import { Enterprise } from '../entities/enterprise.entity.js';
import { Inspection } from '../entities/inspection.entity.js';
import { Region } from '../entities/region.stub.js';
import { WorkplaceAssessment } from '../entities/workplace-assessment.entity.js';
import { SpecialPaymentSummary } from '../graphql/card-types.js';
import { EnterpriseConnection } from '../graphql/enterprise-connection.js';
import { defaultEnterpriseOrder, EnterpriseFilter, EnterpriseOrder, enterpriseCellConditions, enterpriseFilterConditions } from '../graphql/enterprise-filter.js';
import type { EnterpriseLoaders } from '../loaders.js';
import { enterpriseOrder, searchEnterprises, validateSearch } from '../queries/enterprises.query.js';
import { parseUuid } from '../../kernel/ids.js';
import { classOfRank } from '../domain/class-rank.js';
import { areaPredicates } from './search-arguments.js';
import { Allow } from '../../kernel/graphql/allow.js';
import { inspectorOfRegion, ownEmployer } from '../access.js';
import type { LaborRelationsDeclaration } from '../entities/labor-relations-declaration.entity.js';
import { todayInKazakhstan } from '../../kernel/domain/calendar.js';
import { DeclarationConnection } from '../graphql/declaration-connection.js';

type Context = RequestContext<EnterpriseLoaders>;

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, { nullable: true, description: 'null when no enterprise has this id.' })
  enterprise(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterpriseById.load(parseUuid(id, 'id'));
  }

  @Query(() => Enterprise, { nullable: true, description: 'null when no enterprise has this BIN.' })
  enterpriseByBin(@Arg('bin', () => String) bin: string, @Ctx() ctx: Context): Promise<Enterprise | null> {
    return ctx.loaders.enterpriseByBin.load(parseBin(bin, 'bin'));
  }

  @Query(() => EnterpriseConnection, {
    description:
      'Enterprises in an area (or everywhere) matching the filter; edge.distanceKm is set when area.near is. ' +
      'Default order: NAME, except for area.bbox (a map viewport), where it is DISTANCE from the centre of the box, ' +
      'which the spatial index answers; totalCount of a bbox comes from the per-cell aggregate the map tiles use, exact.',
  })
  async enterprises(
    @Arg('area', () => AreaInput, { nullable: true }) areaInput: AreaInput | null,
    @Arg('filter', () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Arg('orderBy', () => EnterpriseOrder, { nullable: true }) orderBy: EnterpriseOrder | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<Enterprise>> {
    const filterConditions = enterpriseFilterConditions(filter, todayInKazakhstan());
    const page = pageRequest(first, after);
    const area = parseArea(areaInput);
    const order = enterpriseOrder(orderBy ?? defaultEnterpriseOrder(area), area);
    validateSearch({ order, page });
    const areaConditions = await areaPredicates(ctx.em, area);
    return searchEnterprises(ctx.em, { area, areaConditions, filterConditions, cellConditions: enterpriseCellConditions(filter), order, page });
  }

  @FieldResolver(() => Region, { nullable: true, description: crossSubgraph('The region of the address, from its KATO code.', 'regions') })
  region(@Root() enterprise: Enterprise): Region {
    return { code: enterprise.regionCode };
  }

  @FieldResolver(() => WorkingConditionsClass, {
    description:
      'Worst class among the current workplace assessments (model, docs/domain.md §4). An enterprise with no current ' +
      'assessment reports ACCEPTABLE_2 (model) and is flagged by assessmentOverdue, with lastAssessmentDate null.',
  })
  hazardClass(@Root() enterprise: Enterprise): WorkingConditionsClass {
    return classOfRank(enterprise.hazardRank);
  }

  @FieldResolver(() => SpecialPaymentSummary)
  specialPayment(@Root() enterprise: Enterprise): SpecialPaymentSummary {
    return {
      eligibleWorkers: enterprise.specialPaymentEligibleWorkers,
      monthlyTotalTenge: enterprise.specialPaymentMonthlyTotalTenge,
    };
  }

  @FieldResolver(() => Boolean, {
    description: 'No workplace assessment within the last 5 years (Labour Code periodic attestation), or none at all.',
  })
  assessmentOverdue(@Root() enterprise: Enterprise): boolean {
    return isAssessmentOverdue(enterprise.lastAssessmentDate, todayInKazakhstan());
  }

  // The three protected lists are nullable (docs/architecture.md §11) so that a FORBIDDEN or
  // UNAUTHENTICATED here nulls this field only, never the whole public card (docs/architecture.md §5).
  @FieldResolver(() => [WorkplaceAssessment], {
    nullable: true,
    description: "Current workplace assessments: for labour inspectors of the enterprise's region and its own employer.",
  })
  @Allow([inspectorOfRegion, ownEmployer])
  workplaces(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<WorkplaceAssessment[]> {
    return ctx.loaders.workplacesByEnterprise.load(enterprise.id);
  }

  @FieldResolver(() => [Inspection], { nullable: true, description: "Labour inspections, latest first: for labour inspectors of the enterprise's region." })
  @Allow([inspectorOfRegion])
  inspections(@Root() enterprise: Enterprise, @Ctx() ctx: Context): Promise<Inspection[]> {
    return ctx.loaders.inspectionsByEnterprise.load(enterprise.id);
  }

  @FieldResolver(() => DeclarationConnection, {
    nullable: true,
    description: "Declarations of labour relations, newest first: for labour inspectors of the enterprise's region and its own employer.",
  })
  @Allow([inspectorOfRegion, ownEmployer])
  declarations(
    @Root() enterprise: Enterprise,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<Connection<LaborRelationsDeclaration>> {
    return ctx.loaders.declarationsOfEnterprise(pageRequest(first, after)).load(enterprise.id);
  }
}
