import { BREAK, visit, type ASTVisitor, type DocumentNode, type ValidationContext } from 'graphql';
import { loadConfig } from '../config.js';
import { BadInput, capText } from '../errors.js';

/**
 * Checks every request passes before GraphQL parses it or SQL sees it (docs/architecture.md,
 * errors and limits): nesting bounded before anything recurses over it (the parser, a scalar, a
 * validation rule, JSON.stringify all recurse), and no NUL character in any string, which
 * PostgreSQL's protocol cannot carry ("invalid message format"). One check for every argument
 * of every subgraph and of the gateway, instead of one per resolver.
 */

const NUL_REASON = 'must not contain a NUL character (U+0000)';

/** The deepest nesting of `{`, `[` and `(` in a GraphQL document, strings, block strings and comments skipped. */
export function documentNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (char === '#') {
      while (index < source.length && source[index] !== '\n' && source[index] !== '\r') index++;
    } else if (char === '"') {
      if (source.startsWith('"""', index)) {
        const end = source.indexOf('"""', index + 3);
        // An escaped \""" inside a block string does not close it.
        let close = end;
        while (close > 0 && source[close - 1] === '\\') close = source.indexOf('"""', close + 3);
        index = close < 0 ? source.length : close + 2;
      } else {
        index++;
        while (index < source.length && source[index] !== '"' && source[index] !== '\n') {
          if (source[index] === '\\') index++;
          index++;
        }
      }
    } else if (char === '{' || char === '[' || char === '(') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === '}' || char === ']' || char === ')') {
      depth--;
    }
  }
  return deepest;
}

/**
 * The first problem in a variables object: a value nested deeper than `maxDepth` or a string
 * with a NUL character. Walks with an explicit stack, so a hostile depth cannot overflow it.
 */
export function variablesProblem(variables: unknown, maxDepth: number): BadInput | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: variables, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return new BadInput(path || 'variables', NUL_REASON);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return new BadInput(path || 'variables', `nests deeper than ${maxDepth} levels`);
    const entries = Array.isArray(value) ? value.map((item, index) => [String(index), item] as const) : Object.entries(value);
    for (const [key, item] of entries) {
      if (key.includes('\u0000')) return new BadInput(path || 'variables', NUL_REASON);
      stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
  return null;
}

/** The first string literal with a NUL character, named by its argument path (`filter.nameContains`). */
export function literalProblem(document: DocumentNode): BadInput | null {
  const path: string[] = [];
  let problem: BadInput | null = null;
  visit(document, {
    Argument: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    ObjectField: { enter: (node) => void path.push(node.name.value), leave: () => void path.pop() },
    StringValue: {
      enter: (node) => {
        if (!node.value.includes('\u0000')) return undefined;
        problem = new BadInput(path.join('.') || 'query', NUL_REASON);
        return BREAK;
      },
    },
  });
  return problem;
}

/** The literal check as a validation rule, for the engines that validate with graphql-js rules. */
export function noNulLiteralsRule(context: ValidationContext): ASTVisitor {
  return {
    Document: {
      enter: (document) => {
        const problem = literalProblem(document);
        if (problem) context.reportError(problem);
        return false;
      },
    },
  };
}

/** A request body as GraphQL over HTTP sends it (POST JSON, or the GET query string). */
export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
}

/**
 * Why a request is refused before parsing (HTTP 400, as graphql-js's own variable errors), or
 * null: the document's nesting and the variables' nesting and strings.
 */
export function refuseHostileRequest(body: GraphQLRequestBody | null | undefined): BadInput | null {
  if (!body || typeof body !== 'object') return null;
  const maxDepth = loadConfig().MAX_NESTING_DEPTH;
  let problem: BadInput | null = null;
  if (typeof body.query === 'string') {
    if (documentNesting(body.query) > maxDepth) problem = new BadInput('query', `nests deeper than ${maxDepth} levels`);
  }
  problem ??= variablesProblem(body.variables, maxDepth);
  // A path is made of the caller's keys, which may be as long as they like.
  return problem && new BadInput(capText(problem.argument), problem.reason);
}
