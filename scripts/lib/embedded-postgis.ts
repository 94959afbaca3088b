import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgis {
  url: string;
  close(): Promise<void>;
}

const repositoryRoot = resolve(import.meta.dirname, '../..');

/**
 * Where the prepared data directory lives: beside the installed packages it was made with, so a
 * new install (other PGlite or PostGIS versions) makes a new one. Never committed.
 */
async function templatePath(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(repositoryRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const versions = ['@electric-sql/pglite', '@electric-sql/pglite-postgis'].map((name) => manifest.dependencies[name] ?? 'unknown');
  return join(repositoryRoot, 'node_modules/.cache/enterprise-map', `pglite-${versions[0]}-postgis-${versions[1]}.tgz`);
}

/**
 * A new embedded database starts from a prepared data directory: PGlite's initdb followed by
 * `create extension postgis` costs most of a first start (about 13 s of CPU here; 50 s on a
 * loaded machine), loading the same cluster from a tarball a fifth of that. The first start on
 * an install makes the tarball (dumpDataDir), every later new DATA_DIR loads it (loadDataDir).
 */
async function openNewDatabase(directory: string): Promise<PGlite> {
  const template = await templatePath();
  if (existsSync(template)) {
    try {
      const tarball = new Blob([await readFile(template)]);
      return await PGlite.create({ dataDir: directory, extensions: { postgis }, loadDataDir: tarball });
    } catch {
      // A damaged tarball: forget it and the half-loaded directory, and make both anew.
      await rm(template, { force: true });
      await rm(directory, { recursive: true, force: true });
      await mkdir(directory, { recursive: true });
    }
  }
  const db = await PGlite.create({ dataDir: directory, extensions: { postgis } });
  await db.exec('create extension if not exists postgis');
  const dump = await db.dumpDataDir('gzip');
  await mkdir(join(template, '..'), { recursive: true });
  // Written aside and renamed: a concurrent start never reads half a tarball.
  const partial = `${template}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, template);
  return db;
}

/**
 * PGlite (Postgres compiled to WASM) with PostGIS, served over the Postgres wire protocol on a
 * free local port, so the subgraphs use exactly the `pg` code path they use against a real
 * server. PGlite is one backend: the socket server multiplexes the pools' connections onto it.
 */
export async function startEmbeddedPostgis(dataDir: string, maxConnections = 64): Promise<EmbeddedPostgis> {
  const directory = resolve(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const db = existsSync(join(directory, 'PG_VERSION'))
    ? await PGlite.create({ dataDir: directory, extensions: { postgis } })
    : await openNewDatabase(directory);
  await db.exec('create extension if not exists postgis');
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}
