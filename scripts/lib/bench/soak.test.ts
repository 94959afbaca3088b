import { describe, expect, it } from 'vitest';
import { createRandom, loadSettlements } from '../../../services/kernel/seed/demo-world.js';
import { DEFAULT_MIX, drawKind, drawTile, REQUEST_KINDS, type RequestKind } from './soak.js';
import { TILE_SCENARIOS } from './tiles.js';

const DRAWS = 50_000;
const settlements = await loadSettlements();

describe('the soak mix', () => {
  it('draws each kind in the share its weight per page view gives', () => {
    const mix = { ...DEFAULT_MIX, tiles: 12, cards: 2, reads: 1, writes: 0.5 };
    const random = createRandom(7);
    const counts: Record<RequestKind, number> = { tile: 0, card: 0, read: 0, write: 0 };
    for (let draw = 0; draw < DRAWS; draw++) counts[drawKind(random, mix)] += 1;
    const total = mix.tiles + mix.cards + mix.reads + mix.writes;
    const weights: Record<RequestKind, number> = { tile: mix.tiles, card: mix.cards, read: mix.reads, write: mix.writes };
    for (const kind of REQUEST_KINDS) expect(Math.abs(counts[kind] / DRAWS - weights[kind] / total), kind).toBeLessThan(0.01);
  });

  it('never draws a kind weighted zero', () => {
    const random = createRandom(7);
    const kinds = new Set(Array.from({ length: DRAWS }, () => drawKind(random, { ...DEFAULT_MIX, writes: 0 })));
    expect([...kinds].sort()).toEqual(['card', 'read', 'tile']);
  });

  it('asks every tile scenario alike, each tile within the 4 × 4 view around a city', () => {
    const random = createRandom(7);
    const byScenario = new Map<string, number>();
    const draws = 20_000;
    for (let draw = 0; draw < draws; draw++) {
      const { path, ifNoneMatch } = drawTile(random, settlements, new Map(), 1);
      expect(ifNoneMatch).toBeUndefined();
      const match = /^\/tiles\/(\w+)\/(\d+)\/(\d+)\/(\d+)\.mvt$/.exec(path)!;
      const [layer, z, x, y] = [match[1]!, Number(match[2]), Number(match[3]), Number(match[4])];
      byScenario.set(`tile-${layer}-z${z}`, (byScenario.get(`tile-${layer}-z${z}`) ?? 0) + 1);
      // Kazakhstan lies within 46–88° E, 40–56° N: a view around one of its cities stays near it.
      const scale = 2 ** z;
      expect(x).toBeGreaterThanOrEqual(Math.floor((226 / 360) * scale) - 2);
      expect(x).toBeLessThanOrEqual(Math.floor((268 / 360) * scale) + 1);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(scale / 2);
    }
    expect([...byScenario.keys()].sort()).toEqual(TILE_SCENARIOS.map((scenario) => scenario.name).sort());
    for (const count of byScenario.values()) expect(Math.abs(count / draws - 1 / TILE_SCENARIOS.length)).toBeLessThan(0.01);
  });

  it('revalidates a tile it holds an ETag for in the configured share, with that ETag', () => {
    const random = createRandom(7);
    const etags = new Map<string, string>();
    // Warm the browser cache with every tile the draws meet, each with its own ETag.
    for (let draw = 0; draw < DRAWS; draw++) {
      const { path } = drawTile(random, settlements, etags, 0);
      etags.set(path, `"etag of ${path}"`);
    }
    let revalidations = 0;
    let known = 0;
    for (let draw = 0; draw < DRAWS; draw++) {
      const tile = drawTile(random, settlements, etags, 0.3);
      if (etags.has(tile.path)) known += 1;
      if (tile.ifNoneMatch === undefined) continue;
      revalidations += 1;
      expect(tile.ifNoneMatch).toBe(etags.get(tile.path));
    }
    // The long tail of small towns' street tiles: some draws meet a tile the warm-up did not.
    expect(known / DRAWS).toBeGreaterThan(0.8);
    expect(Math.abs(revalidations / known - 0.3)).toBeLessThan(0.01);
  });
});
