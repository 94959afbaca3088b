import type { ContractType } from '../../kernel/domain/money.js';
import { nameBasedUuid } from '../../kernel/ids.js';
import { REGIONS } from '../../kernel/domain/regions.js';
import type { WorkingConditionsClass } from '../../kernel/domain/working-conditions.js';
import { ewktPoint, type BulkInsertPlan } from '../../kernel/seed/bulk-insert.js';
import { createRandom, loadDemoWorld, type DemoEnterprise, type DemoWorld, type Random } from '../../kernel/seed/demo-world.js';
import type { SeedOptions, SubgraphSeed } from '../../kernel/seed/seed.js';
import type { VacancyStatus } from '../graphql/enums.js';
import type { NewVacancy } from '../graphql/post-vacancy-input.js';
import { minimumWageToday } from '../domain/vacancy-rules.js';

/**
 * Demo vacancies for the demo world's enterprises. The enterprises subgraph writes the same
 * enterprises from the same seed, so every vacancy's employer BIN exists there without
 * this subgraph reading its tables. Dates count back from the start of the seeding day.
 */
interface Occupation {
  code: string;
  title: string;
  hazardous: boolean;
}

const MINING: Occupation[] = [
  { code: '8111', title: 'Miner', hazardous: true },
  { code: '7212', title: 'Welder', hazardous: true },
  { code: '8121', title: 'Metal processing plant operator', hazardous: true },
  { code: '3117', title: 'Mining technician', hazardous: true },
  { code: '7412', title: 'Electrical mechanic', hazardous: true },
];
const OIL_AND_GAS: Occupation[] = [
  { code: '8113', title: 'Well driller', hazardous: true },
  { code: '7126', title: 'Pipe fitter', hazardous: true },
  { code: '7233', title: 'Machinery mechanic', hazardous: true },
  { code: '3117', title: 'Petroleum technician', hazardous: false },
];
const AGRICULTURE: Occupation[] = [
  { code: '6111', title: 'Field crop grower', hazardous: false },
  { code: '6121', title: 'Livestock farmer', hazardous: false },
  { code: '8341', title: 'Tractor driver', hazardous: true },
];
const FOOD: Occupation[] = [
  { code: '7512', title: 'Baker', hazardous: false },
  { code: '8160', title: 'Food products machine operator', hazardous: false },
];
const CONSTRUCTION: Occupation[] = [
  { code: '7112', title: 'Bricklayer', hazardous: false },
  { code: '7212', title: 'Welder', hazardous: true },
  { code: '7411', title: 'Building electrician', hazardous: false },
];
const POWER: Occupation[] = [
  { code: '3131', title: 'Power plant operator', hazardous: true },
  { code: '7412', title: 'Electrical mechanic', hazardous: true },
];
const CHEMICALS: Occupation[] = [{ code: '8131', title: 'Chemical plant operator', hazardous: true }];
const TRANSPORT: Occupation[] = [
  { code: '8332', title: 'Heavy truck driver', hazardous: false },
  { code: '4321', title: 'Stock clerk', hazardous: false },
];
const SOFTWARE: Occupation[] = [{ code: '2512', title: 'Software developer', hazardous: false }];
const FINANCE: Occupation[] = [{ code: '2411', title: 'Accountant', hazardous: false }];
const RETAIL: Occupation[] = [{ code: '5223', title: 'Shop sales assistant', hazardous: false }];
const HEALTH: Occupation[] = [
  { code: '2221', title: 'Nurse', hazardous: false },
  { code: '2211', title: 'General practitioner', hazardous: false },
];
const EDUCATION: Occupation[] = [
  { code: '2341', title: 'Primary school teacher', hazardous: false },
  { code: '2330', title: 'Secondary school teacher', hazardous: false },
];

/** What an employer hires, by its OKED division (the first two digits of its activity). */
const OCCUPATIONS_BY_DIVISION: Record<string, Occupation[]> = {
  '01': AGRICULTURE,
  '05': MINING,
  '06': OIL_AND_GAS,
  '07': MINING,
  '09': OIL_AND_GAS,
  '10': FOOD,
  '20': CHEMICALS,
  '24': MINING,
  '35': POWER,
  '41': CONSTRUCTION,
  '47': RETAIL,
  '49': TRANSPORT,
  '62': SOFTWARE,
  '64': FINANCE,
  '85': EDUCATION,
  '86': HEALTH,
};
const ANY_EMPLOYER: Occupation[] = [...TRANSPORT, ...FINANCE];

/** docs/domain.md §8: vacancies stay open longer in the labour-deficit north. */
const NORTH = new Set(['KZ-59', 'KZ-55', 'KZ-39', 'KZ-11', 'KZ-63', 'KZ-10', 'KZ-62']);
const MEDIAN_WAGE = new Map(REGIONS.map((region) => [region.code, region.medianMonthlyWageTenge]));
const HARMFUL_CLASSES: WorkingConditionsClass[] = ['HARMFUL_3_1', 'HARMFUL_3_2', 'HARMFUL_3_3', 'HARMFUL_3_4', 'DANGEROUS_4'];
const HARMFUL_WEIGHTS = [45, 30, 13, 7, 5];
const DAY_MS = 86_400_000;
const MAX_JITTER_KM = 1.5;
const VACANCIES_PER_ENTERPRISE = { min: 1, max: 5 };

/** A vacancy as posting checks it (NewVacancy), with what the seed decides itself. */
export interface DemoVacancy extends Omit<NewVacancy, 'regionCode' | 'location'> {
  id: string;
  lat: number;
  lon: number;
  regionCode: string;
  status: VacancyStatus;
  postedAt: Date;
  closedAt: Date | null;
}

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/** Exponentially distributed days: most vacancies are filled soon, a tail stays open long. */
function openDaysDrawn(random: Random, north: boolean): number {
  const mean = north ? 55 : 16;
  const floor = north ? 10 : 0;
  return Math.min(365, floor + Math.floor(-mean * Math.log(1 - random.next())));
}

function vacancyOf(world: DemoWorld, enterprise: DemoEnterprise, ordinal: number, seed: number, random: Random, today: number): DemoVacancy {
  const occupations = OCCUPATIONS_BY_DIVISION[enterprise.okedCode.slice(0, 2)] ?? ANY_EMPLOYER;
  const occupation = random.pick(occupations);
  const north = NORTH.has(enterprise.regionCode);
  const median = MEDIAN_WAGE.get(enterprise.regionCode) ?? 285_000;
  const salaryMinTenge = Math.max(minimumWageToday(new Date(today)), roundTo(median * (0.55 + random.next() * 0.95), 5_000));
  const salaryMaxTenge = random.next() < 0.7 ? salaryMinTenge + roundTo(salaryMinTenge * (0.1 + random.next() * 0.4), 5_000) : null;
  const seasonalShare = occupations === AGRICULTURE ? 0.3 : 0.05;
  const typeDraw = random.next();
  const employmentType: ContractType = typeDraw < seasonalShare ? 'SEASONAL' : typeDraw < seasonalShare + 0.22 ? 'FIXED_TERM' : 'PERMANENT';
  const conditionsClass = occupation.hazardous
    ? random.weighted(HARMFUL_CLASSES, (c) => HARMFUL_WEIGHTS[HARMFUL_CLASSES.indexOf(c)] ?? 0)
    : random.next() < 0.25
      ? 'OPTIMAL_1'
      : 'ACCEPTABLE_2';
  const housingProvided = random.next() < (north ? 0.35 : 0.08);
  const openDays = openDaysDrawn(random, north);
  const statusDraw = random.next();
  const status: VacancyStatus = statusDraw < 0.72 ? 'OPEN' : statusDraw < 0.9 ? 'FILLED' : 'CLOSED';
  const closedDaysAgo = status === 'OPEN' ? 0 : random.int(1, 120);
  const postedAt = new Date(today - (openDays + closedDaysAgo) * DAY_MS - random.int(0, DAY_MS / 1000 - 1) * 1000);
  const { lat, lon } = world.siteNear(enterprise, MAX_JITTER_KM, random);
  return {
    id: nameBasedUuid('vacancy', seed, enterprise.id, ordinal),
    enterpriseBin: enterprise.bin,
    title: occupation.title,
    occupationCode: occupation.code,
    salaryMinTenge,
    salaryMaxTenge,
    employmentType,
    conditionsClass,
    housingProvided,
    lat,
    lon,
    katoCode: enterprise.katoCode,
    regionCode: enterprise.regionCode,
    status,
    postedAt,
    closedAt: status === 'OPEN' ? null : new Date(postedAt.getTime() + openDays * DAY_MS),
  };
}

/** Vacancies of the demo world, streamed; `options.vacancies` spreads an exact total over the enterprises. */
function* demoVacancies(world: DemoWorld, enterprises: Iterable<DemoEnterprise>, options: SeedOptions, today: number): Generator<DemoVacancy> {
  // Its own stream: vacancies never shift the draws that place the enterprises.
  const random = createRandom(options.seed ^ 0x5eed_7ac);
  let index = 0;
  for (const enterprise of enterprises) {
    const count =
      options.vacancies === null
        ? random.int(VACANCIES_PER_ENTERPRISE.min, VACANCIES_PER_ENTERPRISE.max)
        : Math.floor(((index + 1) * options.vacancies) / options.enterprises) - Math.floor((index * options.vacancies) / options.enterprises);
    for (let ordinal = 0; ordinal < count; ordinal += 1) yield vacancyOf(world, enterprise, ordinal, options.seed, random, today);
    index += 1;
  }
}

const VACANCY_INSERT: BulkInsertPlan<DemoVacancy> = {
  table: 'vacancies.vacancy',
  input: {
    id: 'uuid',
    enterprise_bin: 'text',
    title: 'text',
    occupation_code: 'text',
    salary_min_tenge: 'int',
    salary_max_tenge: 'int',
    employment_type: 'text',
    conditions_class: 'text',
    housing_provided: 'bool',
    location: 'geography',
    kato_code: 'text',
    region_code: 'text',
    status: 'text',
    posted_at: 'timestamptz',
    closed_at: 'timestamptz',
  },
  values: (vacancy) => ({
    id: vacancy.id,
    enterprise_bin: vacancy.enterpriseBin,
    title: vacancy.title,
    occupation_code: vacancy.occupationCode,
    salary_min_tenge: vacancy.salaryMinTenge,
    salary_max_tenge: vacancy.salaryMaxTenge,
    employment_type: vacancy.employmentType,
    conditions_class: vacancy.conditionsClass,
    housing_provided: vacancy.housingProvided,
    location: ewktPoint(vacancy),
    kato_code: vacancy.katoCode,
    region_code: vacancy.regionCode,
    status: vacancy.status,
    posted_at: vacancy.postedAt.toISOString(),
    closed_at: vacancy.closedAt?.toISOString() ?? null,
  }),
};

const AVERAGE_PER_ENTERPRISE = (VACANCIES_PER_ENTERPRISE.min + VACANCIES_PER_ENTERPRISE.max) / 2;

export const vacanciesSeed: SubgraphSeed = {
  tables: ['vacancies.vacancy'],
  expectedRows: (options) => options.vacancies ?? Math.round(options.enterprises * AVERAGE_PER_ENTERPRISE),
  async run(target, options, onRows) {
    const world = await loadDemoWorld();
    const today = Date.parse(`${options.asOf}T00:00:00Z`);
    const enterprises = world.enterprises({ seed: options.seed, count: options.enterprises });
    const written = await target.insert(VACANCY_INSERT, demoVacancies(world, enterprises, options, today), onRows);
    return { 'vacancies.vacancy': written };
  },
};
