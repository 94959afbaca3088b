import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { KAZAKHSTAN_BOUNDS, tileOf, tilesCovering, type TileAddress } from '../../services/kernel/tiles/grid.js';
import { federation } from '../support/federation.js';

export const gatewayOrigin = () => new URL(federation.gatewayUrl()).origin;

export function tileUrl(layer: string, tile: TileAddress, filter: Record<string, string | number | boolean> = {}): string {
  const search = new URLSearchParams(Object.entries(filter).map(([key, value]) => [key, String(value)])).toString();
  return `${gatewayOrigin()}/tiles/${layer}/${tile.z}/${tile.x}/${tile.y}.mvt${search ? `?${search}` : ''}`;
}

export interface DecodedFeature {
  properties: Record<string, string | number | boolean>;
  type: number;
  geometry: { x: number; y: number }[][];
  extent: number;
}

/** The features of one layer of a tile, decoded by @mapbox/vector-tile (not by our encoder's code). */
export function decode(bytes: ArrayBuffer | Uint8Array, layer: string): DecodedFeature[] {
  const tile = new VectorTile(new PbfReader(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
  const found = tile.layers[layer];
  if (!found) return [];
  const features: DecodedFeature[] = [];
  for (let i = 0; i < found.length; i++) {
    const feature: VectorTileFeature = found.feature(i);
    features.push({ properties: feature.properties, type: feature.type, geometry: feature.loadGeometry(), extent: feature.extent });
  }
  return features;
}

export async function fetchTile(layer: string, tile: TileAddress, filter: Record<string, string | number | boolean> = {}): Promise<DecodedFeature[]> {
  const response = await fetch(tileUrl(layer, tile, filter));
  if (response.status !== 200) throw new Error(`${tileUrl(layer, tile, filter)}: HTTP ${response.status} ${await response.text()}`);
  return decode(await response.arrayBuffer(), layer);
}

/** Inside the tile's own extent, not its buffer. */
export function insideExtent(feature: DecodedFeature): boolean {
  return feature.geometry.every((ring) => ring.every((point) => point.x >= 0 && point.x < feature.extent && point.y >= 0 && point.y < feature.extent));
}

/**
 * The tiles of zoom z worth fetching for points at `locations`: at low zoom every tile covering
 * Kazakhstan; at high zoom (where that is tens of thousands of tiles, almost all empty) the
 * tile of every point, computed here independently of the server's SQL: a point the server
 * left out or placed in another tile makes the sum come out short.
 */
export function tilesFor(z: number, locations: { lat: number; lon: number }[]): TileAddress[] {
  const cover = tilesCovering(KAZAKHSTAN_BOUNDS, z);
  if (cover.length <= 400) return cover;
  const keys = new Set<string>();
  for (const { lat, lon } of locations) {
    const { x, y } = tileOf(lon, lat, z);
    keys.add(`${x}/${y}`);
  }
  return [...keys].map((key) => {
    const [x, y] = key.split('/').map(Number) as [number, number];
    return { z, x, y };
  });
}

/** Fetches tiles a few at a time (the machine has two cores shared with the rest of the suite). */
export async function fetchAll(layer: string, tiles: TileAddress[], filter: Record<string, string | number | boolean> = {}) {
  const out: { tile: TileAddress; features: DecodedFeature[] }[] = [];
  for (let i = 0; i < tiles.length; i += 8) {
    const batch = tiles.slice(i, i + 8);
    out.push(...(await Promise.all(batch.map(async (tile) => ({ tile, features: await fetchTile(layer, tile, filter) })))));
  }
  return out;
}

/** Σ count over features inside their own tile's extent. */
export function countSum(tiles: { features: DecodedFeature[] }[]): number {
  let sum = 0;
  for (const { features } of tiles) for (const feature of features) if (insideExtent(feature)) sum += Number(feature.properties.count);
  return sum;
}
