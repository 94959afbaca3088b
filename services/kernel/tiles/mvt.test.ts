import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { tileBounds, tileOf, tilesCovering } from './grid.js';
import { encodeTile, TILE_EXTENT } from './mvt.js';

function decode(bytes: Uint8Array, layer: string) {
  const found = new VectorTile(new PbfReader(bytes)).layers[layer]!;
  return Array.from({ length: found.length }, (_, index) => found.feature(index));
}

describe('the MVT encoder, read back by @mapbox/vector-tile', () => {
  it('writes points with typed properties and leaves out null ones', () => {
    const bytes = encodeTile([
      {
        name: 'things',
        features: [
          { geometry: { type: 'point', points: [[10, 20]] }, properties: { name: 'Шахта №1', count: 3, delta: -7, share: 0.25, open: true, gone: null } },
          { geometry: { type: 'point', points: [[4095, 0]] }, properties: { name: 'second', count: 3 } },
        ],
      },
    ]);
    const [first, second] = decode(bytes, 'things');
    expect(first!.type).toBe(1);
    expect(first!.extent).toBe(TILE_EXTENT);
    expect(first!.properties).toEqual({ name: 'Шахта №1', count: 3, delta: -7, share: 0.25, open: true });
    expect(first!.loadGeometry()).toEqual([[{ x: 10, y: 20 }]]);
    expect(second!.loadGeometry()).toEqual([[{ x: 4095, y: 0 }]]);
    expect(second!.properties).toEqual({ name: 'second', count: 3 });
  });

  it('writes polygons with clockwise exterior rings and counter-clockwise holes, whatever order they came in', () => {
    const counterClockwiseSquare: [number, number][] = [[0, 0], [0, 100], [100, 100], [100, 0], [0, 0]];
    const clockwiseHole: [number, number][] = [[20, 20], [80, 20], [80, 80], [20, 80]];
    const bytes = encodeTile([{ name: 'areas', features: [{ geometry: { type: 'polygon', polygons: [[counterClockwiseSquare, clockwiseHole]] }, properties: { code: 'KZ-35' } }] }]);
    const [feature] = decode(bytes, 'areas');
    expect(feature!.type).toBe(3);
    const rings = feature!.loadGeometry();
    const area = (ring: { x: number; y: number }[]) => ring.reduce((sum, point, i) => sum + (ring[(i + ring.length - 1) % ring.length]!.x * point.y - point.x * ring[(i + ring.length - 1) % ring.length]!.y), 0);
    expect(rings).toHaveLength(2);
    expect(area(rings[0]!)).toBeGreaterThan(0);
    expect(area(rings[1]!)).toBeLessThan(0);
    // Decoded as one polygon with one hole, in GeoJSON too.
    expect(feature!.toGeoJSON(0, 0, 0).geometry.type).toBe('Polygon');
  });

  it('drops rings that collapsed at this zoom and layers without features', () => {
    const bytes = encodeTile([
      { name: 'empty', features: [] },
      { name: 'areas', features: [{ geometry: { type: 'polygon', polygons: [[[[5, 5], [5, 5], [6, 6], [5, 5]]]] }, properties: { code: 'x' } }] },
    ]);
    expect(bytes.length).toBe(0);
    expect(Object.keys(new VectorTile(new PbfReader(bytes)).layers)).toEqual([]);
  });
});

describe('the tile grid', () => {
  it('shares each edge between neighbours exactly, so half-open bounds partition the plane', () => {
    const left = tileBounds({ z: 9, x: 360, y: 170 });
    const right = tileBounds({ z: 9, x: 361, y: 170 });
    const below = tileBounds({ z: 9, x: 360, y: 171 });
    expect(left.xmax).toBe(right.xmin);
    expect(left.ymin).toBe(below.ymax);
  });

  it('finds the tile of a point and covers a box', () => {
    expect(tileOf(73.1, 49.8, 4)).toEqual({ z: 4, x: 11, y: 5 });
    expect(tilesCovering([46.4, 40.5, 87.4, 55.5], 2).length).toBeGreaterThan(0);
  });
});
