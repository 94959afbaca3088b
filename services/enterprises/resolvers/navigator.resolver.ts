import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import {
  LocalWorkforce,
  localQuestionsOf,
  type ProjectLocalityReference,
  RegionalWorkforce,
} from '../../kernel/graphql/navigator-types.js';
import { ProjectLocality, RecruitmentSources, WorkforceTrainingReport } from '../entities/navigator.stubs.js';
import type { EnterpriseLoaders } from '../loaders.js';

type Context = RequestContext<EnterpriseLoaders>;

/**
 * This subgraph's part of the investment-project navigator (docs/architecture.md "The
 * navigator"): the workforce from declared contracts in force, around a project or per region.
 * Every locality and occupation of the request goes into one statement through the loaders.
 */
@Resolver(() => ProjectLocality)
export class LocalityWorkforceResolver {
  @FieldResolver(() => [LocalWorkforce], { description: 'Per planned occupation, workers employed within the radius and their median salary.' })
  @Directive('@requires(fields: "center { lat lon } radiusKm plannedOccupations")')
  async workforce(@Root() locality: ProjectLocalityReference, @Ctx() ctx: Context): Promise<LocalWorkforce[]> {
    const keys = localQuestionsOf(locality);
    const found = await ctx.loaders.localWorkforce.loadMany(keys);
    return locality.plannedOccupations.map((occupationCode, index) => {
      const row = found[index];
      if (row instanceof Error) throw row;
      return row ?? { occupationCode, workers: 0, medianMonthlySalaryTenge: null };
    });
  }
}

async function regionalRows(occupationCodes: readonly string[], ctx: Context): Promise<RegionalWorkforce[]> {
  return (await ctx.loaders.regionalWorkforce.loadMany(occupationCodes)).flatMap((rows) => {
    if (rows instanceof Error) throw rows;
    return rows;
  });
}

@Resolver(() => RecruitmentSources)
export class RecruitmentWorkforceResolver {
  @FieldResolver(() => [RegionalWorkforce], { description: 'Workers and median salary of the occupation in every region that has any.' })
  @Directive('@requires(fields: "occupationCodes")')
  regionalWorkforce(@Root() sources: InstanceType<typeof RecruitmentSources>, @Ctx() ctx: Context): Promise<RegionalWorkforce[]> {
    return regionalRows(sources.occupationCodes, ctx);
  }
}

@Resolver(() => WorkforceTrainingReport)
export class TrainingWorkforceResolver {
  @FieldResolver(() => [RegionalWorkforce], { description: 'Workers and median salary of each occupation in every region that has any.' })
  @Directive('@requires(fields: "occupationCodes")')
  regionalWorkforce(@Root() report: InstanceType<typeof WorkforceTrainingReport>, @Ctx() ctx: Context): Promise<RegionalWorkforce[]> {
    return regionalRows(report.occupationCodes, ctx);
  }
}
