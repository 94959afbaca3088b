import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { reloadConfig } from '../../services/kernel/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    subgraphUrls: Record<string, string>;
    databaseUrl: string;
    jwtSecret: string;
    /** What the gateway signs its subgraph requests with (kernel/gateway-signature.ts). */
    signingSecret: string;
    /** The PostgreSQL server the run was given (DATABASE_URL), empty on the embedded database. */
    databaseServerUrl: string;
  }
}

/**
 * Starts the whole federation once for the test run: on a brand-new database created next to
 * DATABASE_URL (real PostGIS, as in CI), or on the embedded PGlite + PostGIS in a temp folder
 * when no DATABASE_URL is set. Nothing is mocked.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  process.env.LOG_LEVEL ??= 'warn';
  process.env.NODE_ENV ??= 'test';
  process.env.JWT_SECRET ??= randomBytes(32).toString('hex');
  process.env.SUBGRAPH_SIGNING_SECRET ??= randomBytes(32).toString('hex');
  delete process.env.JWKS_URL;
  const cleanups: (() => Promise<void>)[] = [];

  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const databaseName = `emap_test_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${databaseName}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    process.env.DATABASE_URL = url.toString();
    cleanups.push(async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${databaseName} with (force)`);
      await client.end();
    });
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'emap-test-'));
    process.env.DATA_DIR = dataDir;
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  }
  reloadConfig();

  const { startFederation } = await import('../../scripts/start.js');
  const federation = await startFederation({ gatewayPort: 0, subgraphPorts: [0, 0, 0, 0, 0] });
  project.provide('gatewayUrl', federation.gatewayUrl);
  project.provide('subgraphUrls', Object.fromEntries(federation.subgraphs.map((subgraph) => [subgraph.name, subgraph.url])));
  project.provide('databaseUrl', process.env.DATABASE_URL ?? '');
  project.provide('jwtSecret', process.env.JWT_SECRET!);
  project.provide('signingSecret', process.env.SUBGRAPH_SIGNING_SECRET!);
  project.provide('databaseServerUrl', serverUrl ?? '');

  return async () => {
    await federation.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
}
