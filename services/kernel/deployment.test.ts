import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, parseConfig } from './config.js';

/**
 * docker-compose.yml is the production-like deployment: it must stay true to the code. Every
 * variable it sets is one config.ts reads and accepts in production, every container starts an
 * entry point the image holds, and the gateway reaches each subgraph at its container.
 */
interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
}

const root = new URL('../..', import.meta.url);
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
const appServices = Object.entries(compose.services).filter(([, service]) => service.build !== undefined);
/** The subgraphs are the folders of services/ with an entry point. */
const subgraphs = readdirSync(new URL('services', root)).filter((name) => existsSync(new URL(`services/${name}/main.ts`, root)));

/** `${NAME:-default}` becomes its default, `${NAME:?message}` (required) a value that passes every check. */
function interpolate(value: string): string {
  return String(value)
    .replace(/\$\{\w+:-([^}]*)\}/g, '$1')
    .replace(/\$\{\w+:\?[^}]*\}/g, 'f'.repeat(64));
}

describe('docker-compose.yml', () => {
  it('runs every subgraph and the gateway from the image', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual([...subgraphs, 'gateway'].sort());
    for (const [name, service] of appServices) {
      const entry = name === 'gateway' ? 'gateway/main.ts' : `services/${name}/main.ts`;
      expect(service.command, name).toEqual(['node', '--import', 'tsx', entry]);
      expect(dockerfile, `the image copies ${entry}`).toMatch(new RegExp(`^COPY ${entry.split('/')[0]} `, 'm'));
    }
  });

  it('sets only variables config.ts reads, each accepted in production', () => {
    for (const [name, service] of appServices) {
      const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(value)]));
      expect(Object.keys(environment).filter((key) => !CONFIG_VARIABLES.includes(key)), name).toEqual([]);
      expect(environment.NODE_ENV, name).toBe('production');
      // JWT_SECRET or JWKS_URL comes from the operator; one of them stands in here.
      expect(() => parseConfig({ ...environment, JWT_SECRET: 'f'.repeat(64) }), name).not.toThrow();
    }
  });

  it("points the gateway at each subgraph's container", () => {
    const environment = compose.services.gateway?.environment ?? {};
    for (const subgraph of subgraphs) {
      expect(environment[`${subgraph.toUpperCase()}_URL`], subgraph).toBe(`http://${subgraph}:4000/graphql`);
    }
  });
});
