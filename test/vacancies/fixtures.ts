import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { expectData, federation } from '../support/federation.js';

export interface VacancyCard {
  id: string;
  title: string;
  occupationCode: string;
  salaryMinTenge: number;
  salaryMaxTenge: number | null;
  employmentType: string;
  conditionsClass: string;
  housingProvided: boolean;
  location: { lat: number; lon: number };
  status: string;
  postedAt: string;
  openDays: number;
  isQualityJob: boolean;
  region: { code: string };
}

export const CARD = `id title occupationCode salaryMinTenge salaryMaxTenge employmentType conditionsClass housingProvided
  location { lat lon } status postedAt openDays isQualityJob region { code }`;

export interface Page<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; distanceKm: number | null; node: Node }[];
}

export const PAGE = (node: string) => `totalCount pageInfo { hasNextPage endCursor } edges { cursor distanceKm node { ${node} } }`;

/**
 * Every OPEN vacancy, read page by page from the vacancies subgraph itself (the gateway's cost
 * limit is for clients; the demo world has about a thousand).
 */
export async function allOpenVacancies(): Promise<VacancyCard[]> {
  const all: VacancyCard[] = [];
  let after: string | null = null;
  do {
    const data: { vacancies: Page<VacancyCard> } = expectData(
      await federation.querySubgraph<{ vacancies: Page<VacancyCard> }>(
        'vacancies',
        `query ($after: String) { vacancies(first: 500, after: $after) { ${PAGE(CARD)} } }`,
        { after },
      ),
    );
    all.push(...data.vacancies.edges.map((edge) => edge.node));
    after = data.vacancies.pageInfo.hasNextPage ? data.vacancies.pageInfo.endCursor : null;
  } while (after);
  return all;
}

type Position = number[];
export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Position[][] | Position[][][];
}

const SAMPLE_STEP_KM = 0.05;

/**
 * Great-circle km from a point to an area, computed independently of PostGIS: 0 inside, else
 * the nearest of the boundary's points sampled every 50 m (error well under the test's margin).
 */
export function kmToArea(point: { lat: number; lon: number }, area: AreaGeometry): number {
  const here: Position = [point.lon, point.lat];
  const polygons = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates) as Position[][][];
  if (booleanPointInPolygon(here, { type: 'MultiPolygon', coordinates: polygons })) return 0;
  let nearest = Infinity;
  for (const ring of polygons.flat()) {
    for (let index = 1; index < ring.length; index += 1) {
      const [a, b] = [ring[index - 1]!, ring[index]!];
      const steps = Math.max(1, Math.ceil(distance(a, b) / SAMPLE_STEP_KM));
      for (let step = 0; step <= steps; step += 1) {
        const t = step / steps;
        nearest = Math.min(nearest, distance(here, [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t]));
      }
    }
  }
  return nearest;
}

/** The area's centroid as PostGIS's ST_Centroid computes it on the geometry: planar, weighted by area, holes subtracted. */
export function centroidOf(area: AreaGeometry): Position {
  const polygons = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates) as Position[][][];
  let [weight, x, y] = [0, 0, 0];
  for (const polygon of polygons) {
    polygon.forEach((ring, index) => {
      let [twice, cx, cy] = [0, 0, 0];
      for (let at = 1; at < ring.length; at += 1) {
        const [[x0, y0], [x1, y1]] = [ring[at - 1]!, ring[at]!] as [[number, number], [number, number]];
        const cross = x0 * y1 - x1 * y0;
        twice += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
      }
      const ringWeight = (index === 0 ? 1 : -1) * Math.abs(twice / 2);
      weight += ringWeight;
      x += (ringWeight * cx) / (3 * twice);
      y += (ringWeight * cy) / (3 * twice);
    });
  }
  return [x / weight, y / weight];
}

/** A square of `halfSideKm` around a point, as the GeoJSON a zone's area would be. */
export function squareAround(center: { lat: number; lon: number }, halfSideKm: number): AreaGeometry {
  const dLat = halfSideKm / 111.32;
  const dLon = halfSideKm / (111.32 * Math.cos((center.lat * Math.PI) / 180));
  const [w, e, s, n] = [center.lon - dLon, center.lon + dLon, center.lat - dLat, center.lat + dLat];
  return { type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** Employers of OPEN vacancies, as the vacancies subgraph knows them (by BIN, the vacancy's key to its employer). */
export async function employerBins(count: number): Promise<string[]> {
  const data = expectData(
    await federation.querySubgraph<{ vacancies: Page<{ enterprise: { bin: string } }> }>(
      'vacancies',
      '{ vacancies(first: 500) { edges { node { enterprise { bin } } } } }',
    ),
  );
  const bins = [...new Set(data.vacancies.edges.map((edge) => edge.node.enterprise.bin))];
  if (bins.length < count) throw new Error(`only ${bins.length} employers in the first 500 vacancies`);
  return bins.slice(0, count);
}
