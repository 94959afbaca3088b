import pg from 'pg';
import { makeIin } from '../../services/kernel/domain/identifiers.js';
import type { TokenClaims } from '../../services/kernel/dev-tokens.js';
import { expectData, federation, tokenFor, type GraphQLResponse, type RequestOptions } from '../support/federation.js';

/**
 * Helpers for the resettlement write tests. Applications can only be filed for a programme year
 * with data (2026, the year the demo data and other test files read), so every test file records
 * what it creates and puts the database back as it found it (`restore`).
 */

export const YEAR = 2026;
/** A settlement of Turkistan Region, a donor region (docs/domain.md §7). */
export const DONOR_KATO = '611010000';
/** A settlement of Pavlodar Region: a recipient, so no family moves from it under the programme. */
export const RECIPIENT_KATO = '551010000';

export type Send = (query: string, variables?: Record<string, unknown>, options?: RequestOptions) => Promise<GraphQLResponse>;

/** The two doors a client may knock on: the gateway, and the resettlement subgraph directly. */
export const ROUTES: [string, Send][] = [
  ['through the gateway', (query, variables, options) => federation.query(query, variables, options)],
  ['directly at the subgraph', (query, variables, options) => federation.querySubgraph('resettlement', query, variables, options)],
];

/**
 * Citizens of one test file: born on `birthDate` (before 1970, so never one of the demo
 * applicants), told apart by serial. Serials are spaced because makeIin may move to the next one.
 */
export function citizens(birthDate: string) {
  let next = 0;
  return {
    iin: (): string => makeIin(birthDate, 'FEMALE', 10 * next++),
    token: (iin: string): Promise<string> => tokenFor({ sub: `citizen-${iin}`, roles: ['citizen'], iin }),
  };
}

export const tokenOf = (claims: TokenClaims): Promise<string> => tokenFor(claims);
export const officerOf = (...regions: string[]) => tokenOf({ sub: `officer-${regions.join('-')}`, roles: ['resettlement_officer'], regions });
export const adminToken = () => tokenOf({ sub: 'admin-1', roles: ['admin'] });

export interface ZoneWithQuota {
  id: string;
  region: { code: string };
  quota: { families: number; acceptedFamilies: number; freeFamilies: number };
}

export async function zonesOf(regionCode: string): Promise<ZoneWithQuota[]> {
  const data = expectData(
    await federation.query<{ resettlementZones: ZoneWithQuota[] }>(
      `query ($regionCode: ID) { resettlementZones(regionCode: $regionCode, year: ${YEAR}) {
           id region { code } quota(year: ${YEAR}) { families acceptedFamilies freeFamilies } } }`,
      { regionCode },
    ),
  );
  return data.resettlementZones;
}

export const APPLY = `mutation ($input: ApplyForResettlementInput!) {
  applyForResettlement(input: $input) {
    id year status zone { id } fromKatoCode fromRegion { code } familyMembers ableBodiedMembers
    relocationSubsidyTenge monthlyRentSubsidyTenge commitmentYears decidedAt reason } }`;

export const DECIDE = `mutation ($id: ID!, $decision: Decision!, $reason: String) {
  decideResettlementApplication(id: $id, decision: $decision, reason: $reason) { id status reason decidedAt } }`;

export const SET_QUOTA = `mutation ($zoneId: ID!, $year: Int!, $families: Int!) {
  setZoneQuota(zoneId: $zoneId, year: $year, families: $families) { id quota(year: $year) { year families acceptedFamilies freeFamilies } } }`;

export const applicationInput = (zoneId: string, overrides: Record<string, unknown> = {}) => ({
  zoneId,
  year: YEAR,
  fromKatoCode: DONOR_KATO,
  familyMembers: 4,
  ableBodiedMembers: 2,
  ...overrides,
});

/** Reads the test database directly, to prove what the API says about it, and restores it afterwards. */
export function database() {
  const pool = new pg.Pool({ connectionString: federation.databaseUrl(), max: 2 });
  const applicants = new Set<string>();
  const quotas = new Map<string, { zoneId: string; year: number; families: number | null }>();
  return {
    /** Every application filed by this applicant is deleted by `restore`. */
    trackApplicant(iin: string): string {
      applicants.add(iin);
      return iin;
    },
    /** The quota row as it is now comes back on `restore` (or goes away, if there was none). */
    async trackQuota(zoneId: string, year: number): Promise<void> {
      const key = `${zoneId}|${year}`;
      if (!quotas.has(key)) quotas.set(key, { zoneId, year, families: await this.quotaFamilies(zoneId, year) });
    },
    async quotaFamilies(zoneId: string, year: number): Promise<number | null> {
      const { rows } = await pool.query<{ families: number }>('select families from resettlement.zone_quota where zone_id = $1 and year = $2', [
        zoneId,
        year,
      ]);
      return rows[0]?.families ?? null;
    },
    async applicationCount(): Promise<number> {
      const { rows } = await pool.query<{ count: number }>('select count(*)::int as count from resettlement.resettlement_application');
      return rows[0]!.count;
    },
    async application(id: string): Promise<{ status: string; reason: string | null; decided_at: Date | null } | null> {
      const { rows } = await pool.query<{ status: string; reason: string | null; decided_at: Date | null }>(
        'select status, reason, decided_at from resettlement.resettlement_application where id = $1',
        [id],
      );
      return rows[0] ?? null;
    },
    async restore(): Promise<void> {
      await pool.query('delete from resettlement.resettlement_application where applicant_iin = any($1::text[])', [[...applicants]]);
      for (const { zoneId, year, families } of quotas.values()) {
        if (families === null) await pool.query('delete from resettlement.zone_quota where zone_id = $1 and year = $2', [zoneId, year]);
        else await pool.query('update resettlement.zone_quota set families = $3 where zone_id = $1 and year = $2', [zoneId, year, families]);
      }
      await pool.end();
    },
  };
}

export function errorCode(response: Pick<GraphQLResponse, 'errors'>): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}
