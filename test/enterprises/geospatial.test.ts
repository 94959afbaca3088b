import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { point, polygon as turfPolygon, multiPolygon } from '@turf/helpers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../../services/kernel/seed/demo-world.js';
import { expectData, federation } from '../support/federation.js';

interface Listed {
  id: string;
  name: string;
  okedCode: string;
  hazardClass: string | null;
  headcount: number;
  workersInHarmfulConditions: number;
  specialPayment: { eligibleWorkers: number; monthlyTotalTenge: number };
  assessmentOverdue: boolean;
  location: { lat: number; lon: number };
  region: { code: string };
}

interface Page {
  totalCount: number;
  edges: { cursor: string; distanceKm: number | null; node: Listed }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const CLASSES = ['OPTIMAL_1', 'ACCEPTABLE_2', 'HARMFUL_3_1', 'HARMFUL_3_2', 'HARMFUL_3_3', 'HARMFUL_3_4', 'DANGEROUS_4'];
const NODE = `id name okedCode hazardClass headcount workersInHarmfulConditions specialPayment { eligibleWorkers monthlyTotalTenge }
  assessmentOverdue location { lat lon } region { code }`;
const SEARCH = `query ($area: AreaInput, $filter: EnterpriseFilter, $orderBy: EnterpriseOrder, $first: Int, $after: String) {
  enterprises(area: $area, filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { cursor distanceKm node { ${NODE} } } pageInfo { hasNextPage endCursor } } }`;

type Variables = { area?: unknown; filter?: unknown; orderBy?: string };

/** Walks every page with `after`, failing on a repeated row. */
async function searchAll(variables: Variables, pageSize = 500): Promise<{ rows: Page['edges']; totalCount: number; pages: number }> {
  const rows: Page['edges'] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = 0;
  do {
    const data: { enterprises: Page } = expectData(
      await federation.query<{ enterprises: Page }>(SEARCH, { ...variables, first: pageSize, after }),
    );
    rows.push(...data.enterprises.edges);
    totalCount = data.enterprises.totalCount;
    after = data.enterprises.pageInfo.hasNextPage ? data.enterprises.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  expect(new Set(rows.map((row) => row.node.id)).size).toBe(rows.length);
  expect(rows.length).toBe(totalCount);
  return { rows, totalCount, pages };
}

const ids = (rows: { node: { id: string } }[] | Listed[]) =>
  rows.map((row) => ('node' in row ? row.node.id : row.id)).sort();

let all: Listed[] = [];

beforeAll(async () => {
  all = (await searchAll({})).rows.map((row) => row.node);
  expect(all.length).toBeGreaterThan(100);
});

describe('enterprises(area: { near })', () => {
  const random = createRandom(20261123);
  const cases = Array.from({ length: 10 }, (_, index) => {
    const radiusKm = [3, 10, 25, 60, 150, 400][index % 6]!;
    return { index, radiusKm, anchor: random.next(), jitter: [random.next() - 0.5, random.next() - 0.5] as const };
  });

  it.each(cases)('returns exactly the enterprises within the radius, nearest first (case $index, $radiusKm km)', async ({ radiusKm, anchor, jitter }) => {
    const around = all[Math.floor(anchor * all.length)]!.location;
    // Off an enterprise by up to half the radius: the circle always catches some, rarely all.
    const offsetDegrees = radiusKm / 111;
    const center = { lat: around.lat + jitter[0] * offsetDegrees, lon: around.lon + jitter[1] * offsetDegrees };
    const { rows } = await searchAll({ area: { near: { point: center, radiusKm } }, orderBy: 'DISTANCE' }, 9);
    const geodesicKm = (enterprise: Listed) =>
      distance(point([center.lon, center.lat]), point([enterprise.location.lon, enterprise.location.lat]), { units: 'kilometers' });
    // Rows within a metre of the circle may fall either way between two sphere implementations.
    const certain = (enterprise: Listed) => Math.abs(geodesicKm(enterprise) - radiusKm) > 0.001;
    const expected = all.filter((enterprise) => certain(enterprise) && geodesicKm(enterprise) <= radiusKm);
    const returned = rows.map((row) => row.node).filter(certain);
    expect(rows.length).toBeGreaterThan(0);
    expect(ids(returned)).toEqual(ids(expected));
    const distances = rows.map((row) => row.distanceKm!);
    distances.forEach((km, index) => {
      expect(km).toBeCloseTo(geodesicKm(rows[index]!.node), 3);
      if (index > 0) expect(km).toBeGreaterThanOrEqual(distances[index - 1]!);
    });
  });

  it('reports no distance for other areas', async () => {
    const data = expectData(
      await federation.query<{ enterprises: Page }>(SEARCH, { area: { regionCode: 'KZ-35' }, first: 3 }),
    );
    expect(data.enterprises.edges.map((edge) => edge.distanceKm)).toEqual([null, null, null]);
  });
});

describe('enterprises(area: { bbox | polygon | regionCode })', () => {
  const random = createRandom(7);

  it.each(Array.from({ length: 6 }, (_, index) => index))('bbox %i equals an independent point-in-polygon check', async () => {
    const around = all[Math.floor(random.next() * all.length)]!.location;
    const [width, height] = [0.2 + random.next() * 6, 0.2 + random.next() * 4];
    const west = around.lon - random.next() * width;
    const south = around.lat - random.next() * height;
    const [east, north] = [west + width, south + height];
    const box = turfPolygon([[[west, south], [east, south], [east, north], [west, north], [west, south]]]);
    const { rows } = await searchAll({ area: { bbox: { west, south, east, north } } }, 50);
    expect(rows.length).toBeGreaterThan(0);
    expect(ids(rows)).toEqual(ids(all.filter((e) => booleanPointInPolygon(point([e.location.lon, e.location.lat]), box))));
  });

  it('a viewport lists nearest its centre first by default (planar degrees, ties by id), NAME on request; totalCount exact with filters', async () => {
    const box = { west: 72.6, south: 49.5, east: 73.6, north: 50.1 };
    const centre = [(box.west + box.east) / 2, (box.south + box.north) / 2] as const;
    const planar = (row: { node: Listed }) => Math.hypot(row.node.location.lon - centre[0], row.node.location.lat - centre[1]);
    const { rows } = await searchAll({ area: { bbox: box } }, 25);
    expect(rows.length).toBeGreaterThan(25);
    // Coordinates come back rounded, so the check allows a rounding's worth of disorder.
    for (let index = 1; index < rows.length; index++) expect(planar(rows[index]!)).toBeGreaterThanOrEqual(planar(rows[index - 1]!) - 1e-6);
    const byName = await searchAll({ area: { bbox: box }, orderBy: 'NAME' }, 25);
    const names = byName.rows.map((row) => [row.node.name, row.node.id]);
    expect(names).toEqual([...names].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : a[1]! < b[1]! ? -1 : 1)));
    expect(ids(byName.rows)).toEqual(ids(rows));
    for (const filter of [{ minHazardClass: 'HARMFUL_3_1' }, { specialPaymentEligible: false }, { okedPrefix: '0' }]) {
      const inBox = all.filter((e) => e.location.lon >= box.west && e.location.lon <= box.east && e.location.lat >= box.south && e.location.lat <= box.north);
      const { totalCount } = await searchAll({ area: { bbox: box }, filter }, 500);
      const matching = inBox.filter((e) =>
        'minHazardClass' in filter
          ? CLASSES.indexOf(e.hazardClass ?? 'ACCEPTABLE_2') >= 2
          : 'specialPaymentEligible' in filter
            ? e.specialPayment.eligibleWorkers === 0
            : e.okedCode.startsWith('0'),
      );
      expect({ filter, totalCount }).toEqual({ filter, totalCount: matching.length });
    }
  });

  it.each(Array.from({ length: 6 }, (_, index) => index))('star-shaped polygon %i equals an independent point-in-polygon check', async () => {
    const center = all[Math.floor(random.next() * all.length)]!.location;
    const vertices = 5 + Math.floor(random.next() * 6);
    const ring = Array.from({ length: vertices }, (_, index) => {
      const angle = (2 * Math.PI * index) / vertices;
      const reach = 0.3 + random.next() * 3;
      return [center.lon + reach * Math.cos(angle), center.lat + reach * Math.sin(angle)];
    });
    const geometry = { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
    const { rows } = await searchAll({ area: { polygon: geometry } });
    const shape = turfPolygon(geometry.coordinates);
    expect(ids(rows)).toEqual(ids(all.filter((e) => booleanPointInPolygon(point([e.location.lon, e.location.lat]), shape))));
  });

  it('takes a MultiPolygon', async () => {
    const square = (lon: number, lat: number, size: number) => [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]];
    const geometry = { type: 'MultiPolygon', coordinates: [square(72, 49, 2), square(76, 51.5, 2)] };
    const { rows } = await searchAll({ area: { polygon: geometry } });
    const shape = multiPolygon(geometry.coordinates);
    const expected = all.filter((e) => booleanPointInPolygon(point([e.location.lon, e.location.lat]), shape));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(rows)).toEqual(ids(expected));
  });

  it('regionCode selects the enterprises whose KATO code is in the region, as Region.enterprises does', async () => {
    const { rows } = await searchAll({ area: { regionCode: 'KZ-35' } }, 11);
    expect(ids(rows)).toEqual(ids(all.filter((enterprise) => enterprise.region.code === 'KZ-35')));
    const data = expectData(
      await federation.query<{ region: { enterprises: Page } }>(
        `{ region(code: "KZ-35") { enterprises(first: 500) { totalCount edges { node { id } } } } }`,
      ),
    );
    expect(data.region.enterprises.edges.map((edge) => edge.node.id)).toEqual(rows.map((row) => row.node.id));
  });

  it('pages Region.enterprises with after, for several regions in one request', async () => {
    const REGION_PAGES = `query ($after: String) { regions { code enterprises(first: 4, after: $after, filter: { minHazardClass: ACCEPTABLE_2 }) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    type RegionPages = { regions: { code: string; enterprises: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }[] };
    const first = expectData(await federation.query<RegionPages>(REGION_PAGES)).regions;
    const karaganda = first.find((region) => region.code === 'KZ-35')!.enterprises;
    // The second page of every region, asked with Karaganda's cursor: Karaganda continues where it stopped.
    const second = expectData(await federation.query<RegionPages>(REGION_PAGES, { after: karaganda.pageInfo.endCursor })).regions;
    const { rows } = await searchAll({ area: { regionCode: 'KZ-35' }, filter: { minHazardClass: 'ACCEPTABLE_2' } });
    const continued = second.find((region) => region.code === 'KZ-35')!.enterprises;
    expect(karaganda.totalCount).toBe(rows.length);
    expect(continued.totalCount).toBe(rows.length);
    expect([...karaganda.edges, ...continued.edges].map((edge) => edge.node.id)).toEqual(rows.slice(0, 8).map((row) => row.node.id));
    for (const region of first) {
      expect(region.enterprises.totalCount).toBe(all.filter((e) => e.region.code === region.code && CLASSES.indexOf(e.hazardClass ?? '') >= 1).length);
    }
  });
});

describe('enterprises: filters, orders and keyset pages', () => {
  it.each([
    ['minHazardClass', { minHazardClass: 'HARMFUL_3_2' }, (e: Listed) => CLASSES.indexOf(e.hazardClass ?? '') >= 3],
    ['specialPaymentEligible', { specialPaymentEligible: true }, (e: Listed) => e.specialPayment.eligibleWorkers > 0],
    ['not specialPaymentEligible', { specialPaymentEligible: false }, (e: Listed) => e.specialPayment.eligibleWorkers === 0],
    ['okedPrefix', { okedPrefix: '05' }, (e: Listed) => e.okedCode.startsWith('05')],
    ['assessmentOverdue', { assessmentOverdue: true }, (e: Listed) => e.assessmentOverdue],
    ['assessment up to date', { assessmentOverdue: false }, (e: Listed) => !e.assessmentOverdue],
    ['nameContains', { nameContains: 'coal' }, (e: Listed) => e.name.toLowerCase().includes('coal')],
  ])('filter %s selects what the card says', async (_name, filter, keep) => {
    const { rows } = await searchAll({ filter });
    expect(ids(rows)).toEqual(ids(all.filter(keep)));
  });

  it.each(['NAME', 'HAZARD_DESC', 'HEADCOUNT_DESC'])('pages of %s never repeat or skip a row', async (orderBy) => {
    const whole = await searchAll({ orderBy });
    const paged = await searchAll({ orderBy }, 23);
    expect(paged.pages).toBeGreaterThan(5);
    expect(paged.rows.map((row) => row.node.id)).toEqual(whole.rows.map((row) => row.node.id));
    if (orderBy === 'HAZARD_DESC') {
      const ranks = whole.rows.map((row) => CLASSES.indexOf(row.node.hazardClass ?? ''));
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    }
    if (orderBy === 'HEADCOUNT_DESC') {
      const headcounts = whole.rows.map((row) => row.node.headcount);
      expect(headcounts).toEqual([...headcounts].sort((a, b) => b - a));
    }
  });
});

describe('hazardousWorkPayments', () => {
  const REPORT = `query ($area: AreaInput, $minClass: WorkingConditionsClass) {
    hazardousWorkPayments(area: $area, minClass: $minClass) {
      enterprises workersInHarmfulConditions eligibleWorkers monthlyTotalTenge
      byRegion { region { code name } enterprises workersInHarmfulConditions eligibleWorkers monthlyTotalTenge }
      byClass { conditionsClass enterprises workersInHarmfulConditions eligibleWorkers monthlyTotalTenge } } }`;
  type Figures = { enterprises: number; workersInHarmfulConditions: number; eligibleWorkers: number; monthlyTotalTenge: number };
  type Report = Figures & { byRegion: (Figures & { region: { code: string; name: string } })[]; byClass: (Figures & { conditionsClass: string })[] };

  const figuresOf = (enterprises: Listed[]): Figures => ({
    enterprises: enterprises.length,
    workersInHarmfulConditions: enterprises.reduce((sum, e) => sum + e.workersInHarmfulConditions, 0),
    eligibleWorkers: enterprises.reduce((sum, e) => sum + e.specialPayment.eligibleWorkers, 0),
    monthlyTotalTenge: enterprises.reduce((sum, e) => sum + e.specialPayment.monthlyTotalTenge, 0),
  });
  const sumOf = (groups: Figures[]): Figures => ({
    enterprises: groups.reduce((sum, g) => sum + g.enterprises, 0),
    workersInHarmfulConditions: groups.reduce((sum, g) => sum + g.workersInHarmfulConditions, 0),
    eligibleWorkers: groups.reduce((sum, g) => sum + g.eligibleWorkers, 0),
    monthlyTotalTenge: groups.reduce((sum, g) => sum + g.monthlyTotalTenge, 0),
  });

  it.each([
    ['everywhere', undefined, undefined],
    ['around Karaganda', { near: { point: { lat: 49.8, lon: 73.1 }, radiusKm: 250 } }, 'HARMFUL_3_1'],
    ['in Pavlodar Region from class 3.3', { regionCode: 'KZ-55' }, 'HARMFUL_3_3'],
    ['in a viewport, every class', { bbox: { west: 60, south: 45, east: 80, north: 54 } }, 'OPTIMAL_1'],
  ])('totals %s equal the sums over enterprises(area, filter: { minHazardClass }), by region and by class', async (_name, area, minClass) => {
    const report = expectData(await federation.query<{ hazardousWorkPayments: Report }>(REPORT, { area, minClass })).hazardousWorkPayments;
    const { rows } = await searchAll({ area, filter: { minHazardClass: minClass ?? 'HARMFUL_3_1' } });
    const listed = rows.map((row) => row.node);
    const { byRegion, byClass, ...totals } = report;
    expect(totals).toEqual(figuresOf(listed));
    expect(totals.enterprises).toBeGreaterThan(0);
    expect(sumOf(byRegion)).toEqual(totals);
    expect(sumOf(byClass)).toEqual(totals);
    for (const group of byRegion) {
      expect(group.region.name).toBeTruthy();
      const { region, ...figures } = group;
      expect(figures).toEqual(figuresOf(listed.filter((e) => e.region.code === region.code)));
    }
  });

  it('agrees with Region.hazardSummary', async () => {
    const data = expectData(
      await federation.query<{ region: { hazardSummary: { enterprises: number; hazardousEnterprises: number; workersInHarmfulConditions: number; eligibleWorkers: number; byClass: { enterprises: number }[] } } }>(
        '{ region(code: "KZ-35") { hazardSummary { enterprises hazardousEnterprises workersInHarmfulConditions eligibleWorkers byClass { conditionsClass enterprises workers } } } }',
      ),
    );
    const inRegion = all.filter((e) => e.region.code === 'KZ-35');
    const summary = data.region.hazardSummary;
    expect(summary.enterprises).toBe(inRegion.length);
    expect(summary.hazardousEnterprises).toBe(inRegion.filter((e) => CLASSES.indexOf(e.hazardClass ?? '') >= 2).length);
    expect(summary.workersInHarmfulConditions).toBe(figuresOf(inRegion).workersInHarmfulConditions);
    expect(summary.eligibleWorkers).toBe(figuresOf(inRegion).eligibleWorkers);
    expect(summary.byClass.reduce((sum, c) => sum + c.enterprises, 0)).toBe(inRegion.filter((e) => e.hazardClass).length);
  });
});

describe('enterprises: bad input never reaches SQL', () => {
  const near = (radiusKm: number, lat = 49.8) => ({ near: { point: { lat, lon: 73.1 }, radiusKm } });
  it.each([
    ['DISTANCE without area.near', { orderBy: 'DISTANCE' }, 'orderBy'],
    ['DISTANCE with a regionCode', { orderBy: 'DISTANCE', area: { regionCode: 'KZ-35' } }, 'orderBy'],
    ['two area fields', { area: { ...near(10), regionCode: 'KZ-35' } }, 'area'],
    ['no area field', { area: {} }, 'area'],
    ['a zero radius', { area: near(0) }, 'area.near.radiusKm'],
    ['a radius over 1000 km', { area: near(1001) }, 'area.near.radiusKm'],
    ['a latitude out of range', { area: near(10, 91) }, 'area.near.point.lat'],
    ['an inverted bbox', { area: { bbox: { west: 75, south: 45, east: 70, north: 50 } } }, 'area.bbox'],
    ['an open polygon ring', { area: { polygon: { type: 'Polygon', coordinates: [[[70, 45], [75, 45], [75, 50], [70, 50]]] } } }, 'area.polygon'],
    ['a self-intersecting polygon', { area: { polygon: { type: 'Polygon', coordinates: [[[70, 45], [75, 50], [75, 45], [70, 50], [70, 45]]] } } }, 'area.polygon'],
    ['a point instead of a polygon', { area: { polygon: { type: 'Point', coordinates: [70, 45] } } }, 'area.polygon'],
    ['an unknown region', { area: { regionCode: 'KZ-99' } }, 'area.regionCode'],
    ['letters in okedPrefix', { filter: { okedPrefix: 'B05' } }, 'filter.okedPrefix'],
    ['an empty nameContains', { filter: { nameContains: '  ' } }, 'filter.nameContains'],
    ['a cursor that is not one', { after: 'garbage' }, 'after'],
  ])('rejects %s with BAD_USER_INPUT naming the argument', async (_case, variables, argument) => {
    const statements = await federation.countStatements('enterprises', async () => {
      const response = await federation.query(SEARCH, variables);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    });
    // The self-intersecting polygon is judged by GEOS: one read-only validity check, nothing else.
    expect(statements).toBeLessThanOrEqual(argument === 'area.polygon' ? 1 : 0);
  });

  it('rejects a cursor of another order', async () => {
    const data = expectData(await federation.query<{ enterprises: Page }>(SEARCH, { orderBy: 'NAME', first: 1 }));
    const response = await federation.query(SEARCH, { orderBy: 'HEADCOUNT_DESC', after: data.enterprises.pageInfo.endCursor });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('caps the page size', async () => {
    const response = await federation.query(SEARCH, { first: 501 });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', argument: 'first' });
  });

  it('rejects a bad area of hazardousWorkPayments', async () => {
    const response = await federation.query('{ hazardousWorkPayments(area: { regionCode: "KZ-00" }) { enterprises } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'area.regionCode' });
  });
});
