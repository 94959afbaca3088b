import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance } from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';
import { allOpenVacancies, CARD, employerBins, PAGE, squareAround, type Page, type VacancyCard } from './fixtures.js';

const KARAGANDA = { lat: 49.8, lon: 73.1 };
/** Rows this close to a radius are left out of set comparisons: two spheres may round them apart. */
const MARGIN_KM = 0.2;

async function search(args: string, node = CARD): Promise<Page<VacancyCard>> {
  const data = expectData(
    await federation.querySubgraph<{ vacancies: Page<VacancyCard> }>('vacancies', `{ vacancies(${args}) { ${PAGE(node)} } }`),
  );
  return data.vacancies;
}

/** Follows the cursors `size` rows at a time. */
async function pageThrough(args: string, size: number): Promise<VacancyCard[]> {
  const rows: VacancyCard[] = [];
  let after: string | null = null;
  do {
    const page: Page<VacancyCard> = await search(`${args} first: ${size}${after ? ` after: "${after}"` : ''}`);
    rows.push(...page.edges.map((edge) => edge.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

describe('Query.vacancies: areas, filters, orders and cursors', () => {
  it.each([
    ['POSTED_DESC', (a: VacancyCard, b: VacancyCard) => a.postedAt >= b.postedAt],
    ['SALARY_DESC', (a: VacancyCard, b: VacancyCard) => a.salaryMinTenge >= b.salaryMinTenge],
    ['OPEN_DAYS_DESC', (a: VacancyCard, b: VacancyCard) => a.openDays >= b.openDays],
  ])('pages through a region in %s order with keyset cursors, without gaps or repeats', async (order, inOrder) => {
    const args = `area: { regionCode: "KZ-35" } orderBy: ${order}`;
    const whole = await search(`${args} first: 500`);
    const paged = await pageThrough(args, 7);
    expect(ids(paged)).toEqual(ids(whole.edges.map((edge) => edge.node)));
    expect(paged.length).toBe(whole.totalCount);
    expect(paged.length).toBeGreaterThan(14);
    for (let index = 1; index < paged.length; index += 1) expect(inOrder(paged[index - 1]!, paged[index]!)).toBe(true);
  });

  it('finds exactly the vacancies within a radius, nearest first, with distanceKm as turf measures it', async () => {
    const radiusKm = 60;
    const args = `area: { near: { point: { lat: ${KARAGANDA.lat}, lon: ${KARAGANDA.lon} }, radiusKm: ${radiusKm} } } orderBy: DISTANCE`;
    const page = await search(`${args} first: 500`);
    const found = new Set(page.edges.map((edge) => edge.node.id));
    const kmFrom = (vacancy: VacancyCard) => distance([KARAGANDA.lon, KARAGANDA.lat], [vacancy.location.lon, vacancy.location.lat]);
    for (const vacancy of await allOpenVacancies()) {
      const km = kmFrom(vacancy);
      if (km < radiusKm - MARGIN_KM) expect(found.has(vacancy.id), `${vacancy.id} at ${km} km`).toBe(true);
      if (km > radiusKm + MARGIN_KM) expect(found.has(vacancy.id), `${vacancy.id} at ${km} km`).toBe(false);
    }
    expect(found.size).toBeGreaterThan(10);
    const distances = page.edges.map((edge) => edge.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const edge of page.edges) expect(edge.distanceKm!).toBeCloseTo(kmFrom(edge.node), 2);
    expect(ids(await pageThrough(args, 6))).toEqual(ids(page.edges.map((edge) => edge.node)));
  });

  it('finds the vacancies inside a viewport and inside a polygon', async () => {
    const square = squareAround(KARAGANDA, 40);
    const ring = (square.coordinates as number[][][])[0]!;
    const [west, south] = ring[0]!;
    const [east, north] = ring[2]!;
    const viewport = await search(`area: { bbox: { west: ${west} south: ${south} east: ${east} north: ${north} } } first: 500`);
    const polygon = expectData(
      await federation.querySubgraph<{ vacancies: Page<VacancyCard> }>(
        'vacancies',
        `query ($polygon: GeoJSON) { vacancies(area: { polygon: $polygon }, first: 500) { ${PAGE('id')} } }`,
        { polygon: square },
      ),
    ).vacancies;
    const inside = (await allOpenVacancies()).filter((vacancy) =>
      booleanPointInPolygon([vacancy.location.lon, vacancy.location.lat], { type: 'Polygon', coordinates: square.coordinates as number[][][] }),
    );
    expect(inside.length).toBeGreaterThan(10);
    expect(ids(viewport.edges.map((edge) => edge.node)).sort()).toEqual(ids(inside).sort());
    expect(ids(polygon.edges.map((edge) => edge.node)).sort()).toEqual(ids(inside).sort());
  });

  it('applies every field of VacancyFilter', async () => {
    const all = await allOpenVacancies();
    const cases: [string, (vacancy: VacancyCard) => boolean][] = [
      ['occupationCode: "8111"', (vacancy) => vacancy.occupationCode === '8111'],
      ['minSalaryTenge: 400000', (vacancy) => vacancy.salaryMinTenge >= 400_000],
      ['qualityOnly: true', (vacancy) => vacancy.isQualityJob],
      ['housingProvided: true', (vacancy) => vacancy.housingProvided],
      ['employmentType: SEASONAL', (vacancy) => vacancy.employmentType === 'SEASONAL'],
      ['minOpenDays: 60', (vacancy) => vacancy.openDays >= 60],
      ['housingProvided: false, employmentType: PERMANENT', (vacancy) => !vacancy.housingProvided && vacancy.employmentType === 'PERMANENT'],
    ];
    for (const [filter, matches] of cases) {
      const page = await search(`filter: { ${filter} } first: 500`);
      const expected = all.filter(matches);
      expect(expected.length, filter).toBeGreaterThan(0);
      expect(page.totalCount, filter).toBe(expected.length);
      expect(page.edges.every((edge) => matches(edge.node)), filter).toBe(true);
    }
  });

  it('gives a region the same vacancies and counts as an area with its code', async () => {
    type RegionLists = { region: { openVacancyCount: number; housing: Page<VacancyCard> } };
    const data = expectData(
      await federation.query<RegionLists>(
        `{ region(code: "KZ-59") { openVacancyCount housing: vacancies(filter: { housingProvided: true }, first: 100) { ${PAGE('id')} } } }`,
      ),
    );
    const byArea = await search('area: { regionCode: "KZ-59" } first: 500');
    const housing = await search('area: { regionCode: "KZ-59" } filter: { housingProvided: true } first: 100', 'id');
    expect(data.region.openVacancyCount).toBe(byArea.totalCount);
    expect(ids(data.region.housing.edges.map((edge) => edge.node))).toEqual(ids(housing.edges.map((edge) => edge.node)));
    expect(data.region.housing.totalCount).toBe(housing.totalCount);
  });

  it('pages Region.vacancies with its cursors, in the order of the same search by region code', async () => {
    type RegionPage = { region: { vacancies: Page<{ id: string }> } };
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: Page<{ id: string }> = expectData(
        await federation.query<RegionPage>(`query ($after: String) { region(code: "KZ-55") { vacancies(first: 9, after: $after) { ${PAGE('id')} } } }`, { after }),
      ).region.vacancies;
      paged.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const byArea = await search('area: { regionCode: "KZ-55" } first: 500', 'id');
    expect(paged).toEqual(ids(byArea.edges.map((edge) => edge.node)));
    expect(paged.length).toBeGreaterThan(18);
  });
});

interface Shortage {
  region: { code: string } | null;
  enterprise: { id: string } | null;
  occupationCode: string | null;
  openVacancies: number;
  longOpenVacancies: number;
  medianOpenDays: number;
  shortageIndex: number;
}

const SHORTAGE = 'region { code } enterprise { id } occupationCode openVacancies longOpenVacancies medianOpenDays shortageIndex';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

describe('Query.staffingShortages', () => {
  it('groups OPEN vacancies by region with the documented shortageIndex, largest first', async () => {
    const minOpenDays = 30;
    const data = expectData(
      await federation.query<{ staffingShortages: Shortage[] }>(`{ staffingShortages(groupBy: REGION, minOpenDays: ${minOpenDays}) { ${SHORTAGE} } }`),
    );
    const all = await allOpenVacancies();
    expect(data.staffingShortages).toHaveLength(new Set(all.map((vacancy) => vacancy.region.code)).size);
    for (const shortage of data.staffingShortages) {
      const days = all.filter((vacancy) => vacancy.region.code === shortage.region!.code).map((vacancy) => vacancy.openDays);
      const long = days.filter((day) => day >= minOpenDays).length;
      expect(shortage).toMatchObject({ openVacancies: days.length, longOpenVacancies: long, medianOpenDays: median(days), enterprise: null, occupationCode: null });
      expect(shortage.shortageIndex).toBeCloseTo((long / days.length) * (median(days) / minOpenDays), 3);
    }
    const indexes = data.staffingShortages.map((shortage) => shortage.shortageIndex);
    expect(indexes).toEqual([...indexes].sort((a, b) => b - a));
    // docs/domain.md §8: the north is where vacancies stay open
    expect(['KZ-59', 'KZ-55', 'KZ-39', 'KZ-11', 'KZ-63', 'KZ-10', 'KZ-62']).toContain(data.staffingShortages[0]!.region!.code);
  });

  it('groups by occupation inside an area, and by enterprise matching Enterprise.staffingShortage', async () => {
    const byOccupation = expectData(
      await federation.query<{ staffingShortages: Shortage[] }>(
        `{ staffingShortages(groupBy: OCCUPATION, area: { regionCode: "KZ-35" }, minOpenDays: 10, first: 3) { ${SHORTAGE} } }`,
      ),
    ).staffingShortages;
    expect(byOccupation.length).toBeGreaterThan(0);
    expect(byOccupation.length).toBeLessThanOrEqual(3);
    expect(byOccupation.every((shortage) => /^\d{4}$/.test(shortage.occupationCode!) && shortage.region === null)).toBe(true);

    const byEnterprise = expectData(
      await federation.query<{ staffingShortages: (Shortage & { enterprise: { id: string; staffingShortage: Shortage } })[] }>(
        `{ staffingShortages(groupBy: ENTERPRISE, first: 20) { ${SHORTAGE} enterprise { id staffingShortage { ${SHORTAGE} } } } }`,
      ),
    ).staffingShortages;
    expect(byEnterprise).toHaveLength(20);
    for (const shortage of byEnterprise) {
      const { staffingShortage, ...ownRow } = shortage.enterprise;
      expect(staffingShortage).toEqual({ ...shortage, enterprise: ownRow });
    }
  });

  it('serves Enterprise.staffingShortage for many enterprises with one statement', async () => {
    const representations = (await employerBins(60)).map((bin) => ({ __typename: 'Enterprise', bin }));
    const statements = await federation.countStatements('vacancies', () =>
      federation.querySubgraph(
        'vacancies',
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Enterprise { staffingShortage { openVacancies } } } }',
        { representations },
      ),
    );
    expect(statements).toBe(1);
  });
});
