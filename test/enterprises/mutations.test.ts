import { afterAll, describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';
import { ASSESS, adminToken, assessment, bins, contract, database, DECLARE, declaration, employerToken, errorCode, INSPECT, inspection, inspectorToken, KATO, LOCATION, REGION, REGISTER, registered, registration, workerIin } from './support.js';

/** What the four mutations do when they succeed (docs/architecture.md §4, issue 5). */

const db = database();
const nextBin = bins('2025-04');

afterAll(() => db.restore());

describe('registerEnterprise', () => {
  it('registers the employer’s own enterprise, region from the KATO code, with an empty card', async () => {
    const bin = db.track(nextBin());
    const data = expectData(await federation.query(REGISTER, { input: registration(bin) }, { token: await employerToken(bin) }));
    expect(data.registerEnterprise).toMatchObject({
      bin,
      okedCode: '05100',
      katoCode: KATO,
      region: { code: REGION },
      location: LOCATION,
      headcount: 0,
      hazardClass: 'ACCEPTABLE_2',
    });
    const card = expectData(await federation.query<{ enterpriseByBin: { name: string } }>('query ($bin: String!) { enterpriseByBin(bin: $bin) { name } }', { bin }));
    expect(card.enterpriseByBin.name).toBe(`Test enterprise ${bin}`);
  });

  it('refuses a BIN that is already registered with CONFLICT', async () => {
    const { bin } = await registered(db, nextBin());
    const response = await federation.query(REGISTER, { input: registration(bin, { name: 'Another' }) }, { token: await adminToken() });
    expect(errorCode(response)).toBe('CONFLICT');
  });
});

describe('declareLaborRelations', () => {
  it('replaces the declared contracts and recomputes the card in the same transaction', async () => {
    const { bin } = await registered(db, nextBin());
    const token = await employerToken(bin);
    expectData(await federation.query(ASSESS, { input: assessment(bin) }, { token }));
    const first = expectData(
      await federation.query<{ declareLaborRelations: { contractsCount: number; enterprise: { headcount: number } } }>(
        DECLARE,
        { input: declaration(bin, 'first', [contract(workerIin(1)), contract(workerIin(2), { workplaceCode: 'WP-002' })]) },
        { token },
      ),
    );
    expect(first.declareLaborRelations).toMatchObject({ contractsCount: 2, enterprise: { headcount: 2, qualityJobs: 1 } });
    const second = expectData(
      await federation.query<{ declareLaborRelations: { contracts: { totalCount: number; edges: { node: { iin: string } }[] } } }>(
        DECLARE,
        { input: declaration(bin, 'second', [contract(workerIin(3))]) },
        { token },
      ),
    );
    expect(second.declareLaborRelations).toMatchObject({ contractsCount: 1, enterprise: { headcount: 1, qualityJobs: 0 } });
    expect(second.declareLaborRelations.contracts.edges.map((edge) => edge.node.iin)).toEqual([workerIin(3)]);
    expect((await db.contractsOf(bin)).map((row) => row.iin)).toEqual([workerIin(3)]);
  });

  it('shows full IINs to the declaring employer and masked ones to an inspector of the region', async () => {
    const { bin } = await registered(db, nextBin());
    const iin = workerIin(4);
    expectData(await federation.query(DECLARE, { input: declaration(bin, 'k', [contract(iin)]) }, { token: await employerToken(bin) }));
    const query = `query ($bin: String!) { enterpriseByBin(bin: $bin) { declarations(first: 2) { totalCount
      edges { node { contractsCount contracts(first: 5) { edges { node { iin } } } } } } } }`;
    const read = async (token: string) =>
      expectData(
        await federation.query<{ enterpriseByBin: { declarations: { totalCount: number; edges: { node: { contracts: { edges: { node: { iin: string } }[] } } }[] } } }>(
          query,
          { bin },
          { token },
        ),
      ).enterpriseByBin.declarations;
    const own = await read(await employerToken(bin));
    expect(own.totalCount).toBe(1);
    expect(own.edges[0]!.node.contracts.edges[0]!.node.iin).toBe(iin);
    const inspector = await read(await inspectorToken(REGION));
    expect(inspector.edges[0]!.node.contracts.edges[0]!.node.iin).toBe(`${iin.slice(0, 6)}******`);
  });
});

describe('Enterprise.declarations', () => {
  it('pages the declarations newest first; a superseded one still lists the contracts it declared', async () => {
    const { bin } = await registered(db, nextBin());
    const token = await employerToken(bin);
    const ids: string[] = [];
    for (const key of ['a', 'b', 'c']) {
      const contracts = [contract(workerIin(ids.length + 10)), contract(workerIin(ids.length + 20))];
      ids.push(expectData(await federation.query<{ declareLaborRelations: { id: string } }>(DECLARE, { input: declaration(bin, key, contracts) }, { token })).declareLaborRelations.id);
    }
    type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; contractsCount: number; contracts: { totalCount: number } } }[] };
    const page = async (after: string | null) =>
      expectData(
        await federation.query<{ enterpriseByBin: { declarations: Page } }>(
          `query ($bin: String!, $after: String) { enterpriseByBin(bin: $bin) { declarations(first: 2, after: $after) {
             totalCount pageInfo { hasNextPage endCursor } edges { node { id contractsCount contracts(first: 1) { totalCount } } } } } }`,
          { bin, after },
          { token },
        ),
      ).enterpriseByBin.declarations;
    const first = await page(null);
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(first.pageInfo.endCursor);
    expect(second.totalCount).toBe(3);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const nodes = [...first.edges, ...second.edges].map((edge) => edge.node);
    expect(nodes.map((node) => node.id)).toEqual([...ids].reverse());
    expect(nodes.map((node) => [node.contractsCount, node.contracts.totalCount])).toEqual([[2, 2], [2, 2], [2, 2]]);
  });
});

describe('recordWorkingConditionsAssessment and recordInspection', () => {
  it('recomputes the hazard class and harmful-work figures from the new workplaces', async () => {
    const { bin } = await registered(db, nextBin());
    const data = expectData(await federation.query(ASSESS, { input: assessment(bin) }, { token: await inspectorToken(REGION) }));
    expect(data.recordWorkingConditionsAssessment).toMatchObject({
      hazardClass: 'HARMFUL_3_2',
      workersInHarmfulConditions: 12,
      lastAssessmentDate: '2025-06-01',
      assessmentOverdue: false,
    });
  });

  it('records an inspection that the region’s inspectors then see on the enterprise', async () => {
    const { bin } = await registered(db, nextBin());
    const token = await inspectorToken(REGION);
    const recorded = expectData(await federation.query<{ recordInspection: { id: string } }>(INSPECT, { input: inspection(bin) }, { token }));
    expect(recorded.recordInspection).toMatchObject({ inspectedOn: '2025-09-10', kind: 'PLANNED', violations: 2 });
    const card = expectData(
      await federation.query<{ enterpriseByBin: { inspections: { id: string }[] } }>('query ($bin: String!) { enterpriseByBin(bin: $bin) { inspections { id } } }', { bin }, { token }),
    );
    expect(card.enterpriseByBin.inspections).toEqual([{ id: recorded.recordInspection.id }]);
  });
});
