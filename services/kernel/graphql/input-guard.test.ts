import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documentNesting, literalProblem, variablesProblem } from './input-guard.js';

describe('documentNesting', () => {
  it('counts braces, brackets and parentheses', () => {
    expect(documentNesting('{ a(b: { c: [[1]] }) { d } }')).toBe(5);
  });

  it('skips what strings, block strings and comments contain', () => {
    expect(documentNesting('{ a(b: "[[[[{{", c: """ ((( \\""" ((( """) # [[[[[\n }')).toBe(2);
  });
});

describe('variablesProblem', () => {
  it('names the path of a string with a NUL character', () => {
    expect(variablesProblem({ filter: { names: ['ok', 'a\u0000b'] } }, 32)?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'filter.names.1',
    });
  });

  it('refuses nesting deeper than the limit without recursing', () => {
    let deep: unknown = [1, 2];
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(variablesProblem({ area: deep }, 32)?.message).toMatch(/nests deeper than 32 levels/);
  });

  it('lets ordinary variables through', () => {
    expect(variablesProblem({ area: { polygon: { type: 'Polygon', coordinates: [[[70, 50], [71, 50], [71, 51], [70, 50]]] } } }, 32)).toBeNull();
  });
});

describe('literalProblem', () => {
  it('names the argument of a string literal with a NUL character', () => {
    expect(literalProblem(parse('{ enterprises(filter: { nameContains: "a\\u0000b" }) { totalCount } }'))?.extensions).toMatchObject({
      argument: 'filter.nameContains',
    });
  });
});
