import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gateway → subgraph request signatures (docs/architecture.md §5): the gateway signs every
 * subgraph request with SUBGRAPH_SIGNING_SECRET, and a subgraph answers a request that mentions
 * `_entities` only when the signature matches, so representations (input the gateway built from
 * other subgraphs' answers) cannot be sent by anyone else. The caller's token is still verified
 * by the subgraph itself: the signature says who built the request, not who asked.
 *
 * The format is Hive Gateway's `hmacSignature` (@graphql-mesh/hmac-upstream-signature): base64
 * HMAC-SHA256 of the key-sorted JSON of `{ query, variables }` (variables left out when empty),
 * in the request's `extensions["hmac-signature"]`; @apollo/gateway's data source signs the same way.
 */
export const SIGNATURE_EXTENSION = 'hmac-signature';

/**
 * JSON with object keys sorted, as json-stable-stringify writes it (the signed text). Written as
 * loops over one string: a fan-out's 500 representations are signed and checked on every request.
 */
export function stableJson(value: unknown): string {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return stableJson((value as { toJSON(): unknown }).toJSON());
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) text += ',';
      text += value[index] === undefined ? 'null' : stableJson(value[index]);
    }
    return `${text}]`;
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let text = '{';
    for (const key of Object.keys(record).sort()) {
      if (record[key] === undefined) continue;
      if (text.length > 1) text += ',';
      text += `${JSON.stringify(key)}:${stableJson(record[key])}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface SignedRequest {
  query?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export function gatewaySignature(secret: string, request: SignedRequest): string {
  const variables = request.variables && typeof request.variables === 'object' && Object.keys(request.variables).length > 0 ? request.variables : undefined;
  return createHmac('sha256', secret).update(stableJson({ query: request.query, variables })).digest('base64');
}

/**
 * The requests a subgraph answers only when signed: those whose document mentions `_entities`.
 * The gateways sign exactly these (signing the rest would be work no subgraph checks).
 */
export function asksForEntities(query: unknown): query is string {
  return typeof query === 'string' && query.includes('_entities');
}

/**
 * Null when the request may be answered: it does not mention `_entities`, or it carries the
 * gateway's signature of exactly this query and these variables.
 */
export function refuseUnsignedEntities(request: SignedRequest, secret: string): { message: string; extensions: { code: string } } | null {
  if (!asksForEntities(request.query)) return null;
  const given = (request.extensions as Record<string, unknown> | undefined)?.[SIGNATURE_EXTENSION];
  const expected = Buffer.from(gatewaySignature(secret, request), 'base64');
  const actual = typeof given === 'string' ? Buffer.from(given, 'base64') : Buffer.alloc(0);
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) return null;
  return {
    message: '_entities is answered only to the gateway: the request carries no valid gateway signature',
    extensions: { code: 'FORBIDDEN' },
  };
}
