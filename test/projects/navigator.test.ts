import { distance } from '@turf/distance';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInKazakhstan } from '../../services/kernel/domain/calendar.js';
import { loadSettlements } from '../../services/kernel/seed/demo-world.js';
import { availableWorkers, gap, trainingRequests } from '../../services/projects/domain/navigator-rules.js';
import { expectData, federation } from '../support/federation.js';

/**
 * The navigator's figures against an independent computation: the seeded rows read straight from
 * the database and the distances measured here with turf (the same sphere as the subgraphs).
 */
const HIRE_SHARE = 0.1;

interface Contract { lat: number; lon: number; regionCode: string; occupationCode: string; salary: number }
interface OpenVacancy { lat: number; lon: number; regionCode: string; occupationCode: string }
interface Project { id: string; lat: number; lon: number; regionCode: string; planned: Map<string, { count: number; salary: number }> }

let client: pg.Client;
let contracts: Contract[];
let vacancies: OpenVacancy[];
let projects: Project[];

const km = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => distance([a.lon, a.lat], [b.lon, b.lat], { units: 'kilometers' });
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return Math.round((sorted[Math.floor(middle)]! + sorted[Math.ceil(middle)]!) / 2);
}

beforeAll(async () => {
  client = new pg.Client({ connectionString: federation.databaseUrl() });
  await client.connect();
  const today = todayInKazakhstan();
  contracts = (
    await client.query(
      `select ST_Y(e.location::geometry) as lat, ST_X(e.location::geometry) as lon, e.region_code, c.occupation_code, c.monthly_salary_tenge
         from enterprises.employment_contract c join enterprises.enterprise e on e.id = c.enterprise_id
        where c.start_date <= $1::date and (c.end_date is null or c.end_date >= $1::date)`,
      [today],
    )
  ).rows.map((row) => ({ lat: row.lat, lon: row.lon, regionCode: row.region_code, occupationCode: row.occupation_code, salary: row.monthly_salary_tenge }));
  vacancies = (
    await client.query(
      `select ST_Y(location::geometry) as lat, ST_X(location::geometry) as lon, region_code, occupation_code from vacancies.vacancy where status = 'OPEN'`,
    )
  ).rows.map((row) => ({ lat: row.lat, lon: row.lon, regionCode: row.region_code, occupationCode: row.occupation_code }));
  const rows = (
    await client.query(
      `select p.id, ST_Y(p.location::geometry) as lat, ST_X(p.location::geometry) as lon, p.region_code, j.occupation_code, j.count, j.monthly_salary_tenge
         from projects.investment_project p join projects.planned_jobs j on j.project_id = p.id order by p.investment_tenge desc, p.id desc`,
    )
  ).rows;
  const byId = new Map<string, Project>();
  for (const row of rows) {
    const project = byId.get(row.id) ?? { id: row.id, lat: row.lat, lon: row.lon, regionCode: row.region_code, planned: new Map() };
    const planned = project.planned.get(row.occupation_code) ?? { count: 0, salary: 0 };
    project.planned.set(row.occupation_code, { count: planned.count + row.count, salary: Math.max(planned.salary, row.monthly_salary_tenge) });
    byId.set(row.id, project);
  }
  projects = [...byId.values()];
});

afterAll(async () => {
  await client.end();
});

const LOCALITY = `query Locality($first: Int, $radiusKm: Float) {
  investmentProjects(first: $first) { edges { node { id
    locality(radiusKm: $radiusKm) { radiusKm population settlements
      occupations { occupationCode plannedJobs offeredMonthlySalaryTenge localWorkers medianMonthlySalaryTenge openVacancies locallyAvailable gap } } } } } }`;

interface LocalityData {
  investmentProjects: { edges: { node: { id: string; locality: {
    radiusKm: number; population: number; settlements: number;
    occupations: { occupationCode: string; plannedJobs: number; offeredMonthlySalaryTenge: number; localWorkers: number; medianMonthlySalaryTenge: number | null; openVacancies: number; locallyAvailable: number; gap: number }[];
  } } }[] };
}

describe('InvestmentProject.locality through the gateway', () => {
  it('equals the workers, salaries, vacancies, population and gaps computed here from the seeded rows', async () => {
    const settlements = await loadSettlements();
    const data = expectData(await federation.query<LocalityData>(LOCALITY, { first: 20, radiusKm: 80 }));
    let workersSeen = 0;
    for (const { node } of data.investmentProjects.edges) {
      const project = projects.find((candidate) => candidate.id === node.id)!;
      const around = settlements.filter((settlement) => km(settlement, project) <= 80);
      expect(node.locality.settlements).toBe(around.length);
      expect(Math.abs(node.locality.population - around.reduce((sum, s) => sum + Math.round(s.weight), 0))).toBe(0);
      expect(node.locality.occupations.map((row) => row.occupationCode)).toEqual([...project.planned.keys()].sort());
      for (const row of node.locality.occupations) {
        const planned = project.planned.get(row.occupationCode)!;
        const nearby = contracts.filter((c) => c.occupationCode === row.occupationCode && km(c, project) <= 80);
        const open = vacancies.filter((v) => v.occupationCode === row.occupationCode && km(v, project) <= 80).length;
        const available = availableWorkers(nearby.length, open, HIRE_SHARE);
        expect(row).toEqual({
          occupationCode: row.occupationCode,
          plannedJobs: planned.count,
          offeredMonthlySalaryTenge: planned.salary,
          localWorkers: nearby.length,
          medianMonthlySalaryTenge: median(nearby.map((c) => c.salary)),
          openVacancies: open,
          locallyAvailable: available,
          gap: Math.max(0, planned.count - available),
        });
        workersSeen += nearby.length;
      }
    }
    // The comparison means something only if some planned occupation finds workers nearby.
    expect(workersSeen).toBeGreaterThan(0);
  });

  it('costs the same SQL statements per subgraph for 1 and for 50 projects', async () => {
    const counts = async (first: number) => {
      const result: Record<string, number> = {};
      for (const name of ['projects', 'regions', 'enterprises', 'vacancies']) result[name] = await federation.sqlStatements(name);
      expectData(await federation.query<LocalityData>(LOCALITY, { first, radiusKm: 50 }));
      for (const name of Object.keys(result)) result[name] = (await federation.sqlStatements(name)) - result[name]!;
      return result;
    };
    const one = await counts(1);
    const fifty = await counts(50);
    expect(fifty).toEqual(one);
    expect(one).toEqual({ projects: 3, regions: 1, enterprises: 1, vacancies: 1 });
  });

  it.each([[0], [-5], [1001]])('rejects radiusKm %d as BAD_USER_INPUT on radiusKm', async (radiusKm) => {
    const response = await federation.query(LOCALITY, { first: 1, radiusKm });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'radiusKm' });
  });
});

const RECRUITMENT = `query Recruitment($id: ID!, $occupationCode: String!) {
  investmentProject(id: $id) { region { code }
    recruitmentSources(occupationCode: $occupationCode) { occupationCode plannedJobs offeredMonthlySalaryTenge
      regions { region { code } donor workers openVacancies surplus medianMonthlySalaryTenge salaryRatio }
      zonesWithinReach(year: 2026, reachKm: 1000) { distanceKm freeFamilies zone { id name quota(year: 2026) { freeFamilies } } } } } }`;

interface RecruitmentData {
  investmentProject: { region: { code: string }; recruitmentSources: {
    occupationCode: string; plannedJobs: number; offeredMonthlySalaryTenge: number;
    regions: { region: { code: string }; donor: boolean; workers: number; openVacancies: number; surplus: number; medianMonthlySalaryTenge: number | null; salaryRatio: number | null }[];
    zonesWithinReach: { distanceKm: number; freeFamilies: number; zone: { id: string; name: string; quota: { freeFamilies: number } } }[];
  } };
}

const DONORS = new Set(['KZ-61', 'KZ-79', 'KZ-31', 'KZ-43', 'KZ-47', 'KZ-19', 'KZ-33']);

describe('InvestmentProject.recruitmentSources', () => {
  it('lists the regions with a surplus in the occupation, donors first, as computed here', async () => {
    // A welder project: welders are declared in many regions.
    const project = projects.find((candidate) => candidate.planned.has('7212') && candidate.regionCode === 'KZ-35') ?? projects.find((candidate) => candidate.planned.has('7212'))!;
    const data = expectData(await federation.query<RecruitmentData>(RECRUITMENT, { id: project.id, occupationCode: '7212' }));
    const sources = data.investmentProject.recruitmentSources;
    expect(sources.plannedJobs).toBe(project.planned.get('7212')!.count);
    const expected = [...new Set(contracts.map((c) => c.regionCode))]
      .filter((code) => code !== project.regionCode)
      .map((code) => {
        const inRegion = contracts.filter((c) => c.regionCode === code && c.occupationCode === '7212');
        const open = vacancies.filter((v) => v.regionCode === code && v.occupationCode === '7212').length;
        return { code, donor: DONORS.has(code), workers: inRegion.length, open, surplus: availableWorkers(inRegion.length, open, HIRE_SHARE), median: median(inRegion.map((c) => c.salary)) };
      })
      .filter((row) => row.surplus > 0)
      .sort((a, b) => Number(b.donor) - Number(a.donor) || b.surplus - a.surplus || a.code.localeCompare(b.code));
    expect(expected.length).toBeGreaterThan(0);
    expect(sources.regions.map((row) => [row.region.code, row.donor, row.workers, row.openVacancies, row.surplus, row.medianMonthlySalaryTenge])).toEqual(
      expected.map((row) => [row.code, row.donor, row.workers, row.open, row.surplus, row.median]),
    );
    for (const row of sources.regions) expect(row.salaryRatio).toBeCloseTo(sources.offeredMonthlySalaryTenge / row.medianMonthlySalaryTenge!, 2);
  });

  it('lists resettlement zones within reach with free quota, nearest first', async () => {
    const project = projects.find((candidate) => candidate.regionCode === 'KZ-55')!;
    const [occupationCode] = [...project.planned.keys()];
    const data = expectData(await federation.query<RecruitmentData>(RECRUITMENT, { id: project.id, occupationCode }));
    const zones = data.investmentProject.recruitmentSources.zonesWithinReach;
    expect(zones.length).toBeGreaterThan(0);
    const distances = zones.map((zone) => zone.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    for (const zone of zones) {
      expect(zone.distanceKm).toBeLessThanOrEqual(1000);
      expect(zone.freeFamilies).toBeGreaterThan(0);
      expect(zone.freeFamilies).toBe(zone.zone.quota.freeFamilies);
    }
  });

  it('refuses an occupation the project plans no jobs in, and a malformed one, as BAD_USER_INPUT', async () => {
    const project = projects.find((candidate) => !candidate.planned.has('2341'))!;
    for (const occupationCode of ['2341', '12']) {
      const response = await federation.query(RECRUITMENT, { id: project.id, occupationCode });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'occupationCode' });
    }
  });
});

const TRAINING = `query Training($regionCode: ID, $year: Int) {
  workforceTrainingRequests(regionCode: $regionCode, year: $year) { year region { code }
    occupations { occupationCode plannedJobs locallyAvailable recruitable trainingRequests } } }`;

interface TrainingData {
  workforceTrainingRequests: { year: number | null; region: { code: string } | null;
    occupations: { occupationCode: string; plannedJobs: number; locallyAvailable: number; recruitable: number; trainingRequests: number }[] };
}

describe('workforceTrainingRequests', () => {
  it('is, per occupation, the planned jobs of the region’s projects in the year that neither its workers nor the donors’ surplus fill', async () => {
    const year = 2027;
    const rows = (
      await client.query(
        `select j.occupation_code, sum(j.count)::int as planned from projects.planned_jobs j join projects.investment_project p on p.id = j.project_id
          where p.region_code = 'KZ-35' and j.year = $1 group by j.occupation_code order by j.occupation_code`,
        [year],
      )
    ).rows as { occupation_code: string; planned: number }[];
    const data = expectData(await federation.query<TrainingData>(TRAINING, { regionCode: 'KZ-35', year }));
    expect(data.workforceTrainingRequests.region).toEqual({ code: 'KZ-35' });
    expect(data.workforceTrainingRequests.occupations.map((row) => row.occupationCode)).toEqual(rows.map((row) => row.occupation_code));
    for (const row of data.workforceTrainingRequests.occupations) {
      const planned = rows.find((candidate) => candidate.occupation_code === row.occupationCode)!.planned;
      const regionFigures = (code: string) => {
        const workers = contracts.filter((c) => c.regionCode === code && c.occupationCode === row.occupationCode).length;
        const open = vacancies.filter((v) => v.regionCode === code && v.occupationCode === row.occupationCode).length;
        return availableWorkers(workers, open, HIRE_SHARE);
      };
      const local = regionFigures('KZ-35');
      const recruitable = [...DONORS].reduce((sum, code) => sum + regionFigures(code), 0);
      expect(row).toEqual({
        occupationCode: row.occupationCode,
        plannedJobs: planned,
        locallyAvailable: local,
        recruitable,
        trainingRequests: gap(gap(planned, local), recruitable),
      });
    }
    expect(data.workforceTrainingRequests.occupations.some((row) => row.trainingRequests > 0)).toBe(true);
  });

  it('sums every region’s own requests in the national report', async () => {
    const national = expectData(await federation.query<TrainingData>(TRAINING, { year: 2027 })).workforceTrainingRequests;
    expect(national.region).toBeNull();
    const totalPlanned = (await client.query(`select coalesce(sum(count), 0)::int as planned from projects.planned_jobs where year = 2027`)).rows[0].planned;
    expect(national.occupations.reduce((sum, row) => sum + row.plannedJobs, 0)).toBe(totalPlanned);
    for (const row of national.occupations) expect(row.trainingRequests).toBeLessThanOrEqual(row.plannedJobs);
  });

  it('keeps its rule: nothing to train when local workers or donors cover the jobs', () => {
    const figures = [
      { regionCode: 'KZ-35', workers: 300, openVacancies: 10, medianMonthlySalaryTenge: 300_000 },
      { regionCode: 'KZ-61', workers: 500, openVacancies: 0, medianMonthlySalaryTenge: 200_000 },
    ];
    const options = { donorRegionCodes: new Set(['KZ-61']), hireShare: 0.1 };
    expect(trainingRequests(15, 'KZ-35', figures, options)).toEqual({ plannedJobs: 15, locallyAvailable: 20, recruitable: 50, trainingRequests: 0 });
    expect(trainingRequests(100, 'KZ-35', figures, options)).toEqual({ plannedJobs: 100, locallyAvailable: 20, recruitable: 50, trainingRequests: 30 });
  });

  it.each([[{ year: 1900 }, 'year'], [{ regionCode: 'KZ-00' }, 'regionCode']])('rejects %j as BAD_USER_INPUT on %s', async (variables, argument) => {
    const response = await federation.query(TRAINING, variables);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
