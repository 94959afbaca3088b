import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { constants as zlib, gzipSync } from 'node:zlib';
import { ConcurrencyGate, GateFull } from '../concurrency-gate.js';
import { loadConfig } from '../config.js';
import type { EntityManager } from '../db.js';
import { DomainError } from '../errors.js';
import type { HttpRoutes } from '../http.js';
import type { Logger } from '../logger.js';
import { ResultCache } from '../result-cache.js';
import { KAZAKHSTAN_BOUNDS, KAZAKHSTAN_CENTER, parseTileAddress, type TileAddress } from './grid.js';
import { encodeTile, type TileFeature } from './mvt.js';
import { MAX_TILE_BYTES, type EncodedLayer } from './points.js';

/** The attribution every layer carries: the region boundaries and the basemap drawn from them are OpenStreetMap data (data/README.md). */
const TILE_ATTRIBUTION = '© OpenStreetMap contributors';
const TILE_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';
const MAX_COARSER_STEPS = 3;

/**
 * One vector-tile layer of the subgraph that owns its rows (docs/architecture.md, "Map tiles"):
 * a function of (z, x, y, filter) returning features, and what TileJSON says about it.
 */
export interface TileLayer<Filter = unknown> {
  name: string;
  description: string;
  minzoom: number;
  maxzoom: number;
  /** TileJSON `vector_layers[].fields`: property name → what it holds. */
  fields: Record<string, string>;
  /** Query parameters → the validated filter (BadInput naming the parameter otherwise). */
  parseFilter(params: URLSearchParams, today: string): Filter;
  /**
   * The layer's features, or its bytes when the database encoded them (ST_AsMVT: point layers on
   * a PostGIS with protobuf-c). `coarser` > 0 asks a point layer for bigger groups: the tile came
   * out over MAX_TILE_BYTES.
   */
  features(em: EntityManager, tile: TileAddress, filter: Filter, coarser: number): Promise<TileFeature[] | EncodedLayer>;
}

/** A layer with its filter type erased, for a subgraph's list of layers (the filter only travels between its own two functions). */
export function tileLayer<Filter>(layer: TileLayer<Filter>): TileLayer<unknown> {
  return layer as TileLayer<unknown>;
}

interface EncodedTile {
  body: Buffer;
  /** Compressed on the first request that accepts gzip, then kept with the tile. */
  gzipped?: Buffer;
  etag: string;
  features: number;
}

export interface TileService {
  routes: HttpRoutes;
  /** The subgraph's data changed (a mutation or a job ran here): the next request recomputes every tile. */
  changed(): void;
}

function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

function sendError(reply: FastifyReply, status: number, code: string, message: string, argument?: string): FastifyReply {
  return sendJson(reply, status, { error: { code, message, ...(argument ? { argument } : {}) } });
}

/** The public origin the client used: the gateway forwards its own Host (x-forwarded-host) when it proxies. */
function publicOrigin(headers: IncomingHttpHeaders): string {
  const header = (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();
  };
  return `${header('x-forwarded-proto') ?? 'http'}://${header('x-forwarded-host') ?? header('host') ?? 'localhost'}`;
}

function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  return /\bgzip\b/.test(String(headers['accept-encoding'] ?? ''));
}

function etagMatches(headers: IncomingHttpHeaders, etag: string): boolean {
  const header = headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

const TILE_PATH = /^\/tiles\/([A-Za-z0-9_-]+)\/([^/]+)\/([^/]+)\/([^/]+)\.mvt$/;
const TILEJSON_PATH = /^\/tiles\/([A-Za-z0-9_-]+)\.json$/;

/**
 * `/tiles/{layer}.json` (TileJSON 3.0.0) and `/tiles/{layer}/{z}/{x}/{y}.mvt` for the given
 * layers. Encoded tiles are kept in memory keyed by layer, address and filter for at most
 * TILE_CACHE_SECONDS (within TILE_CACHE_MEGABYTES) and dropped whenever `changed()` is called, so a write through this
 * instance shows in its next tile and one through another instance within that time. The
 * ETag is a hash of the bytes: a client's If-None-Match gets 304 until the tile really changes.
 */
export function createTileService(layers: readonly TileLayer<unknown>[], em: () => EntityManager, log: Logger, today: () => string): TileService {
  const config = loadConfig();
  // Half fresh, half served stale while one refresh runs: no tile is older than TILE_CACHE_SECONDS.
  const halfLifeMs = (config.TILE_CACHE_SECONDS * 1000) / 2;
  const cache = new ResultCache<EncodedTile>({
    ttlMs: halfLifeMs,
    staleMs: halfLifeMs,
    maxEntries: config.TILE_CACHE_ENTRIES,
    maxWeight: config.TILE_CACHE_MEGABYTES * 1024 * 1024,
    // The gzipped copy is made later and is never bigger than the tile: counted up front.
    weigh: (tile) => 2 * tile.body.length,
  });
  const byName = new Map(layers.map((layer) => [layer.name, layer]));
  // One slot more than the cores: a tile spends part of its turn outside the database (sending, hashing).
  const makers = new ConcurrencyGate(config.TILE_CONCURRENCY || availableParallelism() + 1, config.TILE_QUEUE_LIMIT);

  const encode = async (layer: TileLayer<unknown>, tile: TileAddress, filter: unknown): Promise<EncodedTile> => {
    const started = performance.now();
    const make = async (coarser: number) => {
      const made = await layer.features(em(), tile, filter, coarser);
      if (Array.isArray(made)) return { body: Buffer.from(encodeTile([{ name: layer.name, features: made }])), features: made.length };
      return { body: Buffer.from(made.mvt), features: made.features };
    };
    let { body, features } = await make(0);
    for (let coarser = 1; body.length > MAX_TILE_BYTES && coarser <= MAX_COARSER_STEPS; coarser++) ({ body, features } = await make(coarser));
    if (body.length > MAX_TILE_BYTES) log.warn({ layer: layer.name, ...tile, bytes: body.length }, 'tile over the byte limit at its coarsest');
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    log.debug({ layer: layer.name, ...tile, features, bytes: body.length, ms: Math.round(performance.now() - started) }, 'tile encoded');
    return { body, etag, features };
  };

  const tileJson = (headers: IncomingHttpHeaders, layer: TileLayer<unknown>, search: string) => ({
    tilejson: '3.0.0',
    name: layer.name,
    description: layer.description,
    attribution: TILE_ATTRIBUTION,
    scheme: 'xyz',
    tiles: [`${publicOrigin(headers)}/tiles/${layer.name}/{z}/{x}/{y}.mvt${search}`],
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    bounds: [...KAZAKHSTAN_BOUNDS],
    center: [...KAZAKHSTAN_CENTER],
    vector_layers: [{ id: layer.name, description: layer.description, minzoom: layer.minzoom, maxzoom: layer.maxzoom, fields: layer.fields }],
  });

  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const url = new URL(request.url, 'http://localhost');
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(reply, 405, 'METHOD_NOT_ALLOWED', 'tiles are read with GET');
    const tileMatch = TILE_PATH.exec(url.pathname);
    const jsonMatch = tileMatch ? null : TILEJSON_PATH.exec(url.pathname);
    const layerName = tileMatch?.[1] ?? jsonMatch?.[1];
    const layer = layerName ? byName.get(layerName) : undefined;
    if (!layer) return sendError(reply, 404, 'NOT_FOUND', layerName ? `no tile layer named ${layerName}` : `not a tile URL: ${url.pathname}`);
    try {
      const filter = layer.parseFilter(url.searchParams, today());
      if (jsonMatch) return sendJson(reply, 200, tileJson(request.headers, layer, url.search));
      const tile = parseTileAddress(tileMatch![2]!, tileMatch![3]!, tileMatch![4]!);
      const key = `${layer.name}/${tile.z}/${tile.x}/${tile.y}?${JSON.stringify(filter)}`;
      const encoded = await cache.get(key, () => makers.run(() => encode(layer, tile, filter)));
      const headers: Record<string, string> = {
        'content-type': TILE_CONTENT_TYPE,
        etag: encoded.etag,
        // Revalidate every time: a 304 is cheap, and the map must show a write at once (docs/architecture.md §12).
        'cache-control': 'public, max-age=0, must-revalidate',
        vary: 'Accept-Encoding',
      };
      if (etagMatches(request.headers, encoded.etag)) return reply.code(304).headers(headers).send();
      const gzip = acceptsGzip(request.headers);
      // Fastify leaves a HEAD answer's body out itself.
      if (!gzip) return reply.headers(headers).send(encoded.body);
      // The fastest level: a city tile in half the time of the default, 4–8 % bigger (docs/architecture.md §12).
      encoded.gzipped ??= gzipSync(encoded.body, { level: zlib.Z_BEST_SPEED });
      return reply.headers({ ...headers, 'content-encoding': 'gzip' }).send(encoded.gzipped);
    } catch (error) {
      if (error instanceof GateFull) {
        log.warn({ layer: layer.name, waiting: error.waiting }, 'tile queue full');
        reply.header('retry-after', '1');
        return sendError(reply, 503, 'SERVICE_UNAVAILABLE', `too many tiles waiting to be made (${error.waiting}); retry in a second`);
      }
      if (error instanceof DomainError) {
        const argument = typeof error.extensions.argument === 'string' ? error.extensions.argument : undefined;
        return sendError(reply, 400, error.code, error.message, argument);
      }
      throw error;
    }
  };
  // Every method on /tiles/: a write is answered 405, not 404. Already compressed where asked.
  const routes: HttpRoutes = (app) => {
    app.all('/tiles/*', { compress: false }, serve);
  };
  return { routes, changed: () => cache.clear() };
}
