import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../kernel/context.js';
import {
  LocalVacancies,
  localQuestionsOf,
  type ProjectLocalityReference,
  RegionalVacancies,
} from '../../kernel/graphql/navigator-types.js';
import { ProjectLocality, RecruitmentSources, WorkforceTrainingReport } from '../entities/navigator.stubs.js';
import type { VacancyLoaders } from '../loaders.js';

type Context = RequestContext<VacancyLoaders>;

/**
 * This subgraph's part of the investment-project navigator (docs/architecture.md "The
 * navigator"): the open vacancies competing for the same people, around a project or per region.
 */
@Resolver(() => ProjectLocality)
export class LocalityVacanciesResolver {
  @FieldResolver(() => [LocalVacancies], { description: 'Per planned occupation, OPEN vacancies within the radius.' })
  @Directive('@requires(fields: "center { lat lon } radiusKm plannedOccupations")')
  async openVacancies(@Root() locality: ProjectLocalityReference, @Ctx() ctx: Context): Promise<LocalVacancies[]> {
    const found = await ctx.loaders.localOpenVacancies.loadMany(localQuestionsOf(locality));
    return locality.plannedOccupations.map((occupationCode, index) => {
      const row = found[index];
      if (row instanceof Error) throw row;
      return row ?? { occupationCode, openVacancies: 0 };
    });
  }
}

async function regionalRows(occupationCodes: readonly string[], ctx: Context): Promise<RegionalVacancies[]> {
  return (await ctx.loaders.regionalOpenVacancies.loadMany(occupationCodes)).flatMap((rows) => {
    if (rows instanceof Error) throw rows;
    return rows;
  });
}

@Resolver(() => RecruitmentSources)
export class RecruitmentVacanciesResolver {
  @FieldResolver(() => [RegionalVacancies], { description: 'OPEN vacancies of the occupation in every region that has any.' })
  @Directive('@requires(fields: "occupationCodes")')
  regionalVacancies(@Root() sources: InstanceType<typeof RecruitmentSources>, @Ctx() ctx: Context): Promise<RegionalVacancies[]> {
    return regionalRows(sources.occupationCodes, ctx);
  }
}

@Resolver(() => WorkforceTrainingReport)
export class TrainingVacanciesResolver {
  @FieldResolver(() => [RegionalVacancies], { description: 'OPEN vacancies of each occupation in every region that has any.' })
  @Directive('@requires(fields: "occupationCodes")')
  regionalVacancies(@Root() report: InstanceType<typeof WorkforceTrainingReport>, @Ctx() ctx: Context): Promise<RegionalVacancies[]> {
    return regionalRows(report.occupationCodes, ctx);
  }
}
