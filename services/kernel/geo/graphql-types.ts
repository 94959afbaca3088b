import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { Directive, Field, Float, InputType, ObjectType } from 'type-graphql';
import { BadInput } from '../errors.js';
import type { GeoJsonGeometry, LatLon } from './postgis-types.js';

@ObjectType({ description: 'A WGS84 position.' })
@Directive('@shareable')
export class GeoPoint implements LatLon {
  @Field(() => Float, { description: 'Latitude, degrees north.' })
  lat!: number;

  @Field(() => Float, { description: 'Longitude, degrees east.' })
  lon!: number;
}

@InputType({ description: 'A WGS84 position: lat −90..90, lon −180..180.' })
export class GeoPointInput implements LatLon {
  @Field(() => Float)
  lat!: number;

  @Field(() => Float)
  lon!: number;
}

export function validateGeoPoint(point: LatLon, argument: string): LatLon {
  if (!Number.isFinite(point.lat) || point.lat < -90 || point.lat > 90) {
    throw new BadInput(`${argument}.lat`, 'must be between -90 and 90');
  }
  if (!Number.isFinite(point.lon) || point.lon < -180 || point.lon > 180) {
    throw new BadInput(`${argument}.lon`, 'must be between -180 and 180');
  }
  return point;
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

function asGeometry(value: unknown): GeoJsonGeometry {
  const candidate = typeof value === 'string' ? safeJson(value) : value;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    !GEOMETRY_TYPES.has((candidate as { type?: unknown }).type as string)
  ) {
    throw new BadInput('GeoJSON', 'must be an RFC 7946 geometry object with a known "type"');
  }
  const geometry = candidate as GeoJsonGeometry;
  const hasMembers =
    geometry.type === 'GeometryCollection' ? Array.isArray(geometry.geometries) : Array.isArray(geometry.coordinates);
  if (!hasMembers) throw new BadInput('GeoJSON', `a ${geometry.type} needs its coordinates`);
  return geometry;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literalValue(field.value)]));
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    default:
      return null;
  }
}

export const GeoJSONScalar = new GraphQLScalarType({
  name: 'GeoJSON',
  description: 'An RFC 7946 GeoJSON geometry object (WGS84, [lon, lat] order).',
  serialize: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  parseValue: asGeometry,
  parseLiteral: (node) => asGeometry(literalValue(node)),
});
