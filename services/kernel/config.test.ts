import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, parseConfig } from './config.js';

/** The README's configuration table is the newcomer's reference: it must say what config.ts reads. */
const repositoryRoot = new URL('../..', import.meta.url).pathname;
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the README configuration table', () => {
  const start = readme.indexOf('\n## Configuration');
  const end = readme.indexOf('\n## ', start + 1);
  const rows = readme
    .slice(start, end === -1 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.split('|').map((cell) => cell.trim()));
  const documented = new Map(rows.map(([, variable, defaultValue]) => [variable!.replace(/`/g, ''), defaultValue!]));

  it('lists every variable services/kernel/config.ts reads', () => {
    expect(CONFIG_VARIABLES.filter((variable) => !documented.has(variable))).toEqual([]);
  });

  it('lists no variable config.ts does not read', () => {
    expect([...documented.keys()].filter((variable) => !CONFIG_VARIABLES.includes(variable))).toEqual([]);
  });

  it("gives each variable's default as config.ts has it", () => {
    const defaults = parseConfig({}) as unknown as Record<string, unknown>;
    const wrong = CONFIG_VARIABLES.filter((variable) => {
      const value = defaults[variable];
      if (value === undefined) return false; // no default: the table says what happens instead
      const expected = variable === 'REGIONS_GEOJSON' ? relative(repositoryRoot, String(value)) : String(value);
      return !(documented.get(variable) ?? '').includes(`\`${expected}\``);
    });
    expect(wrong).toEqual([]);
  });
});

describe('SUBGRAPH_SIGNING_SECRET', () => {
  it('is required in production and optional elsewhere', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SUBGRAPH_SIGNING_SECRET is required in production/);
    expect(parseConfig({ NODE_ENV: 'production', SUBGRAPH_SIGNING_SECRET: 's'.repeat(32) }).SUBGRAPH_SIGNING_SECRET).toBe('s'.repeat(32));
    expect(parseConfig({}).SUBGRAPH_SIGNING_SECRET).toBeUndefined();
  });
});
