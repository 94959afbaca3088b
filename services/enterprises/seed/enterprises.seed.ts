import { createHash } from 'node:crypto';
import { makeIin, type Sex } from '../../kernel/domain/identifiers.js';
import { formatIsoDate } from '../../kernel/domain/calendar.js';
import { regionCodeOfKato } from '../../kernel/domain/kato.js';
import { classRank, type WorkingConditionsClass } from '../../kernel/domain/working-conditions.js';
import { ewktPoint, type SeedTarget } from '../../kernel/seed/bulk-insert.js';
import { createRandom, loadDemoWorld, type DemoEnterprise, type Random } from '../../kernel/seed/demo-world.js';
import type { SubgraphSeed } from '../../kernel/seed/seed.js';
import { enterpriseFigures, type ActiveContract, type CurrentWorkplace, type EnterpriseFigures } from '../domain/enterprise-figures.js';
import { copyRegionBoundaries } from './region-boundaries.seed.js';

/**
 * Demo data (docs/domain.md §8): the kernel's demo enterprises, each with current workplace
 * assessments whose classes follow the activity, the employment contracts of the workers on
 * those workplaces (so headcount equals the assessed workers), a few inspections, and the card
 * figures derived from all that by `enterpriseFigures`, the function every mutation uses too.
 * Same seed, same data.
 */
interface Job {
  title: string;
  occupationCode: string;
  /** Classes this job is assessed at, with weights. */
  classes: [WorkingConditionsClass, number][];
}

interface Profile {
  jobs: Job[];
  workplaces: [number, number];
  workersPerWorkplace: [number, number];
  salary: [number, number];
  maleShare: number;
}

const OFFICE: Job = { title: 'Office clerk', occupationCode: '4110', classes: [['OPTIMAL_1', 1], ['ACCEPTABLE_2', 2]] };
const HEAVY_CLASSES: [WorkingConditionsClass, number][] = [
  ['ACCEPTABLE_2', 1],
  ['HARMFUL_3_1', 3],
  ['HARMFUL_3_2', 3],
  ['HARMFUL_3_3', 2],
  ['HARMFUL_3_4', 1],
  ['DANGEROUS_4', 1],
];
const OIL_CLASSES: [WorkingConditionsClass, number][] = [
  ['OPTIMAL_1', 1],
  ['ACCEPTABLE_2', 4],
  ['HARMFUL_3_1', 3],
  ['HARMFUL_3_2', 1],
];
const INDUSTRIAL_CLASSES: [WorkingConditionsClass, number][] = [
  ['OPTIMAL_1', 1],
  ['ACCEPTABLE_2', 5],
  ['HARMFUL_3_1', 2],
  ['HARMFUL_3_2', 1],
];

/** Mining and metallurgy (OKED 05, 07, 24) mostly 3.x and some 4; oil and gas some 3.x; offices 1–2. */
function profileOf(okedCode: string): Profile {
  const division = okedCode.slice(0, 2);
  if (['05', '07', '24'].includes(division)) {
    return {
      jobs: [
        { title: 'Underground miner', occupationCode: '8111', classes: HEAVY_CLASSES },
        { title: 'Furnace operator', occupationCode: '8121', classes: HEAVY_CLASSES },
        { title: 'Welder', occupationCode: '7212', classes: HEAVY_CLASSES },
        { title: 'Mining electrician', occupationCode: '7412', classes: HEAVY_CLASSES },
        OFFICE,
      ],
      workplaces: [3, 6],
      workersPerWorkplace: [5, 40],
      salary: [220_000, 650_000],
      maleShare: 0.85,
    };
  }
  if (['06', '09'].includes(division)) {
    return {
      jobs: [
        { title: 'Drilling operator', occupationCode: '8113', classes: OIL_CLASSES },
        { title: 'Process engineer', occupationCode: '2145', classes: OIL_CLASSES },
        { title: 'Welder', occupationCode: '7212', classes: OIL_CLASSES },
        OFFICE,
      ],
      workplaces: [2, 5],
      workersPerWorkplace: [4, 30],
      salary: [280_000, 900_000],
      maleShare: 0.8,
    };
  }
  if (['20', '35', '41', '49', '10', '01'].includes(division)) {
    return {
      jobs: [
        { title: 'Machine operator', occupationCode: '8189', classes: INDUSTRIAL_CLASSES },
        { title: 'Electrician', occupationCode: '7411', classes: INDUSTRIAL_CLASSES },
        { title: 'Driver', occupationCode: '8332', classes: INDUSTRIAL_CLASSES },
        OFFICE,
      ],
      workplaces: [2, 4],
      workersPerWorkplace: [3, 25],
      salary: [110_000, 450_000],
      maleShare: 0.7,
    };
  }
  return {
    jobs: [
      { title: 'Specialist', occupationCode: '2421', classes: [['OPTIMAL_1', 1], ['ACCEPTABLE_2', 1]] },
      { title: 'Nurse', occupationCode: '2221', classes: [['OPTIMAL_1', 1], ['ACCEPTABLE_2', 2]] },
      OFFICE,
    ],
    workplaces: [1, 3],
    workersPerWorkplace: [2, 20],
    salary: [130_000, 800_000],
    maleShare: 0.45,
  };
}

/**
 * The chance that a worker is drawn from the pre-retirement band (50 to 62) rather than the whole
 * working age, by region. Highest where docs/domain.md §5 counts the most special-payment applicants
 * (Karaganda 1 696, Kostanay 1 180, East Kazakhstan 1 132, Pavlodar 1 015, Aktobe, Akmola, Abai),
 * weighed against each region's harmful workforce (Kostanay's mining mixes with farming, Pavlodar's
 * industry is large) so that eligible workers rank in that order at any scale (test/data.test.ts).
 */
const PRE_RETIREMENT_SHARE: Readonly<Record<string, number>> = {
  'KZ-35': 0.9,
  'KZ-39': 0.8,
  'KZ-63': 0.55,
  'KZ-55': 0.25,
  'KZ-15': 0.4,
  'KZ-11': 0.4,
  'KZ-10': 0.2,
};
const PRE_RETIREMENT_AGES: [number, number] = [50, 62];
const WORKING_AGES: [number, number] = [20, 62];

function dateBetween(random: Random, fromYear: number, toYear: number): string {
  return formatIsoDate({ year: random.int(fromYear, toYear), month: random.int(1, 12), day: random.int(1, 28) });
}

function uuidOf(text: string): string {
  const hex = createHash('md5').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface AssessmentRow {
  enterpriseId: string;
  code: string;
  title: string;
  occupationCode: string;
  classRank: number;
  workers: number;
  assessedOn: string;
}

interface ContractRow {
  enterpriseId: string;
  iin: string;
  occupationCode: string;
  workplaceCode: string;
  contractType: 'PERMANENT' | 'FIXED_TERM';
  monthlySalaryTenge: number;
  startDate: string;
  endDate: string | null;
}

interface InspectionRow {
  id: string;
  enterpriseId: string;
  inspectedOn: string;
  kind: 'PLANNED' | 'UNPLANNED' | 'ACCIDENT';
  violations: number;
  findings: string | null;
}

interface Workforce {
  assessments: AssessmentRow[];
  contracts: ContractRow[];
  inspections: InspectionRow[];
  /** Card figures by enterprise id, from the rows above as of the seeding day. */
  figures: Map<string, EnterpriseFigures>;
}

/**
 * Workplaces, their workers' contracts and inspections of some enterprises. Every worker holds
 * a contract on an assessed workplace, active today, so headcount equals the assessed workers.
 */
function demoWorkforce(enterprises: DemoEnterprise[], random: Random, today: string, workforceScale: number): Workforce {
  const currentYear = Number(today.slice(0, 4));
  const workforce: Workforce = { assessments: [], contracts: [], inspections: [], figures: new Map() };
  for (const enterprise of enterprises) {
    const currentWorkplaces: CurrentWorkplace[] = [];
    const activeContracts: ActiveContract[] = [];
    const profile = profileOf(enterprise.okedCode);
    const preRetirementShare = PRE_RETIREMENT_SHARE[enterprise.regionCode] ?? 0;
    // Attestations go back to 2018, so some enterprises are overdue (older than five years).
    const assessedOn = dateBetween(random, 2018, currentYear - 1);
    const previousOn = random.next() < 0.3 ? dateBetween(random, 2011, Number(assessedOn.slice(0, 4)) - 1) : null;
    const count = random.int(...profile.workplaces);
    for (let index = 0; index < count; index += 1) {
      const job = index === count - 1 ? OFFICE : random.pick(profile.jobs);
      const code = `WP-${String(index + 1).padStart(3, '0')}`;
      const workers = Math.max(1, Math.round(random.int(...profile.workersPerWorkplace) * workforceScale));
      const assessment = { enterpriseId: enterprise.id, code, title: job.title, occupationCode: job.occupationCode };
      const classOf = () => classRank(random.weighted(job.classes, ([, weight]) => weight)[0]);
      const current = { ...assessment, classRank: classOf(), workers, assessedOn };
      workforce.assessments.push(current);
      currentWorkplaces.push({ code, class_rank: current.classRank, workers, assessed_on: assessedOn });
      // A superseded attestation: history that must never count as current.
      if (previousOn) workforce.assessments.push({ ...assessment, classRank: classOf(), workers: random.int(...profile.workersPerWorkplace), assessedOn: previousOn });
      for (let worker = 0; worker < workers; worker += 1) {
        const age = random.int(...(random.next() < preRetirementShare ? PRE_RETIREMENT_AGES : WORKING_AGES));
        const sex: Sex = random.next() < profile.maleShare ? 'MALE' : 'FEMALE';
        const birthDate = formatIsoDate({ year: currentYear - age - 1, month: random.int(1, 12), day: random.int(1, 28) });
        const permanent = random.next() < 0.85;
        // Every contract starts before the seeding year and ends after it: all are active today.
        const contract: ContractRow = {
          enterpriseId: enterprise.id,
          iin: makeIin(birthDate, sex, random.int(0, 9_000)),
          occupationCode: job.occupationCode,
          workplaceCode: code,
          contractType: permanent ? 'PERMANENT' : 'FIXED_TERM',
          monthlySalaryTenge: Math.round(random.int(...profile.salary) / 1000) * 1000,
          startDate: dateBetween(random, Math.max(1995, currentYear - age + 19), currentYear - 1),
          endDate: permanent ? null : dateBetween(random, currentYear + 1, currentYear + 3),
        };
        workforce.contracts.push(contract);
        activeContracts.push({
          iin: contract.iin,
          workplace_code: code,
          contract_type: contract.contractType,
          monthly_salary_tenge: contract.monthlySalaryTenge,
          start_date: contract.startDate,
        });
      }
    }
    workforce.figures.set(enterprise.id, enterpriseFigures(currentWorkplaces, activeContracts, today));
    const inspections = random.int(0, 3);
    for (let index = 0; index < inspections; index += 1) {
      const violations = random.int(0, 8);
      workforce.inspections.push({
        id: uuidOf(`${enterprise.id}:inspection:${index}`),
        enterpriseId: enterprise.id,
        inspectedOn: dateBetween(random, 2019, currentYear - 1),
        kind: random.weighted(['PLANNED', 'UNPLANNED', 'ACCIDENT'] as const, (kind) => (kind === 'PLANNED' ? 6 : kind === 'UNPLANNED' ? 3 : 1)),
        violations,
        findings: violations === 0 ? null : `${violations} violation(s) of labour safety rules`,
      });
    }
  }
  return workforce;
}

/**
 * Kazakhstan has about 7 million wage workers (docs/domain.md §1). A demo enterprise employs about 40,
 * so from roughly 175 000 enterprises on, workplaces shrink to keep the synthetic country's
 * workforce (and the contracts table) at that size.
 */
const NATIONAL_WAGE_WORKERS = 7_000_000;
const MEAN_DEMO_WORKFORCE = 40;

function workforceScaleFor(enterprises: number): number {
  return Math.min(1, NATIONAL_WAGE_WORKERS / (Math.max(1, enterprises) * MEAN_DEMO_WORKFORCE));
}

/** Enterprises are written in chunks, each with its figures and children, so memory stays flat at any size. */
const CHUNK = 2_000;

async function writeChunk(
  target: SeedTarget,
  enterprises: DemoEnterprise[],
  random: Random,
  today: string,
  workforceScale: number,
): Promise<Record<string, number>> {
  const { assessments, contracts, inspections, figures } = demoWorkforce(enterprises, random, today, workforceScale);
  return {
    'enterprises.enterprise': await target.insert(
      {
        table: 'enterprises.enterprise',
        input: {
          id: 'uuid',
          bin: 'text',
          name: 'text',
          oked_code: 'text',
          address: 'text',
          kato_code: 'text',
          region_code: 'text',
          location: 'geography',
          headcount: 'int',
          quality_jobs: 'int',
          hazard_rank: 'smallint',
          workers_in_harmful_conditions: 'int',
          special_payment_eligible_workers: 'int',
          special_payment_monthly_total_tenge: 'bigint',
          last_assessment_date: 'date',
          figures_as_of: 'date',
        },
        values: (e: DemoEnterprise) => {
          const card = figures.get(e.id)!;
          return {
            id: e.id,
            bin: e.bin,
            name: e.name,
            oked_code: e.okedCode,
            address: e.address,
            kato_code: e.katoCode,
            region_code: regionCodeOfKato(e.katoCode),
            location: ewktPoint(e.location),
            headcount: card.headcount,
            quality_jobs: card.qualityJobs,
            hazard_rank: card.hazardRank,
            workers_in_harmful_conditions: card.workersInHarmfulConditions,
            special_payment_eligible_workers: card.eligibleWorkers,
            special_payment_monthly_total_tenge: card.monthlyTotalTenge,
            last_assessment_date: card.lastAssessmentDate,
            figures_as_of: today,
          };
        },
      },
      enterprises,
    ),
    'enterprises.workplace_assessment': await target.insert(
      {
        table: 'enterprises.workplace_assessment',
        input: { enterprise_id: 'uuid', code: 'text', title: 'text', occupation_code: 'text', class_rank: 'smallint', workers: 'int', assessed_on: 'date' },
        values: (a: AssessmentRow) => ({
          enterprise_id: a.enterpriseId,
          code: a.code,
          title: a.title,
          occupation_code: a.occupationCode,
          class_rank: a.classRank,
          workers: a.workers,
          assessed_on: a.assessedOn,
        }),
      },
      assessments,
    ),
    'enterprises.employment_contract': await target.insert(
      {
        table: 'enterprises.employment_contract',
        input: {
          enterprise_id: 'uuid',
          iin: 'text',
          occupation_code: 'text',
          workplace_code: 'text',
          contract_type: 'text',
          monthly_salary_tenge: 'int',
          start_date: 'date',
          end_date: 'date',
        },
        values: (c: ContractRow) => ({
          enterprise_id: c.enterpriseId,
          iin: c.iin,
          occupation_code: c.occupationCode,
          workplace_code: c.workplaceCode,
          contract_type: c.contractType,
          monthly_salary_tenge: c.monthlySalaryTenge,
          start_date: c.startDate,
          end_date: c.endDate,
        }),
      },
      contracts,
    ),
    'enterprises.inspection': await target.insert(
      {
        table: 'enterprises.inspection',
        input: { id: 'uuid', enterprise_id: 'uuid', inspected_on: 'date', kind: 'text', violations: 'int', findings: 'text' },
        values: (i: InspectionRow) => ({
          id: i.id,
          enterprise_id: i.enterpriseId,
          inspected_on: i.inspectedOn,
          kind: i.kind,
          violations: i.violations,
          findings: i.findings,
        }),
      },
      inspections,
    ),
  };
}

export const enterprisesSeed: SubgraphSeed = {
  tables: [
    'enterprises.enterprise',
    'enterprises.workplace_assessment',
    'enterprises.labor_relations_declaration',
    'enterprises.employment_contract',
    'enterprises.inspection',
    'enterprises.region_boundary',
  ],
  expectedRows: (options) => options.enterprises,
  run: async (target, options, onRows) => {
    const totals: Record<string, number> = { 'enterprises.region_boundary': await copyRegionBoundaries(target) };
    const today = options.asOf;
    const world = await loadDemoWorld();
    // Its own stream: the enterprises themselves come from the shared demo world's stream.
    const random = createRandom(options.seed * 7919 + 17);
    const workforceScale = workforceScaleFor(options.enterprises) * options.workforceScale;
    let chunk: DemoEnterprise[] = [];
    const flush = async () => {
      for (const [table, count] of Object.entries(await writeChunk(target, chunk, random, today, workforceScale))) totals[table] = (totals[table] ?? 0) + count;
      onRows(chunk.length);
      chunk = [];
    };
    for (const enterprise of world.enterprises({ seed: options.seed, count: options.enterprises })) {
      chunk.push(enterprise);
      if (chunk.length >= CHUNK) await flush();
    }
    if (chunk.length > 0) await flush();
    return totals;
  },
};
