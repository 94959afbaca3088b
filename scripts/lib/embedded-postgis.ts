import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface EmbeddedPostgis {
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite (Postgres compiled to WASM) with PostGIS, served over the Postgres wire protocol on a
 * free local port, so the subgraphs use exactly the `pg` code path they use against a real
 * server. PGlite is one backend: the socket server multiplexes the pools' connections onto it.
 */
export async function startEmbeddedPostgis(dataDir: string, maxConnections = 64): Promise<EmbeddedPostgis> {
  const directory = resolve(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const db = await PGlite.create({ dataDir: directory, extensions: { postgis } });
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
