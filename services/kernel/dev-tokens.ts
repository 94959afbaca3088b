import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, loadConfig, reloadConfig } from './config.js';
import type { Role } from './auth.js';

/**
 * Development tokens (HS256, JWT_SECRET). Production tokens come from the identity provider
 * behind JWKS_URL; this module is for `npm start`, `npm run token` and the tests.
 */
export interface TokenClaims {
  sub: string;
  roles: Role[];
  bin?: string;
  iin?: string;
  regions?: string[];
}

export async function signDevToken(claims: TokenClaims, options: { expiresIn?: string; notBefore?: string } = {}): Promise<string> {
  const config = loadConfig();
  if (!config.JWT_SECRET) throw new ConfigError('JWT_SECRET is not set: start `npm start` once, or export JWT_SECRET');
  let jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(config.JWT_ISSUER)
    .setAudience(config.JWT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h');
  if (options.notBefore) jwt = jwt.setNotBefore(options.notBefore);
  return jwt.sign(new TextEncoder().encode(config.JWT_SECRET));
}

/**
 * Without JWT_SECRET or JWKS_URL, the embedded launcher makes a secret once and keeps it in the
 * data folder, so tokens printed by `npm run token` stay valid across restarts.
 */
export async function ensureDevSecret(): Promise<{ created: boolean; path: string } | null> {
  const config = loadConfig();
  if (config.JWT_SECRET || config.JWKS_URL) return null;
  return keptSecret('dev-jwt-secret', 'JWT_SECRET');
}

/** The same for SUBGRAPH_SIGNING_SECRET: the launcher's gateway and subgraphs share it. */
export async function ensureDevSigningSecret(): Promise<{ created: boolean; path: string } | null> {
  if (loadConfig().SUBGRAPH_SIGNING_SECRET) return null;
  return keptSecret('dev-subgraph-signing-secret', 'SUBGRAPH_SIGNING_SECRET');
}

async function keptSecret(file: string, variable: 'JWT_SECRET' | 'SUBGRAPH_SIGNING_SECRET'): Promise<{ created: boolean; path: string }> {
  const config = loadConfig();
  const path = join(config.DATA_DIR, file);
  let secret = await readFile(path, 'utf8').catch(() => '');
  const created = secret.length === 0;
  if (created) {
    secret = randomBytes(32).toString('hex');
    await mkdir(config.DATA_DIR, { recursive: true });
    await writeFile(path, secret, { mode: 0o600 });
  }
  process.env[variable] = secret.trim();
  reloadConfig();
  return { created, path };
}
