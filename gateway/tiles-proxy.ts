import { type IncomingMessage, request as httpRequest } from 'node:http';
import type { Config } from '../services/kernel/config.js';
import type { HttpRoutes } from '../services/kernel/http.js';
import type { Logger } from '../services/kernel/logger.js';

/** Which subgraph owns each tile layer's rows (docs/architecture.md, "Map tiles"). */
function tileOwners(config: Config): Record<string, string> {
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
 * `/tiles/{layer}…` on the gateway's port, passed byte for byte (gzip and 304 included, so not
 * compressed again) to the subgraph that owns the layer. Plain HTTP, beside whichever GraphQL
 * engine runs: tiles are not GraphQL. The subgraph builds TileJSON's URLs from x-forwarded-host,
 * i.e. the gateway's origin.
 */
export function tileProxyRoutes(config: Config, log: Logger): HttpRoutes {
  const owners = new Map(Object.entries(tileOwners(config)).map(([layer, url]) => [layer, new URL(url)]));
  const notFound = (code: string, message: string) => ({ error: { code, message } });
  return (app) => {
    app.all('/tiles/*', { compress: false }, async (request, reply) => {
      const url = new URL(request.url, 'http://localhost');
      const layer = LAYER.exec(url.pathname)?.[1];
      const owner = layer ? owners.get(layer) : undefined;
      if (!owner) {
        return reply.code(404).send(notFound('NOT_FOUND', layer ? `no tile layer named ${layer}` : `not a tile URL: ${url.pathname}`));
      }
      const headers: Record<string, string> = {
        'x-forwarded-host': request.headers.host ?? `${config.HOST}`,
        'x-forwarded-proto': String(request.headers['x-forwarded-proto'] ?? 'http'),
      };
      for (const name of FORWARDED_REQUEST_HEADERS) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const answer = await new Promise<IncomingMessage | Error>((resolve) => {
        const upstream = httpRequest(
          { hostname: owner.hostname, port: owner.port, path: `${url.pathname}${url.search}`, method: request.method, headers },
          resolve,
        );
        upstream.on('error', resolve);
        upstream.end();
      });
      if (answer instanceof Error) {
        log.warn({ err: answer, layer }, 'tile subgraph unreachable');
        return reply.code(502).send(notFound('BAD_GATEWAY', `the ${layer} tiles are unavailable`));
      }
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (typeof value === 'string') reply.header(name, value);
      }
      return reply.code(answer.statusCode ?? 502).send(answer);
    });
  };
}
