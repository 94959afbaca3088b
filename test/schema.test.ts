import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderSchemaFiles } from '../scripts/schema.js';

describe('checked-in schema artifacts', () => {
  it('match the SDL printed from code and the supergraph composed from it, with no unaccepted hints', async () => {
    // renderSchemaFiles throws on a composition error or an unaccepted hint.
    const rendered = await renderSchemaFiles();
    expect([...rendered.keys()]).toContain('schema/supergraph.graphql');
    for (const [path, content] of rendered) {
      expect(await readFile(path, 'utf8'), `${path} is stale: run npm run schema`).toBe(content);
    }
  });
});
