/**
 * The sectors people say they want to work in and vacancies are counted by when resettlement is
 * matched to work (docs/domain.md §10). The categories are those of the 2017 resettlement study
 * (production, education, healthcare, government, agriculture, construction), plus trade and
 * services and one's own business, which movers named and vacancies never are.
 */
export const WORK_SECTORS = [
  'PRODUCTION',
  'EDUCATION',
  'HEALTHCARE',
  'GOVERNMENT',
  'AGRICULTURE',
  'CONSTRUCTION',
  'TRADE_AND_SERVICES',
  'OWN_BUSINESS',
] as const;

export type WorkSector = (typeof WORK_SECTORS)[number];

/** ISCO-08 sub-major groups (first two digits) whose work lies in one sector; the rest by major group. */
const BY_SUB_MAJOR: Readonly<Record<string, WorkSector>> = {
  '11': 'GOVERNMENT', // legislators, senior officials
  '22': 'HEALTHCARE', // health professionals
  '32': 'HEALTHCARE', // health associate professionals
  '23': 'EDUCATION', // teaching professionals
  '53': 'EDUCATION', // personal care workers (child care, teachers' aides)
  '61': 'AGRICULTURE',
  '62': 'AGRICULTURE',
  '63': 'AGRICULTURE',
  '71': 'CONSTRUCTION', // building and related trades
  '93': 'PRODUCTION', // labourers in mining, construction, manufacturing, transport
  '24': 'TRADE_AND_SERVICES', // business and administration professionals
  '25': 'TRADE_AND_SERVICES', // ICT professionals
  '33': 'TRADE_AND_SERVICES',
  '34': 'TRADE_AND_SERVICES',
  '35': 'TRADE_AND_SERVICES',
};

const BY_MAJOR: Readonly<Record<string, WorkSector>> = {
  '1': 'TRADE_AND_SERVICES',
  '2': 'PRODUCTION', // engineers and scientists
  '3': 'PRODUCTION', // technicians
  '4': 'TRADE_AND_SERVICES', // clerks
  '5': 'TRADE_AND_SERVICES', // service and sales
  '6': 'AGRICULTURE',
  '7': 'PRODUCTION', // craft and related trades
  '8': 'PRODUCTION', // plant and machine operators
  '9': 'TRADE_AND_SERVICES', // elementary occupations
};

/**
 * The sector an occupation's jobs are counted in (model, docs/domain.md §10): a vacancy is known by
 * its occupation, not its employer's activity, so teachers count as education, nurses as
 * healthcare, bricklayers as construction, machine operators as production.
 */
export function sectorOfOccupation(occupationCode: string): WorkSector {
  return BY_SUB_MAJOR[occupationCode.slice(0, 2)] ?? BY_MAJOR[occupationCode.slice(0, 1)] ?? 'TRADE_AND_SERVICES';
}

export interface SectorShare {
  sector: WorkSector;
  applicants: number;
  applicantShare: number;
  vacancies: number;
  vacancyShare: number;
}

/**
 * Applicants' intended sectors beside the vacancies' sectors, as shares of each side (each side
 * sums to 1 when it is not empty), and the dissimilarity index ½ Σ |applicantShare − vacancyShare|
 * (Duncan & Duncan 1955): the share of applicants who would have to change their intended sector
 * for the two distributions to match; 0 is a perfect match, 1 no overlap at all. Null when
 * either side is empty.
 */
export function sectorMatch(applicants: ReadonlyMap<WorkSector, number>, vacancies: ReadonlyMap<WorkSector, number>) {
  const total = (counts: ReadonlyMap<WorkSector, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
  const applicantTotal = total(applicants);
  const vacancyTotal = total(vacancies);
  const sectors: SectorShare[] = WORK_SECTORS.map((sector) => {
    const applicantCount = applicants.get(sector) ?? 0;
    const vacancyCount = vacancies.get(sector) ?? 0;
    return {
      sector,
      applicants: applicantCount,
      applicantShare: applicantTotal > 0 ? applicantCount / applicantTotal : 0,
      vacancies: vacancyCount,
      vacancyShare: vacancyTotal > 0 ? vacancyCount / vacancyTotal : 0,
    };
  });
  const mismatchIndex =
    applicantTotal > 0 && vacancyTotal > 0 ? sectors.reduce((sum, row) => sum + Math.abs(row.applicantShare - row.vacancyShare), 0) / 2 : null;
  return { applicants: applicantTotal, vacancies: vacancyTotal, sectors, mismatchIndex };
}
