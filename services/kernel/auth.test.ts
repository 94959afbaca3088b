import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate, resetAuth } from './auth.js';
import { reloadConfig } from './config.js';

/**
 * Production tokens: RS256/ES256, keys from the identity provider's JWKS. A local JWKS server
 * stands in for the provider; this test runs in its own worker, so its environment is its own.
 */
type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

let server: Server;
const previousEnvironment = { JWKS_URL: process.env.JWKS_URL, JWT_SECRET: process.env.JWT_SECRET };
const keys: { alg: 'RS256' | 'ES256'; kid: string; privateKey: SigningKey }[] = [];

beforeAll(async () => {
  const published: JWK[] = [];
  for (const alg of ['RS256', 'ES256'] as const) {
    const { publicKey, privateKey } = await generateKeyPair(alg);
    const kid = `${alg}-key`;
    published.push({ ...(await exportJWK(publicKey)), kid, alg, use: 'sig' });
    keys.push({ alg, kid, privateKey });
  }
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.JWKS_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  delete process.env.JWT_SECRET;
  reloadConfig();
  resetAuth();
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  for (const [name, value] of Object.entries(previousEnvironment)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadConfig();
  resetAuth();
});

function token(alg: 'RS256' | 'ES256', privateKey: SigningKey, kid: string) {
  return new SignJWT({ roles: ['inspector'], regions: ['KZ-35'] })
    .setProtectedHeader({ alg, kid })
    .setSubject('inspector-7')
    .setIssuer('enterprise-map-dev')
    .setAudience('enterprise-map')
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('tokens verified against JWKS_URL', () => {
  it.each(['RS256', 'ES256'] as const)('accepts a %s token signed by a published key', async (alg) => {
    const key = keys.find((candidate) => candidate.alg === alg)!;
    const principal = await authenticate(`Bearer ${await token(alg, key.privateKey, key.kid)}`);
    expect(principal).toMatchObject({ subject: 'inspector-7', regions: new Set(['KZ-35']) });
    expect(principal?.roles.has('inspector')).toBe(true);
  });

  it('rejects a token signed by a key the provider does not publish', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    await expect(authenticate(`Bearer ${await token('ES256', privateKey, 'ES256-key')}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('rejects an HS256 token once production keys are configured', async () => {
    const secret = new TextEncoder().encode('a-development-secret-that-is-long-enough');
    const hs256 = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('someone')
      .setIssuer('enterprise-map-dev')
      .setAudience('enterprise-map')
      .setExpirationTime('5m')
      .sign(secret);
    await expect(authenticate(`Bearer ${hs256}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
