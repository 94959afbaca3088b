import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpRoute } from '../services/kernel/http.js';

/**
 * `GET /map`: the map page, its scripts, MapLibre GL JS itself (module and worker) and the
 * graphql-ws client of its live view from node_modules, all on the gateway's origin, so the page
 * needs no network beyond it.
 */
const require = createRequire(import.meta.url);
const maplibreDist = join(dirname(require.resolve('maplibre-gl/package.json')), 'dist');
const graphqlWsUmd = join(dirname(require.resolve('graphql-ws/package.json')), 'umd');
const pageDir = fileURLToPath(new URL('./map/', import.meta.url));

interface Asset {
  contentType: string;
  body: Buffer;
}

function mapAssets(): Map<string, Asset> {
  const file = (dir: string, name: string, contentType: string): Asset => ({ contentType, body: readFileSync(join(dir, name)) });
  return new Map([
    ['/map', file(pageDir, 'index.html', 'text/html; charset=utf-8')],
    ['/map/map.js', file(pageDir, 'map.js', 'text/javascript; charset=utf-8')],
    ['/map/live.js', file(pageDir, 'live.js', 'text/javascript; charset=utf-8')],
    ['/map/map.css', file(pageDir, 'map.css', 'text/css; charset=utf-8')],
    // The live view's graphql-ws client, its browser build (a classic script defining `graphqlWs`).
    ['/map/graphql-ws.js', file(graphqlWsUmd, 'graphql-ws.min.js', 'text/javascript; charset=utf-8')],
    ['/map/maplibre-gl.mjs', file(maplibreDist, 'maplibre-gl.mjs', 'text/javascript; charset=utf-8')],
    // MapLibre resolves its worker next to its own module (new URL(…, import.meta.url)).
    ['/map/maplibre-gl-worker.mjs', file(maplibreDist, 'maplibre-gl-worker.mjs', 'text/javascript; charset=utf-8')],
    ['/map/maplibre-gl.css', file(maplibreDist, 'maplibre-gl.css', 'text/css; charset=utf-8')],
  ]);
}

export function mapPageRoute(): HttpRoute {
  const assets = mapAssets();
  return async (request, response, url) => {
    const asset = assets.get(url.pathname === '/map/' ? '/map' : url.pathname);
    if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    response.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': String(asset.body.length),
      // The page and its script change with a deploy; revalidating them costs little.
      'cache-control': 'public, max-age=300',
      'x-content-type-options': 'nosniff',
    });
    response.end(request.method === 'HEAD' ? undefined : asset.body);
    return true;
  };
}
