import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';
import { bins, contract, database, DECLARE, declaration, employerToken, errorCode, registered, ROUTES, workerIin } from './support.js';

/**
 * `idempotencyKey` (docs/architecture.md §4): the same key and body returns the first result without a
 * second write, even when the calls race; the same key with another body is CONFLICT.
 */

const db = database();
const nextBin = bins('2025-07');

afterAll(() => db.restore());

describe.each(ROUTES)('declareLaborRelations idempotency %s', (_route, send) => {
  let bin: string;
  let token: string;
  const contracts = Array.from({ length: 50 }, (_, index) => contract(workerIin(index + 1)));

  beforeAll(async () => {
    bin = (await registered(db, nextBin())).bin;
    token = await employerToken(bin);
  });

  it('creates exactly one declaration from 20 parallel identical calls, and all 20 answer the same', async () => {
    const input = declaration(bin, 'parallel', contracts);
    const responses = await Promise.all(Array.from({ length: 20 }, () => send(DECLARE, { input }, { token })));
    const results = responses.map((response) => expectData(response));
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(await db.declarationCount(bin)).toBe(1);
    const stored = await db.contractsOf(bin);
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((row) => row.declaration_id)).size).toBe(1);
  });

  it('returns the first result to a replay that lists the same contracts in another order', async () => {
    const first = expectData(await send(DECLARE, { input: declaration(bin, 'replay', contracts) }, { token }));
    const again = expectData(await send(DECLARE, { input: declaration(bin, 'replay', [...contracts].reverse()) }, { token }));
    expect(again).toEqual(first);
    expect(await db.declarationCount(bin)).toBe(2);
  });

  it('answers CONFLICT to the same key with another body, changing nothing', async () => {
    expectData(await send(DECLARE, { input: declaration(bin, 'conflict', contracts) }, { token }));
    const before = await db.snapshot(bin);
    const response = await send(DECLARE, { input: declaration(bin, 'conflict', contracts.slice(1)) }, { token });
    expect(errorCode(response)).toBe('CONFLICT');
    expect(await db.snapshot(bin)).toEqual(before);
  });

  it('answers 20 parallel calls of one key but two bodies with one declaration and CONFLICT for the other body', async () => {
    const bodies = [declaration(bin, 'mixed', contracts), declaration(bin, 'mixed', contracts.slice(0, 10))];
    const responses = await Promise.all(Array.from({ length: 20 }, (_, index) => send(DECLARE, { input: bodies[index % 2] }, { token })));
    const accepted = responses.filter((response) => !response.errors);
    const refused = responses.filter((response) => response.errors);
    expect(accepted.length).toBe(10);
    expect(refused.every((response) => errorCode(response) === 'CONFLICT')).toBe(true);
    expect(new Set(accepted.map((response) => JSON.stringify(response.data))).size).toBe(1);
  });
});

describe('idempotency keys belong to one enterprise', () => {
  it('lets two enterprises use the same key', async () => {
    const [a, b] = [(await registered(db, nextBin())).bin, (await registered(db, nextBin())).bin];
    for (const bin of [a, b]) {
      expectData(await federation.query(DECLARE, { input: declaration(bin, 'shared-key', [contract(workerIin(1))]) }, { token: await employerToken(bin) }));
      expect(await db.declarationCount(bin)).toBe(1);
    }
  });
});

describe('concurrent declarations with different keys', () => {
  it('apply one after the other: every call succeeds and the contracts are those of one of them', async () => {
    const bin = (await registered(db, nextBin())).bin;
    const token = await employerToken(bin);
    const bodies = Array.from({ length: 10 }, (_, index) => declaration(bin, `key-${index}`, [contract(workerIin(100 + index))]));
    const responses = await Promise.all(bodies.map((input) => federation.query(DECLARE, { input }, { token })));
    for (const response of responses) expectData(response);
    expect(await db.declarationCount(bin)).toBe(10);
    const contracts = await db.contractsOf(bin);
    expect(contracts).toHaveLength(1);
  });
});

describe('20 concurrent declarations with different keys', () => {
  it('leave the last committed one as the declared state, and every one still lists its own contracts', async () => {
    const bin = (await registered(db, nextBin())).bin;
    const token = await employerToken(bin);
    const iinOf = (index: number) => workerIin(200 + index);
    const bodies = Array.from({ length: 20 }, (_, index) => declaration(bin, `race-${index}`, [contract(iinOf(index))]));
    const responses = await Promise.all(bodies.map((input) => federation.query(DECLARE, { input }, { token })));
    for (const response of responses) expectData(response);

    const read = expectData(
      await federation.query<{
        enterpriseByBin: {
          declarations: { edges: { node: { id: string; declaredAt: string; contracts: { totalCount: number; edges: { node: { iin: string } }[] } } }[] };
        };
      }>(
        `query ($bin: String!) { enterpriseByBin(bin: $bin) { declarations(first: 50) {
           edges { node { id declaredAt contracts(first: 5) { totalCount edges { node { iin } } } } } } } }`,
        { bin },
        { token },
      ),
    ).enterpriseByBin.declarations.edges.map((edge) => edge.node);
    expect(read).toHaveLength(20);
    // Newest first, strictly: no two declarations of one enterprise share a declaredAt.
    expect(new Set(read.map((node) => node.declaredAt)).size).toBe(20);
    // The contracts in force are those of the declaration the API calls the newest.
    const inForce = (await db.contractsOf(bin)).map((row) => row.iin);
    expect(inForce).toEqual(read[0]!.contracts.edges.map((edge) => edge.node.iin));
    // Every declaration, superseded or not, lists the one contract it declared.
    const declared = new Set(bodies.map((_, index) => iinOf(index)));
    for (const node of read) {
      expect(node.contracts.totalCount).toBe(1);
      expect(declared.delete(node.contracts.edges[0]!.node.iin)).toBe(true);
    }
    expect(declared.size).toBe(0);
  });
});
