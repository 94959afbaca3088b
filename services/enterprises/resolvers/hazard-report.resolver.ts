import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import { AreaInput, parseArea } from '../../kernel/geo/area.js';
import { WorkingConditionsClass } from '../../kernel/graphql/working-conditions-class.js';
import { HazardousWorkPaymentReport } from '../graphql/card-types.js';
import type { EnterpriseLoaders } from '../loaders.js';
import { hazardousWorkPayments } from '../queries/hazard.query.js';
import { areaPredicates } from './search-arguments.js';

type Context = RequestContext<EnterpriseLoaders>;

@Resolver()
export class HazardReportResolver {
  @Query(() => HazardousWorkPaymentReport, {
    description:
      'Special payment figures of the enterprises in the area whose hazard class is at least minClass, in total, by region and by class; ' +
      'the same enterprises as enterprises(area, filter: { minHazardClass }).',
  })
  async hazardousWorkPayments(
    @Arg('area', () => AreaInput, { nullable: true }) areaInput: AreaInput | null,
    @Arg('minClass', () => WorkingConditionsClass, { nullable: true, defaultValue: WorkingConditionsClass.HARMFUL_3_1 })
    minClass: WorkingConditionsClass | null,
    @Ctx() ctx: Context,
  ): Promise<HazardousWorkPaymentReport> {
    const areaConditions = await areaPredicates(ctx.em, parseArea(areaInput));
    return hazardousWorkPayments(ctx.em, areaConditions, minClass ?? WorkingConditionsClass.HARMFUL_3_1);
  }
}
