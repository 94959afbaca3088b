import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBin } from '../../services/kernel/domain/identifiers.js';
import { expectData, federation } from '../support/federation.js';
import { adminToken, ASSESS, assessment, bins, contract, database, DECLARE, declaration, employerToken, errorCode, INSPECT, inspection, inspectorToken, REGION, REGISTER, registered, registration, ROUTES, workerIin } from './support.js';

/**
 * Bad input to every mutation, one invalid field at a time: BAD_USER_INPUT naming the argument
 * path, and the database exactly as it was (docs/architecture.md §6: bad input never changes data).
 */

const db = database();
const nextBin = bins('2025-06');
const BAD_BIN = '940140000386';
/** Checksum-valid, never registered. */
const UNKNOWN_BIN = makeBin('2025-12', 'RESIDENT_LEGAL_ENTITY', 'BRANCH', 77_000);

let target: string;

beforeAll(async () => {
  target = (await registered(db, nextBin())).bin;
  expectData(await federation.query(DECLARE, { input: declaration(target, 'setup', [contract(workerIin(1))]) }, { token: await employerToken(target) }));
});

afterAll(() => db.restore());

type Case = [description: string, input: () => Record<string, unknown>, argument: string];

const withContract = (overrides: Record<string, unknown>) => () => declaration(target, 'bad', [contract(workerIin(2), overrides)]);
const withWorkplace = (overrides: Record<string, unknown>) => () => {
  const base = assessment(target);
  const [first, ...rest] = base.workplaces;
  return { ...base, workplaces: [{ ...first, ...overrides }, ...rest] };
};

const REGISTRATION_CASES: Case[] = [
  ['a BIN with a wrong check digit', () => registration(BAD_BIN), 'input.bin'],
  ['an empty name', () => registration(nextBin(), { name: '  ' }), 'input.name'],
  ['an OKED code of one digit', () => registration(nextBin(), { okedCode: '5' }), 'input.okedCode'],
  ['an OKED code of an unknown division', () => registration(nextBin(), { okedCode: '99100' }), 'input.okedCode'],
  ['an empty address', () => registration(nextBin(), { address: '' }), 'input.address'],
  ['a KATO code of 5 digits', () => registration(nextBin(), { katoCode: '35101' }), 'input.katoCode'],
  ['a KATO code of no region', () => registration(nextBin(), { katoCode: '991010000' }), 'input.katoCode'],
  ['a latitude beyond 90', () => registration(nextBin(), { location: { lat: 91, lon: 73.1 } }), 'input.location.lat'],
  ['a location outside Kazakhstan (Moscow)', () => registration(nextBin(), { location: { lat: 55.75, lon: 37.62 } }), 'input.location'],
  ['a location in another region than the KATO code’s (Pavlodar)', () => registration(nextBin(), { location: { lat: 52.29, lon: 76.97 } }), 'input.location'],
];

const DECLARATION_CASES: Case[] = [
  ['a BIN with a wrong check digit', () => declaration(BAD_BIN, 'bad', [contract(workerIin(2))]), 'input.bin'],
  ['an empty idempotency key', () => declaration(target, '', [contract(workerIin(2))]), 'input.idempotencyKey'],
  ['a reporting date in the future', () => declaration(target, 'bad', [contract(workerIin(2))], { reportingDate: '2099-01-01' }), 'input.reportingDate'],
  ['a reporting date of a year without a known minimum wage', () => declaration(target, 'bad', [contract(workerIin(2), { startDate: '2010-01-01' })], { reportingDate: '2019-06-01' }), 'input.reportingDate'],
  ['an IIN with a wrong check digit', () => declaration(target, 'bad', [contract(workerIin(2)), contract('791028302729')]), 'input.contracts.1.iin'],
  ['the same IIN twice', () => declaration(target, 'bad', [contract(workerIin(2)), contract(workerIin(2))]), 'input.contracts.1.iin'],
  ['a salary below the minimum wage', withContract({ monthlySalaryTenge: 50_000 }), 'input.contracts.0.monthlySalaryTenge'],
  ['a part-time salary below the pro-rata minimum wage', withContract({ monthlySalaryTenge: 40_000, weeklyHours: 20 }), 'input.contracts.0.monthlySalaryTenge'],
  ['zero weekly hours', withContract({ weeklyHours: 0 }), 'input.contracts.0.weeklyHours'],
  ['an occupation code of 3 digits', withContract({ occupationCode: '811' }), 'input.contracts.0.occupationCode'],
  ['an occupation code of no unit group', withContract({ occupationCode: '9999' }), 'input.contracts.0.occupationCode'],
  ['an empty workplace code', withContract({ workplaceCode: ' ' }), 'input.contracts.0.workplaceCode'],
  ['a start after the reporting date', withContract({ startDate: '2026-02-01' }), 'input.contracts.0.startDate'],
  ['an end before the start', withContract({ contractType: 'FIXED_TERM', startDate: '2020-03-01', endDate: '2020-01-01' }), 'input.contracts.0.endDate'],
  ['an end before the reporting date (not in force)', withContract({ contractType: 'FIXED_TERM', endDate: '2025-12-31' }), 'input.contracts.0.endDate'],
  ['a fixed-term contract without an end', withContract({ contractType: 'FIXED_TERM' }), 'input.contracts.0.endDate'],
];

const ASSESSMENT_CASES: Case[] = [
  ['a BIN with a wrong check digit', () => assessment(BAD_BIN), 'input.bin'],
  ['an assessment date in the future', () => assessment(target, { assessedOn: '2099-01-01' }), 'input.assessedOn'],
  ['no workplaces', () => assessment(target, { workplaces: [] }), 'input.workplaces'],
  ['an empty workplace code', withWorkplace({ code: '' }), 'input.workplaces.0.code'],
  ['a workplace code twice', withWorkplace({ code: 'WP-002' }), 'input.workplaces.1.code'],
  ['an empty title', withWorkplace({ title: '' }), 'input.workplaces.0.title'],
  ['an occupation code of letters', withWorkplace({ occupationCode: 'abcd' }), 'input.workplaces.0.occupationCode'],
  ['an occupation code of no unit group', withWorkplace({ occupationCode: '0000' }), 'input.workplaces.0.occupationCode'],
  ['negative workers', withWorkplace({ workers: -1 }), 'input.workplaces.0.workers'],
];

const INSPECTION_CASES: Case[] = [
  ['a BIN with a wrong check digit', () => inspection(BAD_BIN), 'input.bin'],
  ['an inspection date in the future', () => inspection(target, { inspectedOn: '2099-01-01' }), 'input.inspectedOn'],
  ['negative violations', () => inspection(target, { violations: -1 }), 'input.violations'],
  ['findings of more than 5 000 characters', () => inspection(target, { findings: 'x'.repeat(5_001) }), 'input.findings'],
];

const MUTATIONS: [string, string, () => Promise<string>, Case[]][] = [
  ['registerEnterprise', REGISTER, adminToken, REGISTRATION_CASES],
  ['declareLaborRelations', DECLARE, () => employerToken(target), DECLARATION_CASES],
  ['recordWorkingConditionsAssessment', ASSESS, () => employerToken(target), ASSESSMENT_CASES],
  ['recordInspection', INSPECT, () => inspectorToken(REGION), INSPECTION_CASES],
];

describe.each(ROUTES)('enterprise mutations with bad input %s', (_route, send) => {
  describe.each(MUTATIONS)('%s', (_name, mutation, token, cases) => {
    it.each(cases)('refuses %s with BAD_USER_INPUT at %s, changing nothing', async (_case, input, argument) => {
      const before = await db.snapshot(target);
      const body = input();
      if (typeof body.bin === 'string' && body.bin !== target) db.track(body.bin);
      const response = await send(mutation, { input: body }, { token: await token() });
      expect(response.errors?.[0]?.extensions, JSON.stringify(response.errors)).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(await db.snapshot(target)).toEqual(before);
    });
  });

  it.each([
    ['declareLaborRelations', DECLARE, () => declaration(UNKNOWN_BIN, 'k', [contract(workerIin(2))])],
    ['recordWorkingConditionsAssessment', ASSESS, () => assessment(UNKNOWN_BIN)],
    ['recordInspection', INSPECT, () => inspection(UNKNOWN_BIN)],
  ])('%s on a BIN nobody registered is NOT_FOUND', async (_name, mutation, input) => {
    const response = await send(mutation, { input: input() }, { token: await adminToken() });
    expect(errorCode(response)).toBe('NOT_FOUND');
  });

  it('refuses a declaration of more than 10 000 contracts with LIMIT_EXCEEDED naming input.contracts, changing nothing', async () => {
    const before = await db.snapshot(target);
    const contracts = Array.from({ length: 10_001 }, () => contract(workerIin(2)));
    const response = await send(DECLARE, { input: declaration(target, 'too-many', contracts) }, { token: await employerToken(target) });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', argument: 'input.contracts' });
    expect(await db.snapshot(target)).toEqual(before);
  });
});
