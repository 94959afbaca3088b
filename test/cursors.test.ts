import { describe, expect, it } from 'vitest';
import { expectData, federation, tokenFor } from './support/federation.js';

/**
 * Cursors are opaque to clients but decoded by the server: a tampered one, well-formed JSON with a
 * value of the wrong type or a cursor of another order, must be a BAD_USER_INPUT on `after`,
 * checked before any SQL (a Postgres cast error would be an INTERNAL_SERVER_ERROR).
 */
const cursorOf = (key: unknown[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');
const SOME_UUID = '00000000-0000-4000-8000-000000000001';

const admin = async () => ({ token: await tokenFor({ sub: 'admin-cursors', roles: ['admin'] }) });

const VACANCIES = `query ($after: String, $orderBy: VacancyOrder, $area: AreaInput) {
  vacancies(first: 2, after: $after, orderBy: $orderBy, area: $area) { edges { node { id } } pageInfo { endCursor } } }`;
const DECLARATIONS = `query ($after: String) {
  enterprises(first: 1) { edges { node { declarations(first: 2, after: $after) { totalCount } } } } }`;
const NEAR_KARAGANDA = { near: { point: { lat: 49.8, lon: 73.1 }, radiusKm: 100 } };

function expectBadCursor(response: { errors?: { extensions?: Record<string, unknown> }[] }): void {
  expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
}

describe('keyset cursors', () => {
  it('refuse a vacancies cursor whose timestamp is well-formed text but no time', async () => {
    expectBadCursor(await federation.query(VACANCIES, { after: cursorOf(['9999-99-99 99:99:99+00', SOME_UUID]) }));
  });

  it('refuse a declarations cursor whose timestamp is not a timestamp', async () => {
    expectBadCursor(await federation.query(DECLARATIONS, { after: cursorOf(['not a timestamp', SOME_UUID]) }, await admin()));
  });

  it('refuse an applications cursor naming its order but holding a day February never has', async () => {
    const after = cursorOf(['CREATED_DESC', '2026-02-30 10:00:00.000001+00', SOME_UUID]);
    expectBadCursor(await federation.query('query ($after: String) { resettlementApplications(first: 2, after: $after) { totalCount } }', { after }, await admin()));
  });

  it('refuse an enterprises cursor whose headcount is not a number', async () => {
    const after = cursorOf(['HEADCOUNT_DESC', 'many', SOME_UUID]);
    expectBadCursor(await federation.query('query ($after: String) { enterprises(orderBy: HEADCOUNT_DESC, first: 2, after: $after) { totalCount } }', { after }));
  });

  it('refuse an investment projects cursor whose bigint investment has a fraction', async () => {
    const after = cursorOf(['INVESTMENT_DESC', '1.5', SOME_UUID]);
    expectBadCursor(await federation.query('query ($after: String) { investmentProjects(orderBy: INVESTMENT_DESC, first: 2, after: $after) { totalCount } }', { after }));
  });

  it('refuse a cursor issued for another order of the same list instead of misreading it', async () => {
    const bySalary = expectData(
      await federation.query<{ vacancies: { pageInfo: { endCursor: string } } }>(VACANCIES, { orderBy: 'SALARY_DESC', area: NEAR_KARAGANDA }),
    ).vacancies.pageInfo.endCursor;
    expectBadCursor(await federation.query(VACANCIES, { after: bySalary, orderBy: 'DISTANCE', area: NEAR_KARAGANDA }));
  });

  it('still continue after a cursor they issued', async () => {
    const first = expectData(await federation.query<{ vacancies: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } }>(VACANCIES, {}));
    const second = expectData(
      await federation.query<{ vacancies: { edges: { node: { id: string } }[] } }>(VACANCIES, { after: first.vacancies.pageInfo.endCursor }),
    );
    expect(second.vacancies.edges.length).toBeGreaterThan(0);
    expect(second.vacancies.edges.map((edge) => edge.node.id)).not.toContain(first.vacancies.edges[0]!.node.id);
  });
});
