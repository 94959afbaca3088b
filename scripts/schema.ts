import { readFile, writeFile } from 'node:fs/promises';
import { composeSupergraph, printSubgraph } from '../gateway/compose.js';
import { SUBGRAPHS } from './subgraphs.js';

/**
 * `npm run schema` prints every subgraph's SDL, the composed supergraph and the client-facing API
 * schema into schema/;
 * `--check` writes nothing and fails when any checked-in file differs (CI runs it).
 */
export async function renderSchemaFiles(): Promise<Map<string, string>> {
  const printed = await Promise.all(SUBGRAPHS.map(async (subgraph) => printSubgraph(subgraph.name, await subgraph.buildSchema())));
  const files = new Map(printed.map(({ name, sdl }) => [`schema/${name}.graphql`, `${sdl.trimEnd()}\n`]));
  const composed = composeSupergraph(printed);
  files.set('schema/supergraph.graphql', `${composed.supergraphSdl.trimEnd()}\n`);
  files.set('schema/api.graphql', `${composed.apiSdl.trimEnd()}\n`);
  return files;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const stale: string[] = [];
  for (const [path, content] of await renderSchemaFiles()) {
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current === content) continue;
    if (check) stale.push(path);
    else await writeFile(path, content);
  }
  if (stale.length > 0) {
    console.error(`stale schema files (run npm run schema): ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(check ? 'schema files are up to date' : 'schema files written');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
