import { describe, expect, it } from 'vitest';
import { federation, tokenFor } from './support/federation.js';

/**
 * Hostile input (issue 17): every malformed value gets a coded answer, BAD_USER_INPUT where the
 * value is the caller's mistake, never an HTTP 500 or INTERNAL_SERVER_ERROR, and never reaches
 * SQL. Each case is sent through the gateway and straight to the subgraph that owns the field.
 */

interface RawAnswer {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string; argument?: string } }[] };
}

/** Posts a body as given (a string may hold JSON no JavaScript value serialises to, such as 1e999). */
async function postRaw(url: string, body: string, token?: string): Promise<RawAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const text = await response.text();
  let parsed: RawAnswer['body'];
  try {
    parsed = JSON.parse(text) as RawAnswer['body'];
  } catch {
    parsed = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, body: parsed };
}

const request = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });

/** `[[[…[70, 50]…]]]`, `depth` arrays deep, as GraphQL or JSON text. */
const nestedLiteral = (depth: number) => `${'['.repeat(depth)}70, 50${']'.repeat(depth)}`;

const ENTERPRISES_IN = (area: string) => `{ enterprises(area: ${area}, first: 1) { totalCount } }`;
const ENTERPRISES_IN_VARIABLE = 'query ($area: AreaInput) { enterprises(area: $area, first: 1) { totalCount } }';

type Case = [name: string, subgraph: string, body: () => string, token?: () => Promise<string>];

const inspector = () => tokenFor({ sub: 'inspector-hostile', roles: ['inspector'], regions: ['KZ-35'] });
const INSPECT_LITERAL = (date: string) =>
  `mutation { recordInspection(input: { bin: "940140000385", inspectedOn: "${date}", kind: PLANNED, violations: 0 }) { id } }`;

const CASES: Case[] = [
  // item 5: a NUL byte cannot travel in PostgreSQL's text protocol.
  [
    'a NUL byte in nameContains (variable)',
    'enterprises',
    () => request('query ($name: String) { enterprises(filter: { nameContains: $name }, first: 1) { totalCount } }', { name: 'a\u0000b' }),
  ],
  [
    'a NUL byte in nameContains (literal)',
    'enterprises',
    () => request('{ enterprises(filter: { nameContains: "a\\u0000b" }, first: 1) { totalCount } }'),
  ],
  ['a NUL byte in a region code', 'regions', () => request('query ($code: ID!) { region(code: $code) { name } }', { code: 'KZ-\u000035' })],
  // item 6: bad scalar values are the caller's mistake.
  ['a string polygon (literal)', 'enterprises', () => request(ENTERPRISES_IN('{ polygon: "garbage" }'))],
  ['a number as GeoJSON (literal)', 'enterprises', () => request(ENTERPRISES_IN('{ polygon: 42 }'))],
  ['a string polygon (variable)', 'enterprises', () => request(ENTERPRISES_IN_VARIABLE, { area: { polygon: 'garbage' } })],
  ['a number as GeoJSON (variable)', 'enterprises', () => request(ENTERPRISES_IN_VARIABLE, { area: { polygon: 42 } })],
  ['an impossible date (literal)', 'enterprises', () => request(INSPECT_LITERAL('2026-13-45')), inspector],
  [
    'an impossible date (variable)',
    'enterprises',
    () =>
      request('mutation ($on: Date!) { recordInspection(input: { bin: "940140000385", inspectedOn: $on, kind: PLANNED, violations: 0 }) { id } }', {
        on: '2026-13-45',
      }),
    inspector,
  ],
  // item 7: 1e999 is Infinity once parsed.
  ['radiusKm: 1e999 (literal)', 'enterprises', () => request(ENTERPRISES_IN('{ near: { point: { lat: 50, lon: 70 }, radiusKm: 1e999 } }'))],
  ['lat: 1e999 (literal)', 'enterprises', () => request(ENTERPRISES_IN('{ near: { point: { lat: 1e999, lon: 70 }, radiusKm: 5 } }'))],
  ['a bbox edge of 1e999 (literal)', 'enterprises', () => request(ENTERPRISES_IN('{ bbox: { west: 1e999, south: 40, east: 80, north: 50 } }'))],
  ['simplifyMeters: 1e999 (literal)', 'regions', () => request('{ regions { boundary(simplifyMeters: 1e999) } }')],
  [
    'radiusKm: 1e999 (variable, raw JSON)',
    'enterprises',
    () => `{"query":${JSON.stringify(ENTERPRISES_IN_VARIABLE)},"variables":{"area":{"near":{"point":{"lat":50,"lon":70},"radiusKm":1e999}}}}`,
  ],
  // item 8: nesting is bounded before anything recurses over it.
  // Written by hand: JSON.stringify itself recurses and overflows at this depth.
  [
    'a polygon 5 000 arrays deep (variable)',
    'enterprises',
    () =>
      `{"query":${JSON.stringify(ENTERPRISES_IN_VARIABLE)},"variables":{"area":{"polygon":{"type":"Polygon","coordinates":${nestedLiteral(5_000)}}}}}`,
  ],
  [
    'a polygon 5 000 arrays deep (literal)',
    'enterprises',
    () => request(ENTERPRISES_IN(`{ polygon: { type: "Polygon", coordinates: ${nestedLiteral(5_000)} } }`)),
  ],
];

const ROUTES: [string, (subgraph: string) => string][] = [
  ['through the gateway', () => federation.gatewayUrl()],
  ['directly at the subgraph', (subgraph) => federation.subgraphUrl(subgraph)],
];

describe.each(ROUTES)('hostile input %s', (_route, urlOf) => {
  it.each(CASES)('answers %s with BAD_USER_INPUT', async (_case, subgraph, body, token) => {
    const answer = await postRaw(urlOf(subgraph), body(), token ? await token() : undefined);
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    const codes = (answer.body.errors ?? []).map((error) => error.extensions?.code);
    expect(codes.length, JSON.stringify(answer.body)).toBeGreaterThan(0);
    expect(codes, JSON.stringify(answer.body).slice(0, 600)).toEqual(codes.map(() => 'BAD_USER_INPUT'));
  });
});

describe('errors about a huge value', () => {
  const huge = 'K'.repeat(1_000_000);
  const cases: [string, string, () => string][] = [
    ['a 1 MB region code (variable)', 'regions', () => request('query ($code: ID!) { region(code: $code) { name } }', { code: huge })],
    ['a 1 MB region code (literal)', 'regions', () => request(`{ region(code: "${huge}") { name } }`)],
    ['a 1 MB enum literal', 'enterprises', () => request(`{ enterprises(orderBy: ${huge}, first: 1) { totalCount } }`)],
    [
      'a 1 MB string where an Int goes (variable)',
      'enterprises',
      () => request('query ($first: Int) { enterprises(first: $first) { totalCount } }', { first: huge }),
    ],
    ['a 1 MB uuid', 'enterprises', () => request('query ($id: ID!) { enterprise(id: $id) { name } }', { id: huge })],
  ];

  it.each(ROUTES.flatMap(([route, urlOf]) => cases.map(([name, subgraph, body]) => [`${name} ${route}`, urlOf(subgraph), body] as const)))(
    'repeat at most a few hundred characters of %s',
    async (_case, url, body) => {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body() });
      const text = await response.text();
      expect(text.length, text.slice(0, 300)).toBeLessThan(4_000);
      const errors = (JSON.parse(text) as RawAnswer['body']).errors ?? [];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.map((error) => error.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    },
  );
});

describe('a body over MAX_BODY_BYTES (20 MB by default)', () => {
  it.each(ROUTES)('is answered 413 with LIMIT_EXCEEDED %s', async (_route, urlOf) => {
    const body = request('query ($code: ID!) { region(code: $code) { name } }', { code: 'K'.repeat(21 * 1024 * 1024) });
    const answer = await postRaw(urlOf('regions'), body);
    expect(answer.status).toBe(413);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'bodyBytes' });
  });
});
