import { describe, expect, it } from 'vitest';
import { monthlyRentSubsidyTenge, REGION_RESETTLEMENT_FACTS, relocationSubsidyTenge } from '../../services/resettlement/domain/subsidies.js';
import { expectData, federation, type RequestOptions } from '../support/federation.js';
import { adminToken } from './support.js';

interface Application {
  id: string;
  year: number;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  zone: { id: string; region: { code: string } };
  fromRegion: { code: string };
  familyMembers: number;
  ableBodiedMembers: number;
  relocationSubsidyTenge: number;
  monthlyRentSubsidyTenge: number;
  decidedAt: string | null;
  reason: string | null;
  createdAt: string;
}

interface Page {
  resettlementApplications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Application }[];
  };
}

const PAGE = `query ($status: ApplicationStatus, $first: Int, $after: String) {
  resettlementApplications(status: $status, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id year status zone { id region { code } } fromRegion { code } familyMembers ableBodiedMembers
                   relocationSubsidyTenge monthlyRentSubsidyTenge decidedAt reason createdAt } } } }`;

/** Who may read applications is access.test.ts's subject; here an admin reads them all. */
const asAdmin = async (): Promise<RequestOptions> => ({ token: await adminToken() });

async function allApplications(status?: string): Promise<{ totalCount: number; applications: Application[]; pages: number }> {
  const options = await asAdmin();
  const applications: Application[] = [];
  let after: string | null = null;
  let totalCount = 0;
  let pages = 0;
  do {
    const page: Page['resettlementApplications'] = expectData(await federation.query<Page>(PAGE, { status, first: 500, after }, options)).resettlementApplications;
    applications.push(...page.edges.map((edge) => edge.node));
    totalCount = page.totalCount;
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  return { totalCount, applications, pages };
}

describe('resettlement applications (read side)', () => {
  it('pages through every application newest first, each once', async () => {
    const { totalCount, applications, pages } = await allApplications();
    expect(pages).toBeGreaterThan(1);
    expect(applications).toHaveLength(totalCount);
    expect(new Set(applications.map((application) => application.id)).size).toBe(totalCount);
    const created = applications.map((application) => application.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('filters by status, and decided applications carry their decision time', async () => {
    const [all, pending, rejected] = await Promise.all([allApplications(), allApplications('PENDING'), allApplications('REJECTED')]);
    expect(pending.applications.every((application) => application.status === 'PENDING' && application.decidedAt === null)).toBe(true);
    expect(rejected.applications.every((application) => application.status === 'REJECTED' && application.decidedAt && application.reason)).toBe(true);
    expect(all.applications.filter((application) => application.status === 'PENDING')).toHaveLength(pending.totalCount);
  });

  it('has families from donor regions applying to zones in recipient regions', async () => {
    const { applications } = await allApplications();
    const role = (code: string) => REGION_RESETTLEMENT_FACTS[code as keyof typeof REGION_RESETTLEMENT_FACTS].role;
    expect(applications.every((application) => role(application.fromRegion.code) === 'DONOR')).toBe(true);
    expect(applications.every((application) => role(application.zone.region.code) === 'RECIPIENT')).toBe(true);
    expect(applications.every((application) => application.ableBodiedMembers <= application.familyMembers)).toBe(true);
  });

  it('computes subsidies from the MCI of the application year', async () => {
    const { applications } = await allApplications();
    for (const application of applications) {
      expect(application.relocationSubsidyTenge).toBe(relocationSubsidyTenge(application.familyMembers, application.year));
      expect(application.monthlyRentSubsidyTenge).toBe(monthlyRentSubsidyTenge(application.familyMembers, application.year));
    }
    // 2026 MCI is 4 325 tenge: 70 MCI per member.
    const single = applications.find((application) => application.familyMembers === 1 && application.year === 2026);
    expect(single?.relocationSubsidyTenge).toBe(302_750);
  });

  it("counts a zone's accepted families from its accepted applications of that year", async () => {
    const applications = (await allApplications('ACCEPTED')).applications.filter((application) => application.year === 2026);
    const zones = expectData(
      await federation.query<{ resettlementZones: { id: string; quota: { acceptedFamilies: number } }[] }>(
        '{ resettlementZones(year: 2026) { id quota(year: 2026) { acceptedFamilies } } }',
      ),
    ).resettlementZones;
    for (const zone of zones) {
      expect(zone.quota.acceptedFamilies).toBe(applications.filter((application) => application.zone.id === zone.id).length);
    }
  });

  it('loads the zones of a whole page of applications in one SQL statement', async () => {
    const options = await asAdmin();
    const statements = await federation.countStatements('resettlement', async () => {
      expectData(
        await federation.query('{ resettlementApplications(first: 500) { edges { node { zone { name quota(year: 2026) { freeFamilies } } } } } }', {}, options),
      );
    });
    expect(statements).toBe(3);
  });

  it.each([
    ['a cursor it did not issue', { after: 'bogus' }, 'after'],
    ['a well-formed cursor of another shape', { after: Buffer.from(JSON.stringify(['x'])).toString('base64url') }, 'after'],
    ['a negative page size', { first: -1 }, 'first'],
  ])('answers %s with BAD_USER_INPUT', async (_case, variables, argument) => {
    const response = await federation.query(PAGE, variables, await asAdmin());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
