import { generate } from '@graphql-codegen/cli';
import { Kind, parse } from 'graphql';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { typedClientConfig } from '../clients/codegen.js';

/**
 * `npm run codegen:check` (CI): the typed client a frontend would generate, shown working.
 * Every ```graphql operation of README.md goes into a temp folder, GraphQL Code Generator's
 * client preset (clients/codegen.ts) generates the client from schema/api.graphql, and
 * `tsc --strict` type-checks it together with clients/apollo-type-policies.ts and a small
 * program that sends two of the operations through Apollo Client. Fails on any error.
 */
const root = resolve(import.meta.dirname, '..');
const workspace = await mkdtemp(join(tmpdir(), 'emap-codegen-'));
const keep = process.argv.includes('--keep');

try {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```graphql\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
  if (blocks.length === 0) throw new Error('README.md has no ```graphql blocks');

  const operations: { name: string; kind: 'query' | 'mutation' | 'subscription' }[] = [];
  await mkdir(join(workspace, 'operations'));
  for (const block of blocks) {
    const operation = parse(block).definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (!operation?.name) throw new Error(`a README block has no named operation:\n${block}`);
    operations.push({ name: operation.name.value, kind: operation.operation });
    await writeFile(join(workspace, 'operations', `${operation.name.value}.graphql`), block);
  }

  // Quiet: the generator's progress lines are not the result; its errors are thrown.
  await generate(
    {
      ...typedClientConfig({
        schema: join(root, 'schema/api.graphql'),
        documents: join(workspace, 'operations/*.graphql'),
        outputDirectory: join(workspace, 'gql'),
      }),
      silent: true,
      errorsOnly: true,
    },
    true,
  );

  const suffix = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' } as const;
  const program = `import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Geometry } from 'geojson';
import { typePolicies } from '${join(root, 'clients/apollo-type-policies')}';
import {
${operations.map((operation) => `  ${operation.name}Document,`).join('\n')}
} from './gql/graphql';
import type {
${operations.map((operation) => `  ${operation.name}${suffix[operation.kind]},\n  ${operation.name}${suffix[operation.kind]}Variables,`).join('\n')}
} from './gql/graphql';

const client = new ApolloClient({
  link: new HttpLink({ uri: 'http://127.0.0.1:4000/graphql' }),
  cache: new InMemoryCache({ typePolicies }),
});

/** Every README operation is a typed document: its result and variables types line up. */
export const documents = {
${operations
  .map(
    (operation) =>
      `  ${operation.name}: ${operation.name}Document satisfies TypedDocumentNode<${operation.name}${suffix[operation.kind]}, ${operation.name}${suffix[operation.kind]}Variables>,`,
  )
  .join('\n')}
};

export async function regionAtKaraganda(): Promise<{ code: string; boundary: Geometry } | null> {
  const { data } = await client.query({ query: RegionAtPointDocument });
  const region = data?.regionAt;
  return region ? { code: region.code, boundary: region.boundary } : null;
}

export async function workplaceCountOfFirstCard(): Promise<number | null> {
  const { data } = await client.query({ query: AnonymousEnterpriseCardDocument });
  const card = data?.enterprises.edges[0]?.node;
  // @ts-expect-error workplaces is null for a caller who may not see it: strict mode insists on the check
  const unchecked: number = card.workplaces.length;
  void unchecked;
  return card?.workplaces?.length ?? null;
}
`;
  await writeFile(join(workspace, 'program.ts'), program);
  await symlink(join(root, 'node_modules'), join(workspace, 'node_modules'), 'dir');
  await writeFile(
    join(workspace, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        noUncheckedIndexedAccess: true,
        noUnusedLocals: true,
        isolatedModules: true,
        verbatimModuleSyntax: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      include: ['program.ts', 'gql/**/*.ts'],
    }),
  );
  execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(workspace, 'tsconfig.json'), '--strict'], { stdio: 'inherit' });
  console.log(`typed client for ${operations.length} README operations generated and type-checked under --strict`);
} finally {
  if (keep) console.log(`kept ${workspace}`);
  else await rm(workspace, { recursive: true, force: true });
}
