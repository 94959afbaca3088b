import { describe, expect, it } from 'vitest';
import { federation, tokenFor, type TokenOptions } from './support/federation.js';

const inspector = { sub: 'inspector-1', roles: ['inspector' as const], regions: ['KZ-35'] };
const hourAgo = Math.floor(Date.now() / 1000) - 3600;
const inAnHour = Math.floor(Date.now() / 1000) + 3600;

const broken: [string, TokenOptions | string][] = [
  ['an expired token', { expiresIn: hourAgo }],
  ['a token not yet valid', { notBefore: inAnHour }],
  ['a token signed with another key', { secret: 'another-secret-another-secret-0123456789' }],
  ['a token for another audience', { audience: 'somebody-else' }],
  ['a token from another issuer', { issuer: 'somebody-else' }],
  ['a malformed token', 'not.a.jwt'],
  // docs/architecture.md §5: a token that never expires is a stolen token forever.
  ['a token without exp', { expiresIn: null }],
  ['a token living longer than JWT_MAX_LIFETIME_SECONDS (24 h by default)', { expiresIn: '25h' }],
];

describe('bearer tokens', () => {
  it('lets a valid token through the gateway and straight to a subgraph', async () => {
    const token = await tokenFor(inspector);
    const viaGateway = await federation.query('{ regions { code } }', {}, { token });
    const direct = await federation.querySubgraph('regions', '{ regions { code } }', {}, { token });
    expect(viaGateway.errors).toBeUndefined();
    expect(direct.errors).toBeUndefined();
  });

  it.each(broken)('rejects %s with UNAUTHENTICATED at the gateway and at every subgraph', async (_case, tokenOrOptions) => {
    const token = typeof tokenOrOptions === 'string' ? tokenOrOptions : await tokenFor(inspector, tokenOrOptions);
    const answers = [
      await federation.query('{ regions { code } }', {}, { token }),
      ...(await Promise.all(
        ['regions', 'enterprises', 'vacancies', 'resettlement'].map((name) =>
          federation.querySubgraph(name, '{ __typename }', {}, { token }),
        ),
      )),
    ];
    for (const answer of answers) {
      expect(answer.data ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('treats a request without a token as anonymous, not as an error', async () => {
    const response = await federation.query('{ regions { code } }');
    expect(response.errors).toBeUndefined();
  });
});
