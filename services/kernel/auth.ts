import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { ConfigError, loadConfig } from './config.js';
import { DomainError, Forbidden, rejectRequest, Unauthenticated } from './errors.js';

/** Roles and claims of docs/architecture.md §5. */
export const ROLES = ['inspector', 'employer', 'resettlement_officer', 'citizen', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  subject: string;
  roles: ReadonlySet<Role>;
  /** Employer: the enterprise BIN they act for. */
  bin: string | null;
  /** Citizen: their own IIN. */
  iin: string | null;
  /** Inspector or officer: ISO region codes they cover. */
  regions: ReadonlySet<string>;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)).default([]),
  bin: z.string().regex(/^\d{12}$/).optional(),
  iin: z.string().regex(/^\d{12}$/).optional(),
  regions: z.array(z.string().regex(/^KZ-\d{2}$/)).default([]),
});

type Verifier = (token: string) => Promise<JWTPayload>;

let verifier: Verifier | undefined;

/** HS256 with JWT_SECRET in development; RS256/ES256 keys from JWKS_URL in production. */
function createVerifier(): Verifier {
  const config = loadConfig();
  // A token without `exp` would be valid forever once leaked (docs/architecture.md, auth).
  const options = { audience: config.JWT_AUDIENCE, issuer: config.JWT_ISSUER, requiredClaims: ['exp'] };
  if (config.JWKS_URL) {
    const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.JWKS_URL));
    return async (token) => (await jwtVerify(token, keys, { ...options, algorithms: ['RS256', 'ES256'] })).payload;
  }
  if (!config.JWT_SECRET) throw new ConfigError('set JWT_SECRET (development) or JWKS_URL (production) to verify tokens');
  const secret = new TextEncoder().encode(config.JWT_SECRET);
  return async (token) => (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
}

/** Tests and the launcher set the secret before services start. */
export function resetAuth(): void {
  verifier = undefined;
}

/**
 * A lifetime is counted from `iat`, or from now when `iat` is missing or lies in the future, so
 * neither leaving `iat` out nor post-dating it stretches a token past the maximum.
 */
function assertLifetime(payload: JWTPayload, maxSeconds: number): void {
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = Math.min(payload.iat ?? now, now);
  if (payload.exp! - issuedAt > maxSeconds) {
    throw new Unauthenticated(`token rejected: lifetime above the maximum of ${maxSeconds} s`);
  }
}

/**
 * The caller behind an `Authorization` header: null when there is none (anonymous), a typed
 * UNAUTHENTICATED error for anything that is not a valid, current token for this audience.
 */
export async function authenticate(authorization: string | undefined | null): Promise<Principal | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match) throw new Unauthenticated('the Authorization header must be "Bearer <token>"');
  verifier ??= createVerifier();
  let payload: JWTPayload;
  try {
    payload = await verifier(match[1]!);
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'invalid token';
    throw new Unauthenticated(`token rejected: ${reason}`);
  }
  assertLifetime(payload, loadConfig().JWT_MAX_LIFETIME_SECONDS);
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new Unauthenticated('token claims are malformed');
  return {
    subject: claims.data.sub,
    roles: new Set(claims.data.roles),
    bin: claims.data.bin ?? null,
    iin: claims.data.iin ?? null,
    regions: new Set(claims.data.regions),
  };
}

/** `authenticate` for a whole request: a bad token rejects the request with HTTP 401 before any resolver runs. */
export async function authenticateRequest(authorization: string | undefined): Promise<Principal | null> {
  try {
    return await authenticate(authorization);
  } catch (error) {
    throw error instanceof DomainError ? rejectRequest(error) : error;
  }
}

/**
 * A rule grants access when it returns true for the caller and the object asked about.
 * Resolvers declare their rules once (`@Allow(...)`); nothing checks a token by hand.
 */
export type AccessRule<Target> = (principal: Principal, target: Target) => boolean;

/** An inspector or officer whose `regions` claim covers the target's region. */
export const roleInRegion =
  <Target>(role: Role, regionOf: (target: Target) => string): AccessRule<Target> =>
  (principal, target) =>
    principal.roles.has(role) && principal.regions.has(regionOf(target));

/** An employer acting for the target's own enterprise. */
export const employerOf =
  <Target>(binOf: (target: Target) => string): AccessRule<Target> =>
  (principal, target) =>
    principal.roles.has('employer') && principal.bin !== null && principal.bin === binOf(target);

/** Throws UNAUTHENTICATED for an anonymous caller and FORBIDDEN when no rule grants access. */
export function authorize<Target>(principal: Principal | null, target: Target, rules: AccessRule<Target>[], what: string): Principal {
  if (!principal) throw new Unauthenticated(`${what} needs a signed-in caller`);
  if (principal.roles.has('admin') || rules.some((rule) => rule(principal, target))) return principal;
  throw new Forbidden(`${what} is not available to this caller`);
}
