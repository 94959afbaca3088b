import { request as httpRequest } from 'node:http';
import type { Config } from '../services/kernel/config.js';
import type { HttpRoute } from '../services/kernel/http.js';
import type { Logger } from '../services/kernel/logger.js';

/** Which subgraph owns each tile layer's rows (docs/architecture.md, "Map tiles"). */
export function tileOwners(config: Config): Record<string, string> {
  return {
    regions: config.REGIONS_URL,
    enterprises: config.ENTERPRISES_URL,
    vacancies: config.VACANCIES_URL,
    zones: config.RESETTLEMENT_URL,
    projects: config.PROJECTS_URL,
  };
}

const LAYER = /^\/tiles\/([A-Za-z0-9_-]+)(?:\.json$|\/)/;
const FORWARDED_REQUEST_HEADERS = ['accept-encoding', 'if-none-match', 'x-request-id'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-encoding', 'content-length', 'etag', 'cache-control', 'vary'];

/**
 * `/tiles/{layer}…` on the gateway's port, passed byte for byte (gzip and 304 included) to the
 * subgraph that owns the layer. Plain HTTP, beside whichever GraphQL engine runs: tiles are not
 * GraphQL. The subgraph builds TileJSON's URLs from x-forwarded-host, i.e. the gateway's origin.
 */
export function tileProxyRoute(config: Config, log: Logger): HttpRoute {
  const owners = new Map(Object.entries(tileOwners(config)).map(([layer, url]) => [layer, new URL(url)]));
  return async (request, response, url) => {
    if (!url.pathname.startsWith('/tiles/')) return false;
    const layer = LAYER.exec(url.pathname)?.[1];
    const owner = layer ? owners.get(layer) : undefined;
    if (!owner) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 'NOT_FOUND', message: layer ? `no tile layer named ${layer}` : `not a tile URL: ${url.pathname}` } }));
      return true;
    }
    const headers: Record<string, string> = {
      'x-forwarded-host': request.headers.host ?? `${config.HOST}`,
      'x-forwarded-proto': String(request.headers['x-forwarded-proto'] ?? 'http'),
    };
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    await new Promise<void>((resolve) => {
      const upstream = httpRequest(
        { hostname: owner.hostname, port: owner.port, path: `${url.pathname}${url.search}`, method: request.method, headers },
        (answer) => {
          const out: Record<string, string> = {};
          for (const name of FORWARDED_RESPONSE_HEADERS) {
            const value = answer.headers[name];
            if (typeof value === 'string') out[name] = value;
          }
          response.writeHead(answer.statusCode ?? 502, out);
          answer.pipe(response);
          answer.on('end', resolve);
          answer.on('error', () => resolve());
        },
      );
      upstream.on('error', (error) => {
        log.warn({ err: error, layer }, 'tile subgraph unreachable');
        if (!response.headersSent) {
          response.writeHead(502, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: `the ${layer} tiles are unavailable` } }));
        } else response.end();
        resolve();
      });
      upstream.end();
    });
    return true;
  };
}
