import { readFileSync } from 'node:fs';
import { buildSchema, Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { federation } from './support/federation.js';

/**
 * The README is documentation a newcomer pastes from: its GraphQL examples must be operations
 * the schema accepts, and what it says the server answers must be what the server answers. New
 * sections (and their ```graphql blocks) are picked up without touching this file. The
 * configuration table is checked by services/kernel/config.test.ts.
 */

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const apiSchema = buildSchema(readFileSync(new URL('../schema/api.graphql', import.meta.url), 'utf8'));

interface FencedBlock {
  language: string;
  body: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const opening = /^```(\w*)\s*$/.exec(lines[index]!);
    if (!opening) continue;
    const start = index;
    const body: string[] = [];
    for (index += 1; index < lines.length && !/^```\s*$/.test(lines[index]!); index += 1) body.push(lines[index]!);
    blocks.push({ language: opening[1]!, body: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** The problems of one README block: not exactly one named operation, or not valid against the schema. */
function problemsOf(source: string, schema: GraphQLSchema): string[] {
  let document: DocumentNode;
  try {
    document = parse(source);
  } catch (error) {
    return [`does not parse: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const others = document.definitions.filter(
    (definition) => definition.kind !== Kind.OPERATION_DEFINITION && definition.kind !== Kind.FRAGMENT_DEFINITION,
  );
  if (operations.length !== 1) problems.push(`holds ${operations.length} operations, not one`);
  if (others.length > 0) problems.push('holds type-system definitions');
  for (const operation of operations) if (!operation.name) problems.push('has an anonymous operation');
  problems.push(...validate(schema, document).map((error) => error.message));
  return problems;
}

const graphqlBlocks = fencedBlocks(readme).filter((block) => block.language === 'graphql');

/** The operation's name when the block parses and has one, else where it is. */
function labelOf(block: FencedBlock): string {
  try {
    return operationOf(block).name?.value ?? `the block at line ${block.line}`;
  } catch {
    return `the block at line ${block.line}`;
  }
}

function operationOf(block: FencedBlock): OperationDefinitionNode {
  const operation = parse(block.body).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!operation) throw new Error(`README line ${block.line}: no operation`);
  return operation;
}

describe('the README GraphQL examples', () => {
  it('has examples to check', () => {
    expect(graphqlBlocks.length).toBeGreaterThanOrEqual(10);
  });

  it.each(graphqlBlocks.map((block) => [labelOf(block), block] as const))(
    '%s is one named operation valid against schema/api.graphql',
    (_label, block) => {
      expect(problemsOf(block.body, apiSchema)).toEqual([]);
    },
  );

  it('names every operation differently, as a generated client needs', () => {
    const names = graphqlBlocks.map((block) => operationOf(block).name?.value);
    expect(new Set(names).size).toBe(names.length);
  });

  it('would catch a field the schema does not have, an anonymous operation and two operations in a block', () => {
    expect(problemsOf('query Bad { regions { code population2026 } }', apiSchema).join()).toMatch(/population2026/);
    expect(problemsOf('{ regions { code } }', apiSchema)).toContain('has an anonymous operation');
    expect(problemsOf('query A { regions { code } } query B { regions { code } }', apiSchema)).toContain('holds 2 operations, not one');
  });

  it('shows the error code the server gives an anonymous caller for a protected field', async () => {
    const blockIndex = graphqlBlocks.findIndex((block) => operationOf(block).name?.value === 'AnonymousEnterpriseCard');
    expect(blockIndex).toBeGreaterThanOrEqual(0);
    const block = graphqlBlocks[blockIndex]!;
    const all = fencedBlocks(readme);
    const answerBlock = all[all.findIndex((candidate) => candidate.line === block.line) + 1]!;
    expect(answerBlock.language).toBe('json');
    const documented = JSON.parse(answerBlock.body) as { errors: { path: (string | number)[]; extensions: { code: string } }[] };

    const answer = await federation.query(block.body);
    expect(answer.errors?.map((error) => ({ path: error.path, code: error.extensions?.code }))).toEqual(
      documented.errors.map((error) => ({ path: error.path, code: error.extensions.code })),
    );
  });
});
