import { REGIONS } from '../../kernel/domain/regions.js';
import { nameBasedUuid } from '../../kernel/ids.js';
import { byRegionEconomy, type Random, type Settlement } from '../../kernel/seed/demo-world.js';
import { ProjectStatus } from '../graphql/enums.js';

/**
 * The demo's investment projects (docs/domain.md §1, synthetic apart from the totals): all 755
 * projects under way, totalling 33 trillion tenge, at real settlements (the kernel's GeoNames
 * settlements), with a sector mix that follows each region's economy (docs/domain.md §8) and planned
 * jobs in the occupations those sectors hire. Pure and deterministic: same random stream, same rows.
 */
export const DEMO_PROJECTS = 755;
export const DEMO_TOTAL_INVESTMENT_TENGE = 33_000_000_000_000;
/** Statuses are judged against this year, not today, so the same seed always gives the same rows. */
const DEMO_REFERENCE_YEAR = 2026;
/** Model: one planned job per this much investment (capital-heavy projects, about 130 000 jobs for 33 trillion). */
const TENGE_PER_PLANNED_JOB = 250_000_000;

interface PlannedOccupation {
  code: string;
  /** Offered salary against the region's median wage. */
  salaryFactor: number;
  /** Share of the project's jobs. */
  share: number;
}

interface Sector {
  okedCode: string;
  label: string;
  /** Relative investment size (a smelter costs more than a dairy). */
  scale: number;
  occupations: PlannedOccupation[];
}

const job = (code: string, salaryFactor: number, share: number): PlannedOccupation => ({ code, salaryFactor, share });

const MINING: Sector[] = [
  { okedCode: '07290', label: 'Copper Mine', scale: 6, occupations: [job('8111', 1.5, 0.4), job('7412', 1.3, 0.15), job('3117', 1.4, 0.15), job('8342', 1.2, 0.3)] },
  { okedCode: '24100', label: 'Steel Works', scale: 8, occupations: [job('8121', 1.4, 0.45), job('7212', 1.3, 0.25), job('7412', 1.3, 0.15), job('2146', 1.7, 0.15)] },
  { okedCode: '05100', label: 'Coal Mine', scale: 4, occupations: [job('8111', 1.5, 0.5), job('7412', 1.3, 0.2), job('8342', 1.2, 0.3)] },
];
const OIL_AND_GAS: Sector[] = [
  { okedCode: '06100', label: 'Oil Field', scale: 10, occupations: [job('8113', 1.8, 0.4), job('2145', 2, 0.2), job('7212', 1.5, 0.2), job('7126', 1.4, 0.2)] },
  { okedCode: '20140', label: 'Gas Chemical Plant', scale: 12, occupations: [job('8131', 1.6, 0.4), job('2145', 2, 0.2), job('3134', 1.7, 0.2), job('7412', 1.4, 0.2)] },
];
const AGRICULTURE: Sector[] = [
  { okedCode: '10510', label: 'Dairy Plant', scale: 0.6, occupations: [job('8160', 1, 0.5), job('6121', 0.9, 0.3), job('8332', 1, 0.2)] },
  { okedCode: '01110', label: 'Grain Cluster', scale: 0.8, occupations: [job('8341', 1, 0.5), job('6111', 0.9, 0.3), job('7233', 1.1, 0.2)] },
  { okedCode: '10610', label: 'Flour Mill', scale: 0.5, occupations: [job('8160', 1, 0.6), job('8332', 1, 0.2), job('7233', 1.1, 0.2)] },
];
const SERVICES: Sector[] = [
  { okedCode: '62010', label: 'IT Park', scale: 0.7, occupations: [job('2512', 1.8, 0.6), job('2511', 1.7, 0.3), job('4110', 1, 0.1)] },
  { okedCode: '86100', label: 'Hospital', scale: 1, occupations: [job('2221', 1.1, 0.5), job('2211', 1.5, 0.3), job('3221', 1, 0.2)] },
  { okedCode: '85310', label: 'College Campus', scale: 0.5, occupations: [job('2320', 1.1, 0.6), job('2330', 1, 0.4)] },
];
const EVERYWHERE: Sector[] = [
  { okedCode: '35110', label: 'Power Plant', scale: 5, occupations: [job('3131', 1.4, 0.4), job('7412', 1.3, 0.3), job('2151', 1.6, 0.3)] },
  { okedCode: '42110', label: 'Road', scale: 2, occupations: [job('8342', 1.2, 0.4), job('9312', 0.9, 0.4), job('3112', 1.2, 0.2)] },
  { okedCode: '41200', label: 'Housing Estate', scale: 1, occupations: [job('7112', 1, 0.4), job('7411', 1.1, 0.3), job('9313', 0.9, 0.3)] },
  { okedCode: '52100', label: 'Logistics Hub', scale: 1, occupations: [job('8332', 1.1, 0.4), job('4321', 1, 0.3), job('8344', 1, 0.3)] },
  { okedCode: '23510', label: 'Cement Plant', scale: 2, occupations: [job('8114', 1.2, 0.5), job('7233', 1.2, 0.25), job('8189', 1.1, 0.25)] },
];

/** Sectors by region (docs/domain.md §8); every region also builds power, roads, housing, logistics and cement. */
const SECTORS_BY_REGION = byRegionEconomy<Sector>({ MINING, IRON_ORE: [], OIL_AND_GAS, AGRICULTURE, SERVICES });

const MEDIAN_WAGE = new Map(REGIONS.map((region) => [region.code, region.medianMonthlyWageTenge]));

export interface DemoPlannedJobs {
  projectId: string;
  occupationCode: string;
  year: number;
  count: number;
  monthlySalaryTenge: number;
}

export interface DemoProject {
  id: string;
  name: string;
  sector: string;
  katoCode: string;
  regionCode: string;
  settlement: string;
  lat: number;
  lon: number;
  investmentTenge: number;
  startYear: number;
  endYear: number;
  status: ProjectStatus;
  plannedJobs: DemoPlannedJobs[];
}

function statusIn(startYear: number, endYear: number): ProjectStatus {
  if (startYear > DEMO_REFERENCE_YEAR) return ProjectStatus.PREPARATION;
  if (endYear <= DEMO_REFERENCE_YEAR) return ProjectStatus.COMMISSIONING;
  return ProjectStatus.CONSTRUCTION;
}

/** `total` split over `weights` in whole units that add up exactly (largest remainders). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((weight) => (total * weight) / sum);
  const whole = exact.map(Math.floor);
  let left = total - whole.reduce((a, b) => a + b, 0);
  const order = exact.map((value, index) => ({ index, remainder: value - Math.floor(value) })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left <= 0) break;
    whole[index]! += 1;
    left -= 1;
  }
  return whole;
}

function plannedJobsOf(projectId: string, sector: Sector, regionCode: string, investmentTenge: number, startYear: number, endYear: number): DemoPlannedJobs[] {
  const jobs = Math.max(20, Math.round(investmentTenge / TENGE_PER_PLANNED_JOB));
  const median = MEDIAN_WAGE.get(regionCode)!;
  // Hiring is spread over the building years and the first year of operation.
  const years = Array.from({ length: endYear - startYear + 1 }, (_, index) => startYear + index);
  return sector.occupations.flatMap((occupation, index) => {
    const inOccupation = apportion(jobs, sector.occupations.map((o) => o.share))[index]!;
    const byYear = apportion(inOccupation, years.map((_, yearIndex) => yearIndex + 1));
    return years.flatMap((year, yearIndex) =>
      byYear[yearIndex]! > 0
        ? [{ projectId, occupationCode: occupation.code, year, count: byYear[yearIndex]!, monthlySalaryTenge: Math.round((median * occupation.salaryFactor) / 5000) * 5000 }]
        : [],
    );
  });
}

export function demoProjects(random: Random, settlements: readonly Settlement[]): DemoProject[] {
  const drafts = Array.from({ length: DEMO_PROJECTS }, (_, index) => {
    const settlement = random.weighted(settlements, (candidate) => candidate.weight);
    // Three in five projects are in the region's own industries, the rest in what every region builds.
    const regional = SECTORS_BY_REGION[settlement.regionCode] ?? EVERYWHERE;
    const sector = random.pick(random.next() < 0.6 ? regional : EVERYWHERE);
    const startYear = random.int(2022, 2028);
    const endYear = startYear + random.int(1, 5);
    // A heavy tail: most projects are a few billion tenge, a few are hundreds of billions.
    const weight = sector.scale * Math.exp(2 * random.next() * random.next() * 3);
    return { index, settlement, sector, startYear, endYear, weight };
  });
  const investments = apportion(DEMO_TOTAL_INVESTMENT_TENGE / 1_000_000, drafts.map((draft) => draft.weight)).map((millions) => millions * 1_000_000);
  return drafts.map(({ index, settlement, sector, startYear, endYear }) => {
    const id = nameBasedUuid(`investment-project:${index}`);
    const investmentTenge = investments[index]!;
    return {
      id,
      name: `${settlement.name} ${sector.label} #${index + 1}`,
      sector: sector.okedCode,
      katoCode: settlement.katoCode,
      regionCode: settlement.regionCode,
      settlement: settlement.name,
      lat: settlement.lat,
      lon: settlement.lon,
      investmentTenge,
      startYear,
      endYear,
      status: statusIn(startYear, endYear),
      plannedJobs: plannedJobsOf(id, sector, settlement.regionCode, investmentTenge, startYear, endYear),
    };
  });
}
