import pg from 'pg';
import { makeBin, makeIin } from '../../services/kernel/domain/identifiers.js';
import type { TokenClaims } from '../../services/kernel/dev-tokens.js';
import { expectData, federation, tokenFor, type GraphQLResponse, type RequestOptions } from '../support/federation.js';

/**
 * Helpers for the enterprises write tests. Other test files read the seeded enterprises and
 * their figures, so these tests never change a seeded one: each file registers its own
 * enterprises (BINs registered in 2025, a year the seed never uses) and deletes them, with
 * everything hanging off them, when it is done (`restore`).
 */

export type Send = (query: string, variables?: Record<string, unknown>, options?: RequestOptions) => Promise<GraphQLResponse>;

/** The two doors a client may knock on: the gateway, and the enterprises subgraph directly. */
export const ROUTES: [string, Send][] = [
  ['through the gateway', (query, variables, options) => federation.query(query, variables, options)],
  ['directly at the subgraph', (query, variables, options) => federation.querySubgraph('enterprises', query, variables, options)],
];

/** Karaganda: a KATO code of the city and a point in it. */
export const REGION = 'KZ-35';
export const OTHER_REGION = 'KZ-55';
export const KATO = '351010000';
export const LOCATION = { lat: 49.8, lon: 73.1 };

/** Fresh BINs of one test file: registered in `yearMonth` of 2025, serials spaced because makeBin may move to the next one. */
export function bins(yearMonth: `2025-${string}`) {
  let next = 0;
  return (): string => makeBin(yearMonth, 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', 10 * next++);
}

export const tokenOf = (claims: TokenClaims): Promise<string> => tokenFor(claims);
export const employerToken = (bin: string) => tokenOf({ sub: `employer-${bin}`, roles: ['employer'], bin });
export const inspectorToken = (...regions: string[]) => tokenOf({ sub: `inspector-${regions.join('-')}`, roles: ['inspector'], regions });
export const adminToken = () => tokenOf({ sub: 'admin-1', roles: ['admin'] });

export const REGISTER = `mutation ($input: RegisterEnterpriseInput!) {
  registerEnterprise(input: $input) { id bin name okedCode address katoCode region { code } location { lat lon } headcount hazardClass } }`;

export const DECLARE = `mutation ($input: DeclareLaborRelationsInput!) {
  declareLaborRelations(input: $input) { id reportingDate declaredAt contractsCount enterprise { bin headcount qualityJobs }
    contracts(first: 20) { totalCount edges { node { iin occupationCode workplaceCode contractType monthlySalaryTenge startDate endDate weeklyHours } } } } }`;

export const ASSESS = `mutation ($input: AssessmentInput!) {
  recordWorkingConditionsAssessment(input: $input) { bin hazardClass workersInHarmfulConditions lastAssessmentDate assessmentOverdue } }`;

export const INSPECT = `mutation ($input: InspectionInput!) {
  recordInspection(input: $input) { id inspectedOn kind violations findings } }`;

export const registration = (bin: string, overrides: Record<string, unknown> = {}) => ({
  bin,
  name: `Test enterprise ${bin}`,
  okedCode: '05100',
  address: 'Karaganda, Abai street 1',
  katoCode: KATO,
  location: LOCATION,
  ...overrides,
});

/** A worker born on 1980-05-17, told apart by serial. */
export const workerIin = (serial: number): string => makeIin('1980-05-17', 'MALE', serial * 10);

export const contract = (iin: string, overrides: Record<string, unknown> = {}) => ({
  iin,
  occupationCode: '8111',
  workplaceCode: 'WP-001',
  contractType: 'PERMANENT',
  monthlySalaryTenge: 400_000,
  startDate: '2020-03-01',
  ...overrides,
});

export const declaration = (bin: string, idempotencyKey: string, contracts: unknown[], overrides: Record<string, unknown> = {}) => ({
  bin,
  idempotencyKey,
  reportingDate: '2026-01-15',
  contracts,
  ...overrides,
});

export const assessment = (bin: string, overrides: Record<string, unknown> = {}) => ({
  bin,
  assessedOn: '2025-06-01',
  workplaces: [
    { code: 'WP-001', title: 'Underground miner', occupationCode: '8111', conditionsClass: 'HARMFUL_3_2', workers: 12 },
    { code: 'WP-002', title: 'Office clerk', occupationCode: '4110', conditionsClass: 'ACCEPTABLE_2', workers: 3 },
  ],
  ...overrides,
});

export const inspection = (bin: string, overrides: Record<string, unknown> = {}) => ({
  bin,
  inspectedOn: '2025-09-10',
  kind: 'PLANNED',
  violations: 2,
  findings: 'No first-aid kit in the shaft office',
  ...overrides,
});

/** Registers an enterprise as an admin and remembers it for `restore`. */
export async function registered(db: TestDatabase, bin: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; bin: string }> {
  db.track(bin);
  const response = await federation.query<{ registerEnterprise: { id: string; bin: string } }>(REGISTER, { input: registration(bin, overrides) }, {
    token: await adminToken(),
  });
  return expectData(response).registerEnterprise;
}

export type TestDatabase = ReturnType<typeof database>;

/** Reads the test database directly, to prove what the API says about it, and restores it afterwards. */
export function database() {
  const pool = new pg.Pool({ connectionString: federation.databaseUrl(), max: 2 });
  const tracked = new Set<string>();
  return {
    track(bin: string): string {
      tracked.add(bin);
      return bin;
    },
    /** Row counts of every table a mutation writes, and the card figures of one enterprise. */
    async snapshot(bin?: string): Promise<Record<string, unknown>> {
      const { rows } = await pool.query(
        `select (select count(*) from enterprises.enterprise)::int as enterprises,
                (select count(*) from enterprises.labor_relations_declaration)::int as declarations,
                (select count(*) from enterprises.employment_contract)::int as contracts,
                (select count(*) from enterprises.workplace_assessment)::int as assessments,
                (select count(*) from enterprises.inspection)::int as inspections,
                (select row_to_json(e) from (select headcount, quality_jobs, hazard_rank, workers_in_harmful_conditions,
                        special_payment_eligible_workers, last_assessment_date from enterprises.enterprise where bin = $1) e) as card`,
        [bin ?? ''],
      );
      return rows[0] as Record<string, unknown>;
    },
    async declarationCount(bin: string): Promise<number> {
      const { rows } = await pool.query<{ count: number }>(
        `select count(*)::int as count from enterprises.labor_relations_declaration d
           join enterprises.enterprise e on e.id = d.enterprise_id where e.bin = $1`,
        [bin],
      );
      return rows[0]!.count;
    },
    async contractsOf(bin: string): Promise<{ iin: string; declaration_id: string | null }[]> {
      const { rows } = await pool.query<{ iin: string; declaration_id: string | null }>(
        `select c.iin, c.declaration_id from enterprises.employment_contract c
           join enterprises.enterprise e on e.id = c.enterprise_id where e.bin = $1 order by c.iin`,
        [bin],
      );
      return rows;
    },
    /** Deletes the tracked enterprises; their declarations, contracts, assessments and inspections cascade. */
    async restore(): Promise<void> {
      await pool.query('delete from enterprises.enterprise where bin = any($1::text[])', [[...tracked]]);
      await pool.end();
    },
  };
}

export function errorCode(response: Pick<GraphQLResponse, 'errors'>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
