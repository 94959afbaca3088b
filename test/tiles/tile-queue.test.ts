import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reloadConfig } from '../../services/kernel/config.js';
import { logger } from '../../services/kernel/logger.js';
import { createTileService, type TileLayer } from '../../services/kernel/tiles/service.js';
import type { TileFeature } from '../../services/kernel/tiles/mvt.js';
import { decode } from './support.js';

/**
 * The tile service's admission (docs/architecture.md §12, "Tiles wait their turn"), on a layer
 * whose tiles the test finishes by hand: one made at a time, one waiting, the next refused with
 * a 503 that names the reason; the waiting one is made once the first is done.
 */
describe('tiles wait their turn', () => {
  const pending: ((features: TileFeature[]) => void)[] = [];
  const made: number[] = [];
  const layer: TileLayer<unknown> = {
    name: 'probe',
    description: 'points the test releases',
    minzoom: 0,
    maxzoom: 14,
    fields: { n: 'Number' },
    parseFilter: () => ({}),
    features: (_em, tile) =>
      new Promise((resolve) => {
        made.push(tile.x);
        pending.push(resolve);
      }),
  };
  const app = Fastify();

  beforeAll(async () => {
    // This file runs in its own process (vitest's forks pool), so its settings stay here.
    Object.assign(process.env, { TILE_CONCURRENCY: '1', TILE_QUEUE_LIMIT: '1', TILE_CACHE_SECONDS: '0' });
    reloadConfig();
    const service = createTileService([layer], () => ({}) as never, logger('tile-queue-test'), () => '2026-12-02');
    await service.routes(app);
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('makes one tile at a time, queues one, refuses the next with 503 and Retry-After', async () => {
    const first = app.inject({ method: 'GET', url: '/tiles/probe/1/0/0.mvt' });
    const second = app.inject({ method: 'GET', url: '/tiles/probe/1/1/0.mvt' });
    await expect.poll(() => made).toEqual([0]);

    const refused = await app.inject({ method: 'GET', url: '/tiles/probe/1/0/1.mvt' });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('too many tiles waiting') } });
    expect(made).toEqual([0]);

    pending[0]!([{ geometry: { type: 'point', points: [[10, 20]] }, properties: { n: 1 } }]);
    const firstAnswer = await first;
    expect(firstAnswer.statusCode).toBe(200);
    expect(decode(firstAnswer.rawPayload, 'probe').map((feature) => feature.properties)).toEqual([{ n: 1 }]);

    // The queued tile is made once the first is done; then the gate takes new tiles again.
    await expect.poll(() => made).toEqual([0, 1]);
    pending[1]!([]);
    expect((await second).statusCode).toBe(200);
    const again = app.inject({ method: 'GET', url: '/tiles/probe/1/0/1.mvt' });
    await expect.poll(() => made).toEqual([0, 1, 0]);
    pending[2]!([]);
    expect((await again).statusCode).toBe(200);
  });
});
