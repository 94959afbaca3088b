import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { BREAK, type DocumentNode, GraphQLError, parse, visit } from 'graphql';
import { capText } from '../../services/kernel/errors.js';
import { refuseHostileRequest } from '../../services/kernel/graphql/input-guard.js';

/**
 * The kernel's pre-parse check (services/kernel/graphql/input-guard.ts) at the gateway: a
 * document or variables nested deeper than MAX_NESTING_DEPTH, or a NUL in a variable, is
 * BAD_USER_INPUT with HTTP 400 before Hive parses, validates or plans anything, so nothing
 * recurses over a hostile depth (issue 17, item 8).
 *
 * A document that does not parse, or holds a float literal no double can hold, is answered here too, as a request error of the GraphQL over
 * HTTP spec: GRAPHQL_PARSE_FAILED with its location, HTTP 400 to a client that accepts
 * application/graphql-response+json and 200 to an application/json one (Yoga reads `spec`).
 * Hive's own parse error reaches the error mapping without a code or location on some paths.
 */
/**
 * Documents that parsed, by their text: clients send the same few operations again and again, and
 * Hive parses (and caches) each one after this check, so a known document is not parsed here twice.
 * Insertion order makes the first key the oldest, dropped beyond the bound.
 */
const PARSED_DOCUMENTS_KEPT = 1_000;
const parsedDocuments = new Set<string>();

/**
 * A float literal beyond a double (`radiusKm: 1e999`) is valid GraphQL syntax, but no engine can hold
 * it: graphql-js reads it as Infinity, and the Rust planner's own parser refuses the whole document as
 * an internal error. Either way it is the caller's bad input, answered the same on every engine.
 */
function nonFiniteFloat(document: DocumentNode): string | null {
  let literal: string | null = null;
  visit(document, {
    FloatValue(node) {
      if (Number.isFinite(Number(node.value))) return undefined;
      literal = node.value;
      return BREAK;
    },
  });
  return literal;
}

function documentError(query: unknown): GraphQLError | null {
  if (typeof query !== 'string' || parsedDocuments.has(query)) return null;
  try {
    const literal = nonFiniteFloat(parse(query, { noLocation: true }));
    if (literal !== null) {
      return new GraphQLError(`a float literal must be a finite number, got ${capText(literal)}`, {
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      });
    }
    parsedDocuments.add(query);
    if (parsedDocuments.size > PARSED_DOCUMENTS_KEPT) parsedDocuments.delete(parsedDocuments.values().next().value!);
    return null;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return new GraphQLError(capText(error.message), {
      source: error.source,
      positions: error.positions,
      extensions: { code: 'GRAPHQL_PARSE_FAILED', http: { spec: true, status: 400 } },
    });
  }
}

export const refuseHostileInput: GatewayPlugin = {
  onParams({ params, setResult }) {
    const problem = refuseHostileRequest(params);
    if (problem) {
      setResult({ errors: [new GraphQLError(problem.message, { extensions: { ...problem.extensions, http: { status: 400 } } })] });
      return;
    }
    const refused = documentError(params.query);
    if (refused) setResult({ errors: [refused] });
  },
};
