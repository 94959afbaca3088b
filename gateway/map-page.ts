import fastifyStatic from '@fastify/static';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRoutes } from '../services/kernel/http.js';

/**
 * `GET /map`: the map page, its scripts, MapLibre GL JS itself (module and worker) and the
 * graphql-ws client of its live view from node_modules, all on the gateway's origin, so the page
 * needs no network beyond it.
 */
const require = createRequire(import.meta.url);
const maplibreDist = join(dirname(require.resolve('maplibre-gl/package.json')), 'dist');
const graphqlWsUmd = join(dirname(require.resolve('graphql-ws/package.json')), 'umd');
const pageDir = fileURLToPath(new URL('./map/', import.meta.url));

/**
 * The files under /map/ (`/` is the page): the page's own, then MapLibre's (it resolves its worker
 * next to its own module), and the browser build of graphql-ws (a classic script defining `graphqlWs`).
 */
const SERVED = new Set([
  '/',
  '/index.html',
  '/map.js',
  '/live.js',
  '/map.css',
  '/maplibre-gl.mjs',
  '/maplibre-gl-worker.mjs',
  '/maplibre-gl.css',
  '/graphql-ws.min.js',
]);

export function mapPageRoutes(): HttpRoutes {
  return async (app) => {
    await app.register(fastifyStatic, {
      root: [pageDir, maplibreDist],
      prefix: '/map/',
      allowedPath: (path) => SERVED.has(path),
      // The page and its scripts change with a deploy; revalidating them costs little.
      maxAge: 300_000,
      setHeaders: (reply) => reply.header('x-content-type-options', 'nosniff'),
    });
    app.get('/map', (_request, reply) => reply.sendFile('/index.html', pageDir));
    app.get('/map/graphql-ws.js', (_request, reply) => reply.sendFile('/graphql-ws.min.js', graphqlWsUmd));
  };
}
