import { Arg, Ctx, Directive, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { crossSubgraph } from '../../kernel/graphql/cross-subgraph.js';
import { parseNumberInRange, parseOccupationCode, parseRadiusKm, parseRegionCode } from '../../kernel/arguments.js';
import { loadConfig } from '../../kernel/config.js';
import type { RequestContext } from '../../kernel/context.js';
import { occupationName } from '../../kernel/domain/occupations.js';
import { REGIONS } from '../../kernel/domain/regions.js';
import { BadInput } from '../../kernel/errors.js';
import { labourMarketId, localityId, type RegionalVacancies, type RegionalWorkforce } from '../../kernel/graphql/navigator-types.js';
import { availableWorkers, gap, recruitmentRegions, trainingRequests, type RegionalFigures } from '../domain/navigator-rules.js';
import { trainingReportId } from '../domain/navigator-keys.js';
import { InvestmentProject } from '../entities/investment-project.entity.js';
import type { PlannedJobs } from '../graphql/planned-jobs.js';
import {
  LocalityOccupation,
  ProjectLocality,
  RecruitmentRegion,
  RecruitmentSources,
  TrainingRequest,
  WorkforceTrainingReport,
} from '../graphql/navigator.types.js';
import type { ProjectLoaders } from '../loaders.js';

type Context = RequestContext<ProjectLoaders>;

const DEFAULT_RADIUS_KM = 50;
/** Years the training report accepts; planned jobs are checked to the same range. */
const YEARS = { min: 2000, max: 2100 };


/** Planned jobs and the highest offered salary per occupation, by occupation code. */
function byOccupation(jobs: readonly PlannedJobs[]): Map<string, { plannedJobs: number; offeredMonthlySalaryTenge: number }> {
  const totals = new Map<string, { plannedJobs: number; offeredMonthlySalaryTenge: number }>();
  for (const job of jobs) {
    const total = totals.get(job.occupationCode) ?? { plannedJobs: 0, offeredMonthlySalaryTenge: 0 };
    total.plannedJobs += job.count;
    total.offeredMonthlySalaryTenge = Math.max(total.offeredMonthlySalaryTenge, job.monthlySalaryTenge);
    totals.set(job.occupationCode, total);
  }
  return new Map([...totals].sort(([a], [b]) => a.localeCompare(b)));
}

/** Every region's workers and open vacancies in one occupation (zero where neither subgraph has rows). */
function regionalFigures(occupationCode: string, workforce: readonly RegionalWorkforce[], vacancies: readonly RegionalVacancies[]): RegionalFigures[] {
  return REGIONS.map(({ code }) => {
    const workers = workforce.find((row) => row.regionCode === code && row.occupationCode === occupationCode);
    const open = vacancies.find((row) => row.regionCode === code && row.occupationCode === occupationCode);
    return {
      regionCode: code,
      workers: workers?.workers ?? 0,
      medianMonthlySalaryTenge: workers?.medianMonthlySalaryTenge ?? null,
      openVacancies: open?.openVacancies ?? 0,
    };
  });
}

function required<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`${field} was not provided through @requires`);
  return value;
}

@Resolver(() => InvestmentProject)
export class ProjectNavigatorResolver {
  @FieldResolver(() => ProjectLocality, {
    nullable: true,
    description: crossSubgraph(
      'The project’s locality within radiusKm (0 < radiusKm ≤ 1000): the population there, and per planned occupation the ' +
        'workers employed nearby with their median salary, the open vacancies, and the gap (docs/domain.md).',
      'regions, enterprises or vacancies',
    ),
  })
  async locality(
    @Root() project: InvestmentProject,
    @Arg('radiusKm', () => Float, { nullable: true, defaultValue: DEFAULT_RADIUS_KM }) radiusKm: number | null,
    @Ctx() ctx: Context,
  ): Promise<ProjectLocality> {
    const radius = parseRadiusKm(radiusKm ?? DEFAULT_RADIUS_KM, 'radiusKm');
    const planned = byOccupation(await ctx.loaders.plannedJobs.load(project.id));
    return { id: localityId(project.id, radius), projectId: project.id, center: project.location, radiusKm: radius, plannedOccupations: [...planned.keys()] };
  }

  @FieldResolver(() => RecruitmentSources, {
    nullable: true,
    description: crossSubgraph(
      'Where the project can recruit for one of its planned occupations: regions with a surplus in it (donor regions first) ' +
        'with the salary there against the project’s, and resettlement zones within reach with free quota.',
      'enterprises, vacancies or resettlement',
    ),
  })
  async recruitmentSources(
    @Root() project: InvestmentProject,
    @Arg('occupationCode', () => String) occupationCode: string,
    @Ctx() ctx: Context,
  ): Promise<RecruitmentSources> {
    const code = parseOccupationCode(occupationCode, 'occupationCode');
    const planned = byOccupation(await ctx.loaders.plannedJobs.load(project.id)).get(code);
    if (!planned) throw new BadInput('occupationCode', `the project plans no jobs in ${code}`);
    return recruitmentSourcesOf(project, code, planned);
  }
}

export function recruitmentSourcesOf(
  project: InvestmentProject,
  occupationCode: string,
  planned: { plannedJobs: number; offeredMonthlySalaryTenge: number },
): RecruitmentSources {
  return {
    id: labourMarketId(project.id, [occupationCode]),
    projectId: project.id,
    projectRegionCode: project.regionCode,
    occupationCode,
    occupationCodes: [occupationCode],
    center: project.location,
    ...planned,
  };
}

export { byOccupation };

@Resolver(() => ProjectLocality)
export class LocalityResolver {
  @FieldResolver(() => InvestmentProject)
  async project(@Root() locality: ProjectLocality, @Ctx() ctx: Context): Promise<InvestmentProject> {
    const project = await ctx.loaders.projectById.load(locality.projectId);
    if (!project) throw new Error(`project ${locality.projectId} of a locality missing`);
    return project;
  }

  @FieldResolver(() => [LocalityOccupation], { description: 'Per planned occupation: local workers, their salary, open vacancies and the gap.' })
  @Directive('@requires(fields: "workforce { occupationCode workers medianMonthlySalaryTenge } openVacancies { occupationCode openVacancies }")')
  async occupations(@Root() locality: ProjectLocality, @Ctx() ctx: Context): Promise<LocalityOccupation[]> {
    const workforce = required(locality.workforce, 'workforce');
    const vacancies = required(locality.openVacancies, 'openVacancies');
    const hireShare = loadConfig().NAVIGATOR_HIRE_SHARE;
    const planned = byOccupation(await ctx.loaders.plannedJobs.load(locality.projectId));
    return [...planned].map(([occupationCode, { plannedJobs, offeredMonthlySalaryTenge }]) => {
      const workers = workforce.find((row) => row.occupationCode === occupationCode);
      const openVacancies = vacancies.find((row) => row.occupationCode === occupationCode)?.openVacancies ?? 0;
      const locallyAvailable = availableWorkers(workers?.workers ?? 0, openVacancies, hireShare);
      return {
        occupationCode,
        occupationName: occupationName(occupationCode),
        plannedJobs,
        offeredMonthlySalaryTenge,
        localWorkers: workers?.workers ?? 0,
        medianMonthlySalaryTenge: workers?.medianMonthlySalaryTenge ?? null,
        openVacancies,
        locallyAvailable,
        gap: gap(plannedJobs, locallyAvailable),
      };
    });
  }
}

@Resolver(() => RecruitmentSources)
export class RecruitmentResolver {
  @FieldResolver(() => InvestmentProject)
  async project(@Root() sources: RecruitmentSources, @Ctx() ctx: Context): Promise<InvestmentProject> {
    const project = await ctx.loaders.projectById.load(sources.projectId);
    if (!project) throw new Error(`project ${sources.projectId} of recruitment sources missing`);
    return project;
  }

  @FieldResolver(() => [RecruitmentRegion], {
    description: 'Regions other than the project’s own with a surplus in the occupation: donor regions first, then by surplus.',
  })
  @Directive(
    '@requires(fields: "regionalWorkforce { regionCode occupationCode workers medianMonthlySalaryTenge } regionalVacancies { regionCode occupationCode openVacancies } donorRegionCodes")',
  )
  regions(@Root() sources: RecruitmentSources): RecruitmentRegion[] {
    const figures = regionalFigures(sources.occupationCode, required(sources.regionalWorkforce, 'regionalWorkforce'), required(sources.regionalVacancies, 'regionalVacancies'));
    const ranked = recruitmentRegions(figures, {
      projectRegionCode: sources.projectRegionCode,
      donorRegionCodes: new Set(required(sources.donorRegionCodes, 'donorRegionCodes')),
      hireShare: loadConfig().NAVIGATOR_HIRE_SHARE,
    });
    return ranked.map((region) => ({
      region: { code: region.regionCode },
      donor: region.donor,
      workers: region.workers,
      openVacancies: region.openVacancies,
      surplus: region.surplus,
      medianMonthlySalaryTenge: region.medianMonthlySalaryTenge,
      salaryRatio:
        region.medianMonthlySalaryTenge && sources.offeredMonthlySalaryTenge
          ? Math.round((sources.offeredMonthlySalaryTenge / region.medianMonthlySalaryTenge) * 100) / 100
          : null,
    }));
  }
}

@Resolver(() => WorkforceTrainingReport)
export class TrainingReportResolver {
  @Query(() => WorkforceTrainingReport, {
    nullable: true,
    description: crossSubgraph(
      'Per occupation, the jobs the investment projects of a region (or of every region, without regionCode) plan in a year ' +
        '(or all years) that neither the region’s available workers nor the donor regions’ surplus fill (docs/domain.md).',
      'enterprises, vacancies or resettlement',
    ),
  })
  async workforceTrainingRequests(
    @Arg('regionCode', () => ID, { nullable: true }) regionCode: string | null,
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<WorkforceTrainingReport> {
    const scope = {
      regionCode: regionCode == null ? null : parseRegionCode(regionCode, 'regionCode'),
      year: year == null ? null : parseNumberInRange(year, 'year', { ...YEARS, whole: true, what: 'a year' }),
    };
    const planned = await ctx.loaders.plannedJobsByRegion(scope)();
    return {
      id: trainingReportId(scope),
      region: scope.regionCode ? { code: scope.regionCode } : null,
      year: scope.year,
      occupationCodes: [...new Set(planned.map((row) => row.occupationCode))].sort(),
    };
  }

  @FieldResolver(() => [TrainingRequest], { description: 'By occupation code; occupations fully covered show trainingRequests 0.' })
  @Directive(
    '@requires(fields: "regionalWorkforce { regionCode occupationCode workers medianMonthlySalaryTenge } regionalVacancies { regionCode occupationCode openVacancies } donorRegionCodes")',
  )
  async occupations(@Root() report: WorkforceTrainingReport, @Ctx() ctx: Context): Promise<TrainingRequest[]> {
    const workforce = required(report.regionalWorkforce, 'regionalWorkforce');
    const vacancies = required(report.regionalVacancies, 'regionalVacancies');
    const options = { donorRegionCodes: new Set(required(report.donorRegionCodes, 'donorRegionCodes')), hireShare: loadConfig().NAVIGATOR_HIRE_SHARE };
    const planned = await ctx.loaders.plannedJobsByRegion({ regionCode: report.region?.code ?? null, year: report.year })();
    const codes = [...new Set(planned.map((row) => row.occupationCode))].sort();
    return codes.map((occupationCode) => {
      const figures = regionalFigures(occupationCode, workforce, vacancies);
      // The national report is the sum of every region's own report.
      const perRegion = planned
        .filter((row) => row.occupationCode === occupationCode)
        .map((row) => trainingRequests(row.plannedJobs, row.regionCode, figures, options));
      const sum = (pick: (figures: (typeof perRegion)[number]) => number) => perRegion.reduce((total, row) => total + pick(row), 0);
      return {
        occupationCode,
        occupationName: occupationName(occupationCode),
        plannedJobs: sum((row) => row.plannedJobs),
        locallyAvailable: sum((row) => row.locallyAvailable),
        recruitable: sum((row) => row.recruitable),
        trainingRequests: sum((row) => row.trainingRequests),
      };
    });
  }
}
