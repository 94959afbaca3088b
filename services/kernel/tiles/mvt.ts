import { PbfWriter } from 'pbf';

/**
 * A small Mapbox Vector Tile 2.1 encoder (points and polygons), because the embedded PGlite's
 * PostGIS is built without protobuf-c and cannot run ST_AsMVT (docs/architecture.md, "Map
 * tiles"). Geometry arrives already in tile coordinates (integers, y down, 0..extent), made by
 * SQL; this file only writes the protobuf.
 */
export const TILE_EXTENT = 4096;

export type TilePoint = readonly [number, number];

export type TileGeometry =
  | { type: 'point'; points: readonly TilePoint[] }
  /** Rings in tile coordinates, each closed or not; exterior rings are made clockwise (y down), holes counter-clockwise. */
  | { type: 'polygon'; polygons: readonly (readonly (readonly TilePoint[])[])[] };

export type TileValue = string | number | boolean;

export interface TileFeature {
  geometry: TileGeometry;
  /** Null and undefined properties are left out, as ST_AsMVT does. */
  properties: Record<string, TileValue | null | undefined>;
}

export interface TileLayerData {
  name: string;
  features: readonly TileFeature[];
}

/** Geometry command ids and geometry types of the MVT 2.1 specification. */
const MOVE_TO = 1;
const LINE_TO = 2;
const CLOSE_PATH = 7;
const POINT_TYPE = 1;
const POLYGON_TYPE = 3;

function command(id: number, count: number): number {
  return (id & 0x7) | (count << 3);
}

function zigzag(value: number): number {
  return (value << 1) ^ (value >> 31);
}

/** Twice the signed area by the shoelace formula; positive is clockwise on screen (y down). */
function signedArea(ring: readonly TilePoint[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
  return sum;
}

/** Drops the closing point and repeated points; a ring with fewer than 3 distinct points or no area is dropped. */
function cleanRing(ring: readonly TilePoint[], exterior: boolean): TilePoint[] | null {
  const points: TilePoint[] = [];
  for (const point of ring) {
    const last = points[points.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) points.pop();
  if (points.length < 3) return null;
  const area = signedArea(points);
  if (area === 0) return null;
  if (exterior !== area > 0) points.reverse();
  return points;
}

function geometryCommands(geometry: TileGeometry): number[] {
  const out: number[] = [];
  let cursorX = 0;
  let cursorY = 0;
  const moveCursor = (point: TilePoint) => {
    out.push(zigzag(point[0] - cursorX), zigzag(point[1] - cursorY));
    cursorX = point[0];
    cursorY = point[1];
  };
  if (geometry.type === 'point') {
    out.push(command(MOVE_TO, geometry.points.length));
    for (const point of geometry.points) moveCursor(point);
    return out;
  }
  for (const polygon of geometry.polygons) {
    // A polygon whose exterior collapsed at this zoom is left out with its holes.
    const exterior = polygon[0] ? cleanRing(polygon[0], true) : null;
    if (!exterior) continue;
    const rings = [exterior, ...polygon.slice(1).map((hole) => cleanRing(hole, false))];
    for (const ring of rings) {
      if (!ring) continue;
      out.push(command(MOVE_TO, 1));
      moveCursor(ring[0]!);
      out.push(command(LINE_TO, ring.length - 1));
      for (let i = 1; i < ring.length; i++) moveCursor(ring[i]!);
      out.push(command(CLOSE_PATH, 1));
    }
  }
  return out;
}

/** Value message fields: 1 string, 3 double, 5 uint64, 6 sint64, 7 bool (as vt-pbf and ST_AsMVT choose). */
function writeValue(value: TileValue, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (Number.isInteger(value)) {
    if (value < 0) pbf.writeSVarintField(6, value);
    else pbf.writeVarintField(5, value);
  } else pbf.writeDoubleField(3, value);
}

interface EncodableLayer {
  name: string;
  features: { feature: TileFeature; geometry: number[] }[];
}

/**
 * The layer's key and value tables, each value once: values are looked up per type (strings,
 * numbers, booleans) in their own maps, with no key string built per property.
 */
class LayerTables {
  readonly keys = new Map<string, number>();
  readonly values: TileValue[] = [];
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private readonly booleans = new Map<boolean, number>();

  key(name: string): number {
    let index = this.keys.get(name);
    if (index === undefined) {
      index = this.keys.size;
      this.keys.set(name, index);
    }
    return index;
  }

  value(value: TileValue): number {
    const table: Map<TileValue, number> = typeof value === 'string' ? this.strings : typeof value === 'number' ? this.numbers : this.booleans;
    let index = table.get(value);
    if (index === undefined) {
      index = this.values.length;
      table.set(value, index);
      this.values.push(value);
    }
    return index;
  }
}

interface EncodableFeature {
  tags: number[];
  type: number;
  geometry: number[];
}

function writeFeature(feature: EncodableFeature, pbf: PbfWriter): void {
  if (feature.tags.length > 0) pbf.writePackedVarint(2, feature.tags);
  pbf.writeVarintField(3, feature.type);
  pbf.writePackedVarint(4, feature.geometry);
}

function writeLayer(layer: EncodableLayer, pbf: PbfWriter): void {
  pbf.writeVarintField(15, 2);
  pbf.writeStringField(1, layer.name);
  const tables = new LayerTables();
  for (const { feature, geometry } of layer.features) {
    const tags: number[] = [];
    const properties = feature.properties;
    for (const key in properties) {
      const value = properties[key];
      if (value === null || value === undefined) continue;
      tags.push(tables.key(key), tables.value(value));
    }
    pbf.writeMessage(2, writeFeature, { tags, type: feature.geometry.type === 'point' ? POINT_TYPE : POLYGON_TYPE, geometry });
  }
  for (const key of tables.keys.keys()) pbf.writeStringField(3, key);
  for (const value of tables.values) pbf.writeMessage(4, writeValue, value);
  pbf.writeVarintField(5, TILE_EXTENT);
}

/**
 * The tile's protobuf. A feature whose geometry collapsed at this zoom is left out, and so is a
 * layer left without features (an empty tile is zero bytes, as with ST_AsMVT).
 */
export function encodeTile(layers: readonly TileLayerData[]): Uint8Array {
  const pbf = new PbfWriter();
  for (const layer of layers) {
    const features = layer.features
      .map((feature) => ({ feature, geometry: geometryCommands(feature.geometry) }))
      .filter(({ geometry }) => geometry.length > 1);
    if (features.length > 0) pbf.writeMessage(3, writeLayer, { name: layer.name, features });
  }
  return pbf.finish();
}
