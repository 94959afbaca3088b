import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation, type GraphQLResponse } from '../support/federation.js';
import { adminToken, ASSESS, assessment, bins, contract, database, DECLARE, declaration, employerToken, errorCode, INSPECT, inspection, inspectorToken, OTHER_REGION, REGION, REGISTER, registered, registration, ROUTES, tokenOf, workerIin } from './support.js';

/**
 * Who may see and change what of an enterprise (docs/architecture.md §5), for every protected field and
 * mutation and every kind of caller, through the gateway and straight at the subgraph: the
 * subgraph verifies the token itself, so going around the gateway gains nothing. A refused
 * field is an error for that field only; a refused mutation changes nothing.
 */

const db = database();
const nextBin = bins('2025-05');

type Expected = 'data' | 'UNAUTHENTICATED' | 'FORBIDDEN';
type CallerName = 'anonymous' | 'employerOwn' | 'employerOther' | 'inspectorRight' | 'inspectorWrong' | 'officer' | 'citizen' | 'admin';

/** `bin`: the enterprise the case is about (an employer of it is "own"). */
const CALLERS: Record<CallerName, (bin: string) => Promise<string | undefined>> = {
  anonymous: async () => undefined,
  employerOwn: (bin) => employerToken(bin),
  employerOther: () => employerToken('940140000385'),
  inspectorRight: () => inspectorToken(REGION),
  inspectorWrong: () => inspectorToken(OTHER_REGION),
  officer: () => tokenOf({ sub: 'officer-1', roles: ['resettlement_officer'], regions: [REGION] }),
  citizen: () => tokenOf({ sub: 'citizen-1', roles: ['citizen'], iin: '791028302728' }),
  admin: () => adminToken(),
};

const matrix = (row: Partial<Record<CallerName, Expected>>, otherwise: Expected): [CallerName, Expected][] =>
  (Object.keys(CALLERS) as CallerName[]).map((caller) => [caller, caller === 'anonymous' ? 'UNAUTHENTICATED' : (row[caller] ?? otherwise)]);

const FIELDS: [string, string, [CallerName, Expected][]][] = [
  ['workplaces', 'workplaces { code conditionsClass }', matrix({ employerOwn: 'data', inspectorRight: 'data', admin: 'data' }, 'FORBIDDEN')],
  ['inspections', 'inspections { id kind }', matrix({ inspectorRight: 'data', admin: 'data' }, 'FORBIDDEN')],
  ['declarations', 'declarations(first: 5) { totalCount edges { node { id contractsCount } } }', matrix({ employerOwn: 'data', inspectorRight: 'data', admin: 'data' }, 'FORBIDDEN')],
];

let target: string;

beforeAll(async () => {
  target = (await registered(db, nextBin())).bin;
  expectData(await federation.query(ASSESS, { input: assessment(target) }, { token: await adminToken() }));
  expectData(await federation.query(INSPECT, { input: inspection(target) }, { token: await adminToken() }));
  expectData(await federation.query(DECLARE, { input: declaration(target, 'setup', [contract(workerIin(1))]) }, { token: await employerToken(target) }));
});

afterAll(() => db.restore());

function expectOutcome(response: GraphQLResponse, expected: Expected) {
  if (expected === 'data') expect(response.errors, JSON.stringify(response.errors)).toBeUndefined();
  else expect(errorCode(response), JSON.stringify(response.errors)).toBe(expected);
}

describe.each(ROUTES)('enterprise access %s', (route, send) => {
  describe.each(FIELDS)('Enterprise.%s', (field, selection, cases) => {
    it.each(cases)('%s → %s, and the public card still resolves', async (caller, expected) => {
      const response = await send(`query ($bin: String!) { enterpriseByBin(bin: $bin) { bin name headcount ${selection} } }`, { bin: target }, {
        token: await CALLERS[caller](target),
      });
      expectOutcome(response, expected);
      const card = (response.data as { enterpriseByBin: Record<string, unknown> } | null)?.enterpriseByBin;
      expect(card).toMatchObject({ bin: target, headcount: 1 });
      if (expected === 'data') expect(card?.[field]).not.toBeNull();
      else {
        expect(card?.[field]).toBeNull();
        expect(response.errors?.[0]?.path).toEqual(['enterpriseByBin', field]);
      }
    });
  });

  describe('registerEnterprise', () => {
    it.each(matrix({ employerOwn: 'data', admin: 'data' }, 'FORBIDDEN'))('%s → %s', async (caller, expected) => {
      const bin = db.track(nextBin());
      const before = await db.snapshot();
      const response = await send(REGISTER, { input: registration(bin) }, { token: await CALLERS[caller](bin) });
      expectOutcome(response, expected);
      if (expected !== 'data') expect(await db.snapshot()).toEqual(before);
    });
  });

  const MUTATIONS: [string, string, (caseName: string) => Record<string, unknown>, [CallerName, Expected][]][] = [
    [
      'declareLaborRelations',
      DECLARE,
      (caseName) => declaration(target, `${route}-${caseName}`, [contract(workerIin(1))]),
      matrix({ employerOwn: 'data', admin: 'data' }, 'FORBIDDEN'),
    ],
    [
      'recordWorkingConditionsAssessment',
      ASSESS,
      () => assessment(target),
      matrix({ employerOwn: 'data', inspectorRight: 'data', admin: 'data' }, 'FORBIDDEN'),
    ],
    ['recordInspection', INSPECT, () => inspection(target), matrix({ inspectorRight: 'data', admin: 'data' }, 'FORBIDDEN')],
  ];

  describe.each(MUTATIONS)('%s', (_name, mutation, input, cases) => {
    it.each(cases)('%s → %s', async (caller, expected) => {
      const before = await db.snapshot(target);
      const response = await send(mutation, { input: input(caller) }, { token: await CALLERS[caller](target) });
      expectOutcome(response, expected);
      if (expected !== 'data') expect(await db.snapshot(target)).toEqual(before);
    });
  });
});
