import { SignJWT } from 'jose';
import { inject } from 'vitest';
import type { TokenClaims } from '../../services/kernel/dev-tokens.js';
import { gatewaySignature, SIGNATURE_EXTENSION } from '../../services/kernel/gateway-signature.js';
import { fetchMetric } from '../../services/kernel/metrics.js';

export interface GraphQLResponse<Data = Record<string, unknown>> {
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> & { code?: string; argument?: string } }[];
}

export interface RequestOptions {
  token?: string;
  /** Straight to a subgraph: the request is signed as the gateway signs it unless this says otherwise (null: unsigned). */
  signature?: string | null;
}

async function post<Data>(url: string, query: string, variables: Record<string, unknown> = {}, options: RequestOptions = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables, ...(options.signature ? { extensions: { [SIGNATURE_EXTENSION]: options.signature } } : {}) }),
  });
  return (await response.json()) as GraphQLResponse<Data>;
}

/** The federation started once per test run by global-setup.ts. */
export const federation = {
  gatewayUrl: () => inject('gatewayUrl'),
  subgraphUrl: (name: string): string => {
    const url = inject('subgraphUrls')[name];
    if (!url) throw new Error(`no subgraph named ${name}`);
    return url;
  },
  databaseUrl: () => inject('databaseUrl'),
  /** The secret the gateway signs subgraph requests with (kernel/gateway-signature.ts). */
  signingSecret: () => inject('signingSecret'),

  /** A GraphQL request through the gateway. */
  query: <Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: RequestOptions) =>
    post<Data>(inject('gatewayUrl'), query, variables, options),

  /** A GraphQL request straight to one subgraph, bypassing the gateway. */
  querySubgraph: <Data = Record<string, unknown>>(
    name: string,
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ) =>
    post<Data>(federation.subgraphUrl(name), query, variables, {
      ...options,
      signature: options?.signature === undefined ? gatewaySignature(federation.signingSecret(), { query, variables }) : options.signature,
    }),

  /** SQL statements a subgraph has sent since it started (its own counter, `/metrics`). */
  sqlStatements: (name: string): Promise<number> => fetchMetric(federation.subgraphUrl(name), 'sql_statements_total'),

  /** Statements a subgraph sent while `action` ran. Tests that use it must not run concurrently with others on that subgraph. */
  async countStatements(name: string, action: () => Promise<unknown>): Promise<number> {
    const before = await federation.sqlStatements(name);
    await action();
    return (await federation.sqlStatements(name)) - before;
  },
};

/** Fails with the response's errors in the message, so a failing test says why. */
export function expectData<Data>(response: GraphQLResponse<Data>): Data {
  if (response.errors?.length || !response.data) {
    throw new Error(`GraphQL errors: ${JSON.stringify(response.errors ?? 'no data')}`);
  }
  return response.data;
}

export interface TokenOptions {
  /** `null`: a token with no `exp` claim at all. */
  expiresIn?: string | number | null;
  notBefore?: string | number;
  audience?: string;
  issuer?: string;
  secret?: string;
}

/** A token as the identity provider would issue it; options make the broken ones the tests need. */
export function tokenFor(claims: TokenClaims, options: TokenOptions = {}): Promise<string> {
  let jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(options.issuer ?? 'enterprise-map-dev')
    .setAudience(options.audience ?? 'enterprise-map')
    .setIssuedAt();
  if (options.expiresIn !== null) jwt = jwt.setExpirationTime(options.expiresIn ?? '1h');
  if (options.notBefore !== undefined) jwt = jwt.setNotBefore(options.notBefore);
  return jwt.sign(new TextEncoder().encode(options.secret ?? inject('jwtSecret')));
}
