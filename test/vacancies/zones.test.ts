import { distance } from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';
import { allOpenVacancies, CARD, centroidOf, kmToArea, PAGE, squareAround, type AreaGeometry, type Page, type VacancyCard } from './fixtures.js';

/** Rows this close to the radius are left out of set comparisons: two spheres may round them apart. */
const MARGIN_KM = 0.3;

interface Zone {
  id: string;
  area: AreaGeometry;
}

type Nearby = { _entities: { nearbyVacancies: Page<VacancyCard> }[] };

/** ResettlementZone.nearbyVacancies as the gateway asks for it: representations carrying the required area. */
function nearbyOf(zones: Zone[], args: string, node = CARD) {
  return federation.querySubgraph<Nearby>(
    'vacancies',
    `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on ResettlementZone { nearbyVacancies(${args}) { ${PAGE(node)} } } } }`,
    { representations: zones.map((zone) => ({ __typename: 'ResettlementZone', ...zone })) },
  );
}

/** One vertex of the area and the largest distance from it to any other vertex. */
function roughBound(area: AreaGeometry): { vertex: number[]; diameterKm: number } {
  const polygons = (area.type === 'Polygon' ? [area.coordinates] : area.coordinates) as number[][][][];
  const vertices = polygons.flat(2);
  const vertex = vertices[0]!;
  return { vertex, diameterKm: Math.max(...vertices.map((other) => distance(vertex, other))) };
}

async function resettlementZones(): Promise<Zone[]> {
  const data = expectData(await federation.query<{ resettlementZones: Zone[] }>('{ resettlementZones { id area } }'));
  return data.resettlementZones;
}

describe('ResettlementZone.nearbyVacancies (@requires area)', () => {
  it('answers the headline question through the gateway: vacancies with housing near zones with free quota, with the employer\'s hazard class', async () => {
    const response = await federation.query<{
      resettlementZones: { name: string; nearbyVacancies: { edges: { distanceKm: number; node: { title: string; housingProvided: boolean; enterprise: { name: string; hazardClass: string | null } } }[] } }[];
    }>(`{ resettlementZones(year: 2026, withFreeQuota: true) { name
          nearbyVacancies(radiusKm: 30, filter: { housingProvided: true }, first: 3) { edges { distanceKm
            node { title housingProvided enterprise { name hazardClass } } } } } }`);
    const zones = expectData(response).resettlementZones;
    expect(zones.length).toBeGreaterThan(0);
    const edges = zones.flatMap((zone) => zone.nearbyVacancies.edges);
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      expect(edge.node.housingProvided).toBe(true);
      expect(edge.distanceKm).toBeLessThanOrEqual(30);
      expect(edge.node.enterprise.name.length).toBeGreaterThan(0);
    }
  });

  it('returns exactly the OPEN vacancies within the radius of each zone\'s area, nearest first, as measured independently with turf', async () => {
    // Small enough that every zone's vacancies fit on one page of the 3 000-enterprise demo.
    const radiusKm = 15;
    const zones = await resettlementZones();
    expect(zones.length).toBeGreaterThan(5);
    const data = expectData(await nearbyOf(zones, `radiusKm: ${radiusKm}, first: 500`));
    const all = await allOpenVacancies();
    let compared = 0;
    let inside = 0;
    zones.forEach((zone, index) => {
      const page = data._entities[index]!.nearbyVacancies;
      const found = new Map(page.edges.map((edge) => [edge.node.id, edge.distanceKm!]));
      expect(page.totalCount).toBe(page.edges.length);
      const bound = roughBound(zone.area);
      for (const vacancy of all) {
        // Triangle inequality: farther than this from any vertex means farther from the whole area.
        if (distance([vacancy.location.lon, vacancy.location.lat], bound.vertex) - bound.diameterKm > radiusKm + MARGIN_KM) {
          expect(found.has(vacancy.id)).toBe(false);
          continue;
        }
        const km = kmToArea(vacancy.location, zone.area);
        if (km < radiusKm - MARGIN_KM) expect(found.has(vacancy.id), `${vacancy.id} at ${km} km of zone ${zone.id}`).toBe(true);
        if (km > radiusKm + MARGIN_KM) expect(found.has(vacancy.id), `${vacancy.id} at ${km} km of zone ${zone.id}`).toBe(false);
        if (found.has(vacancy.id)) expect(Math.abs(found.get(vacancy.id)! - km), vacancy.id).toBeLessThan(0.05);
      }
      const distances = page.edges.map((edge) => edge.distanceKm!);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      compared += page.edges.length;
      // Inside the area (all at 0) the nearest the area's centroid come first.
      const centre = centroidOf(zone.area);
      const fromCentre = page.edges.filter((edge) => edge.distanceKm === 0).map((edge) => distance(centre, [edge.node.location.lon, edge.node.location.lat]));
      for (let at = 1; at < fromCentre.length; at += 1) expect(fromCentre[at], `inside zone ${zone.id}`).toBeGreaterThanOrEqual(fromCentre[at - 1]! - 1e-6);
      inside += fromCentre.length;
    });
    expect(compared).toBeGreaterThan(20);
    expect(inside).toBeGreaterThan(5);
  });

  it('pages a zone\'s vacancies with keyset cursors and applies the filter', async () => {
    const zones = await resettlementZones();
    const whole = expectData(await nearbyOf(zones, 'radiusKm: 10, first: 500'))._entities.map((entity) => entity.nearbyVacancies);
    const busiest = whole.reduce((best, page, index) => (page.totalCount > whole[best]!.totalCount ? index : best), 0);
    const zone = zones[busiest]!;
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: Page<VacancyCard> = expectData(await nearbyOf([zone], `radiusKm: 10, first: 25${after ? `, after: "${after}"` : ''}`))._entities[0]!.nearbyVacancies;
      paged.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(whole[busiest]!.totalCount).toBe(whole[busiest]!.edges.length);
    expect(paged).toEqual(whole[busiest]!.edges.map((edge) => edge.node.id));
    expect(paged.length).toBeGreaterThan(50);

    const housing = expectData(await nearbyOf([zone], 'radiusKm: 10, filter: { housingProvided: true }, first: 500'))._entities[0]!.nearbyVacancies;
    expect(housing.edges.map((edge) => edge.node.id)).toEqual(whole[busiest]!.edges.filter((edge) => edge.node.housingProvided).map((edge) => edge.node.id));
  });

  it('costs one statement for the pages of 5 zones or 50, and one more for their totals only when totalCount is asked', async () => {
    const spots = (await allOpenVacancies()).slice(0, 50);
    const zones = spots.map((vacancy, index) => ({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      area: squareAround(vacancy.location, 3),
    }));
    const withTotals = (count: number) =>
      federation.countStatements('vacancies', async () => {
        const data = expectData(await nearbyOf(zones.slice(0, count), 'radiusKm: 20', 'id'));
        expect(data._entities).toHaveLength(count);
        // each square is centred on an open vacancy, which is therefore found
        expect(data._entities.every((entity) => entity.nearbyVacancies.totalCount > 0)).toBe(true);
      });
    const pagesOnly = (count: number) =>
      federation.countStatements('vacancies', async () => {
        const response = await federation.querySubgraph<{ _entities: { nearbyVacancies: { edges: unknown[] } }[] }>(
          'vacancies',
          `query ($representations: [_Any!]!) { _entities(representations: $representations) {
            ... on ResettlementZone { nearbyVacancies(radiusKm: 20) { edges { node { id } } } } } }`,
          { representations: zones.slice(0, count).map((zone) => ({ __typename: 'ResettlementZone', ...zone })) },
        );
        expect(expectData(response)._entities.every((entity) => entity.nearbyVacancies.edges.length > 0)).toBe(true);
      });
    expect(await withTotals(5)).toBe(2);
    expect(await withTotals(50)).toBe(2);
    expect(await pagesOnly(5)).toBe(1);
    expect(await pagesOnly(50)).toBe(1);
  });

  it.each([0, -5, 1000.5])('rejects radiusKm %s with BAD_USER_INPUT naming radiusKm, for every zone', async (radiusKm) => {
    const response = await federation.query(`{ resettlementZones { name nearbyVacancies(radiusKm: ${radiusKm}, first: 1) { totalCount } } }`);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors!) expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'radiusKm' });
  });
});
