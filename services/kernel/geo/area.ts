import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';
import { Field, Float, ID, InputType } from 'type-graphql';
import { parseRadiusKm, parseRegionCode } from '../arguments.js';
import { loadConfig } from '../config.js';
import type { EntityManager } from '../db.js';
import { BadInput, LimitExceeded } from '../errors.js';
import { GeoJSONScalar, GeoPointInput, validateGeoPoint } from './graphql-types.js';
import type { GeoJsonGeometry, LatLon } from './postgis-types.js';
import { bound, runSql, sql, type SqlFragment } from '../sql.js';

@InputType({ description: 'A circle: every row within radiusKm of the point (geodesic distance).' })
export class NearInput {
  @Field(() => GeoPointInput)
  point!: GeoPointInput;

  @Field(() => Float, { description: '0 < radiusKm ≤ 1000 (configurable).' })
  radiusKm!: number;
}

@InputType({ description: 'A map viewport in degrees; west ≤ east (the antimeridian is never crossed in Kazakhstan).' })
export class BBoxInput {
  @Field(() => Float)
  west!: number;

  @Field(() => Float)
  south!: number;

  @Field(() => Float)
  east!: number;

  @Field(() => Float)
  north!: number;
}

@InputType({ description: 'Where to look. Exactly one field must be set.' })
export class AreaInput {
  @Field(() => NearInput, { nullable: true })
  near?: NearInput | null;

  @Field(() => BBoxInput, { nullable: true })
  bbox?: BBoxInput | null;

  @Field(() => GeoJSONScalar, {
    nullable: true,
    description: 'A GeoJSON Polygon or MultiPolygon: closed rings, valid geometry, at most 10 000 vertices (configurable).',
  })
  polygon?: GeoJsonGeometry | null;

  @Field(() => ID, { nullable: true, description: 'ISO 3166-2:KZ region code, e.g. "KZ-55".' })
  regionCode?: string | null;
}

export type ParsedArea =
  | { kind: 'near'; point: LatLon; radiusMetres: number }
  | { kind: 'bbox'; west: number; south: number; east: number; north: number }
  | { kind: 'polygon'; geojson: string }
  | { kind: 'region'; regionCode: string };

type Position = [number, number];

function checkPosition(position: unknown, argument: string): Position {
  if (!Array.isArray(position) || position.length < 2 || !position.every((n) => typeof n === 'number')) {
    throw new BadInput(argument, 'every position must be [lon, lat] numbers');
  }
  const [lon, lat] = position as Position;
  validateGeoPoint({ lat, lon }, argument);
  return [lon, lat];
}

function checkRing(ring: unknown, argument: string): number {
  if (!Array.isArray(ring) || ring.length < 4) throw new BadInput(argument, 'every ring needs at least 4 positions');
  const positions = ring.map((position) => checkPosition(position, argument));
  const [first, last] = [positions[0]!, positions.at(-1)!];
  if (first[0] !== last[0] || first[1] !== last[1]) throw new BadInput(argument, 'every ring must be closed (last position = first)');
  return positions.length;
}

function countPolygonVertices(polygon: unknown, argument: string): number {
  if (!Array.isArray(polygon) || polygon.length === 0) throw new BadInput(argument, 'a polygon needs an outer ring');
  return polygon.reduce<number>((sum, ring) => sum + checkRing(ring, argument), 0);
}

/** A GeoJSON Polygon or MultiPolygon within the limits of `AreaInput.polygon`, as bound SQL wants it. */
export function parsePolygon(geometry: GeoJsonGeometry, argument: string): ParsedArea & { kind: 'polygon' } {
  const polygons =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon' && Array.isArray(geometry.coordinates)
        ? geometry.coordinates
        : null;
  if (!polygons) throw new BadInput(argument, 'must be a GeoJSON Polygon or MultiPolygon');
  const vertices = polygons.reduce<number>((sum, polygon) => sum + countPolygonVertices(polygon, argument), 0);
  const limit = loadConfig().MAX_POLYGON_VERTICES;
  if (vertices > limit) throw new LimitExceeded(argument, limit);
  return { kind: 'polygon', geojson: JSON.stringify(geometry) };
}

/** Validates an AreaInput before any SQL is built; `null` means "everywhere". */
export function parseArea(area: AreaInput | null | undefined, argument = 'area'): ParsedArea | null {
  if (!area) return null;
  const set = (['near', 'bbox', 'polygon', 'regionCode'] as const).filter((key) => area[key] !== undefined && area[key] !== null);
  if (set.length !== 1) {
    throw new BadInput(argument, `exactly one of near, bbox, polygon, regionCode must be set (got ${set.length ? set.join(', ') : 'none'})`);
  }
  if (area.near) {
    const radiusKm = parseRadiusKm(area.near.radiusKm, `${argument}.near.radiusKm`);
    return { kind: 'near', point: validateGeoPoint(area.near.point, `${argument}.near.point`), radiusMetres: radiusKm * 1000 };
  }
  if (area.bbox) {
    const { west, south, east, north } = area.bbox;
    validateGeoPoint({ lat: south, lon: west }, `${argument}.bbox`);
    validateGeoPoint({ lat: north, lon: east }, `${argument}.bbox`);
    if (west > east) throw new BadInput(`${argument}.bbox`, 'west must not be greater than east (viewports across the antimeridian are not supported)');
    if (south > north) throw new BadInput(`${argument}.bbox`, 'south must not be greater than north');
    return { kind: 'bbox', west, south, east, north };
  }
  if (area.polygon) return parsePolygon(area.polygon, `${argument}.polygon`);
  return { kind: 'region', regionCode: parseRegionCode(area.regionCode!, `${argument}.regionCode`) };
}

/**
 * Self-intersections and other invalid shapes can only be judged by GEOS; this read-only check
 * runs before the query that would use the polygon, so a bad polygon is a BAD_USER_INPUT, not
 * a database error.
 */
export async function assertValidArea(em: EntityManager, area: ParsedArea | null, argument = 'area'): Promise<void> {
  if (area?.kind !== 'polygon') return;
  const [row] = await runSql<{ reason: string }>(em, bound('select ST_IsValidReason(ST_GeomFromGeoJSON(?)) as reason', area.geojson));
  if (row?.reason !== 'Valid Geometry') throw new BadInput(`${argument}.polygon`, `invalid geometry: ${row?.reason ?? 'unknown'}`);
}

const POINT_SQL = 'ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography';

/**
 * A bound SQL predicate for rows with a `geography(Point, 4326)` column and a region-code column.
 *
 * - near: geodesic distance on the WGS84 mean sphere (`use_spheroid = false`): the same metric as
 *   the KNN operator `<->` that orders the results and as the haversine distance of web maps; it
 *   differs from the spheroid by at most 0.5 %.
 * - bbox/polygon: planar in lon/lat, as the map draws them (a viewport edge is a parallel, not a
 *   great circle). They use the expression index on `(point::geometry)` every table keeps beside
 *   the geography GiST index.
 * - regionCode: the row's own region (known from its KATO code), no geometry needed.
 */
export function areaCondition(area: ParsedArea, columns: { point: string; regionCode: string }): SqlFragment {
  switch (area.kind) {
    case 'near':
      return bound(`ST_DWithin(${columns.point}, ${POINT_SQL}, ?, false)`, area.point.lon, area.point.lat, area.radiusMetres);
    case 'bbox':
      return bound(`ST_Intersects((${columns.point})::geometry, ST_MakeEnvelope(?, ?, ?, ?, 4326))`, area.west, area.south, area.east, area.north);
    case 'polygon':
      return bound(`ST_Intersects((${columns.point})::geometry, ST_SetSRID(ST_GeomFromGeoJSON(?), 4326))`, area.geojson);
    case 'region':
      return bound(`${columns.regionCode} = ?`, area.regionCode);
  }
}

/**
 * Within a radius the database computes in the same statement (an uncorrelated subquery, run once
 * as an InitPlan whose value still bounds the GiST index scan), plus a centimetre of slack:
 * `ST_DWithin` and `<->` may differ in the last bits of a double. A null radius matches nothing.
 */
export function withinComputedRadius(point: LatLon, pointColumn: string, radiusMetres: SqlFragment): SqlFragment {
  return sql(bound(`ST_DWithin(${pointColumn}, ${POINT_SQL}, (`, point.lon, point.lat), radiusMetres, ') + 0.01, false)');
}

/** Distance in km from the searched point, for `edge.distanceKm`; null unless the area is `near`. */
export function nearDistanceKm(area: ParsedArea | null, pointColumn: string): SqlFragment | null {
  if (area?.kind !== 'near') return null;
  return bound(`ST_Distance(${pointColumn}, ${POINT_SQL}, false) / 1000.0`, area.point.lon, area.point.lat);
}

/** Nearest first through the GiST index (KNN), instead of sorting every matching row by distance. */
export function nearOrderBy(area: ParsedArea | null, pointColumn: string): SqlFragment | null {
  if (area?.kind !== 'near') return null;
  return bound(`${pointColumn} <-> ${POINT_SQL}`, area.point.lon, area.point.lat);
}

/** The centre of a bbox area in degrees; null for other areas. */
function boxCentre(area: ParsedArea | null): [number, number] | null {
  return area?.kind === 'bbox' ? [(area.west + area.east) / 2, (area.south + area.north) / 2] : null;
}

/**
 * Nearest the centre of a bbox first, planar in degrees like the box itself, through the GiST index
 * on `(point::geometry)` (KNN) — what a map viewport's list wants, and what the index answers
 * without reading every row of the box.
 */
export function boxCentreOrderBy(area: ParsedArea | null, pointColumn: string): SqlFragment | null {
  const centre = boxCentre(area);
  if (!centre) return null;
  return bound(`(${pointColumn})::geometry <-> ST_SetSRID(ST_MakePoint(?, ?), 4326)`, ...centre);
}

/** `boxCentreOrderBy` within a planar distance the same statement computes (as `withinComputedRadius`); the index bounds the scan. */
export function withinComputedBoxDistance(area: ParsedArea & { kind: 'bbox' }, pointColumn: string, distance: SqlFragment): SqlFragment {
  return sql(bound(`ST_DWithin((${pointColumn})::geometry, ST_SetSRID(ST_MakePoint(?, ?), 4326), (`, ...boxCentre(area)!), distance, ') + 1e-9)');
}

/** The mean Earth radius PostGIS's sphere uses (`use_spheroid = false`, as `areaCondition` does). */
const SPHERE_RADIUS_METRES = 6_371_008.7714;

function sphericalDistanceMetres(from: LatLon, to: LatLon): number {
  const radians = Math.PI / 180;
  const dLat = (to.lat - from.lat) * radians;
  const dLon = (to.lon - from.lon) * radians;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(from.lat * radians) * Math.cos(to.lat * radians) * Math.sin(dLon / 2) ** 2;
  return 2 * SPHERE_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * `areaCondition` for one row already in memory: a subscription judges each event it is
 * offered without asking the database, with the same metric (near: the sphere; bbox and polygon:
 * planar in lon/lat, edges included; regionCode: the row's own region).
 */
export function areaMatcher(area: ParsedArea | null): (point: LatLon, regionCode: string) => boolean {
  if (!area) return () => true;
  switch (area.kind) {
    case 'near':
      return (point) => sphericalDistanceMetres(area.point, point) <= area.radiusMetres;
    case 'bbox':
      return (point) => point.lon >= area.west && point.lon <= area.east && point.lat >= area.south && point.lat <= area.north;
    case 'polygon': {
      const geometry = JSON.parse(area.geojson) as Polygon | MultiPolygon;
      return (point) => booleanPointInPolygon([point.lon, point.lat], geometry);
    }
    case 'region':
      return (_point, regionCode) => regionCode === area.regionCode;
  }
}
