/**
 * The navigator's rules (docs/domain.md "Investment project navigator"), pure so that tests can
 * check them by hand. A model, configurable through NAVIGATOR_HIRE_SHARE:
 *
 * - an occupation's **available workers** in a place are the share of the people employed in it
 *   there that a new employer can hire in a year (job-to-job moves), minus the vacancies other
 *   employers there already fail to fill in it (they compete for the same people), never below 0;
 * - a project's **gap** in an occupation is its planned jobs minus the workers available within
 *   the locality's radius, never below 0;
 * - a region's **surplus** in an occupation is the same available figure over the whole region:
 *   the people recruitment from that region can reach;
 * - **training requests** are the planned jobs that neither the region's own available workers
 *   nor the surplus of the donor regions cover.
 */
export function availableWorkers(employed: number, openVacancies: number, hireShare: number): number {
  return Math.max(0, Math.round(employed * hireShare) - openVacancies);
}

export function gap(planned: number, available: number): number {
  return Math.max(0, planned - available);
}

export interface RegionalFigures {
  regionCode: string;
  workers: number;
  medianMonthlySalaryTenge: number | null;
  openVacancies: number;
}

export interface RecruitmentRegionFigures extends RegionalFigures {
  donor: boolean;
  surplus: number;
}

/**
 * Regions a project can recruit from in one occupation: every region but the project's own with a
 * surplus, donor (labour-surplus) regions first, then the larger surplus, then the region code.
 */
export function recruitmentRegions(
  figures: readonly RegionalFigures[],
  options: { projectRegionCode: string; donorRegionCodes: ReadonlySet<string>; hireShare: number },
): RecruitmentRegionFigures[] {
  return figures
    .filter((region) => region.regionCode !== options.projectRegionCode)
    .map((region) => ({
      ...region,
      donor: options.donorRegionCodes.has(region.regionCode),
      surplus: availableWorkers(region.workers, region.openVacancies, options.hireShare),
    }))
    .filter((region) => region.surplus > 0)
    .sort((a, b) => Number(b.donor) - Number(a.donor) || b.surplus - a.surplus || a.regionCode.localeCompare(b.regionCode));
}

export interface TrainingFigures {
  plannedJobs: number;
  locallyAvailable: number;
  recruitable: number;
  trainingRequests: number;
}

/**
 * One region's training requests in one occupation: its planned jobs minus its own available
 * workers, then minus the surplus of the donor regions other than itself.
 */
export function trainingRequests(
  plannedJobs: number,
  region: string,
  figures: readonly RegionalFigures[],
  options: { donorRegionCodes: ReadonlySet<string>; hireShare: number },
): TrainingFigures {
  const own = figures.find((candidate) => candidate.regionCode === region);
  const locallyAvailable = own ? availableWorkers(own.workers, own.openVacancies, options.hireShare) : 0;
  const recruitable = figures
    .filter((candidate) => candidate.regionCode !== region && options.donorRegionCodes.has(candidate.regionCode))
    .reduce((sum, candidate) => sum + availableWorkers(candidate.workers, candidate.openVacancies, options.hireShare), 0);
  const afterLocal = gap(plannedJobs, locallyAvailable);
  return { plannedJobs, locallyAvailable, recruitable, trainingRequests: gap(afterLocal, recruitable) };
}
