import { describe, expect, it } from 'vitest';
import { tileOf } from '../../services/kernel/tiles/grid.js';
import { expectData, federation, tokenFor } from '../support/federation.js';
import { countSum, decode, fetchAll, fetchTile, gatewayOrigin, insideExtent, tilesFor, tileUrl } from './support.js';

/** The vacancies, zones and regions layers (design §9), each served by the subgraph owning its rows. */

interface VacancyCard {
  id: string;
  title: string;
  occupationCode: string;
  salaryMinTenge: number;
  conditionsClass: string;
  housingProvided: boolean;
  openDays: number;
  location: { lat: number; lon: number };
  katoCode: string;
  enterprise: { bin: string };
}

const VACANCIES = `query ($filter: VacancyFilter, $after: String) {
  vacancies(filter: $filter, first: 500, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id title occupationCode salaryMinTenge conditionsClass housingProvided openDays location { lat lon } katoCode enterprise { bin } } } } }`;

async function graphqlVacancies(filter: Record<string, unknown>): Promise<{ totalCount: number; cards: VacancyCard[] }> {
  const cards: VacancyCard[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { vacancies: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: VacancyCard }[] } } =
      expectData(await federation.query(VACANCIES, { filter, after }));
    cards.push(...data.vacancies.edges.map((edge) => edge.node));
    if (!data.vacancies.pageInfo.hasNextPage) return { totalCount: data.vacancies.totalCount, cards };
    after = data.vacancies.pageInfo.endCursor;
  }
}

describe('vacancy tiles', () => {
  const filters: Record<string, string | number | boolean>[] = [
    {},
    { housingProvided: true },
    { minSalaryTenge: 300_000, minOpenDays: 10 },
    { qualityOnly: true },
  ];
  for (const filter of filters) {
    it(`Σ count equals GraphQL totalCount for ${JSON.stringify(filter)} at zooms 3, 8, 14, and zoom 14 holds exactly its vacancies`, async () => {
      const { totalCount, cards } = await graphqlVacancies(filter);
      expect(totalCount).toBeGreaterThan(0);
      for (const z of [3, 8, 14]) {
        const tiles = await fetchAll('vacancies', tilesFor(z, cards.map((card) => card.location)), filter);
        expect({ z, sum: countSum(tiles) }).toEqual({ z, sum: totalCount });
        if (z === 14) {
          const ids = tiles.flatMap((tile) => tile.features.map((feature) => feature.properties.id));
          expect(ids.sort()).toEqual(cards.map((card) => card.id).sort());
        }
      }
    });
  }

  it('a single vacancy carries its card fields; a cluster its count', async () => {
    const { cards } = await graphqlVacancies({});
    const card = cards[0]!;
    const feature = (await fetchTile('vacancies', tileOf(card.location.lon, card.location.lat, 14))).find((candidate) => candidate.properties.id === card.id);
    expect(feature?.properties).toEqual({
      count: 1,
      cluster: false,
      id: card.id,
      title: card.title,
      occupationCode: card.occupationCode,
      salaryMinTenge: card.salaryMinTenge,
      conditionsClass: card.conditionsClass,
      housingProvided: card.housingProvided,
      openDays: card.openDays,
    });
    const low = (await fetchAll('vacancies', tilesFor(3, []))).flatMap((tile) => tile.features);
    expect(low.some((candidate) => candidate.properties.cluster === true && Number(candidate.properties.count) > 1)).toBe(true);
  });

  it('a posted vacancy shows in the next tile and a closed one leaves it (the ETag changes each time)', async () => {
    const { cards } = await graphqlVacancies({});
    const employer = cards[0]!;
    const token = await tokenFor({ sub: 'employer-tiles', roles: ['employer'], bin: employer.enterprise.bin });
    const location = { lat: employer.location.lat + 0.0007, lon: employer.location.lon + 0.0007 };
    const tile = tileOf(location.lon, location.lat, 14);
    const before = await fetch(tileUrl('vacancies', tile));
    const etag = before.headers.get('etag')!;
    const count = decode(await before.arrayBuffer(), 'vacancies').length;
    const posted = expectData(
      await federation.query<{ postVacancy: { id: string } }>(
        'mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }',
        {
          input: {
            bin: employer.enterprise.bin,
            title: 'Map tile test posting',
            occupationCode: '7212',
            salaryMinTenge: 350_000,
            employmentType: 'PERMANENT',
            katoCode: employer.katoCode,
            location,
          },
        },
        { token },
      ),
    ).postVacancy;
    try {
      const after = await fetch(tileUrl('vacancies', tile), { headers: { 'if-none-match': etag } });
      expect(after.status).toBe(200);
      const features = decode(await after.arrayBuffer(), 'vacancies');
      expect(features.length).toBe(count + 1);
      expect(features.find((feature) => feature.properties.id === posted.id)?.properties).toMatchObject({ title: 'Map tile test posting', openDays: 0 });
    } finally {
      expectData(
        await federation.query('mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }', { id: posted.id }, { token }),
      );
    }
    const closed = await fetch(tileUrl('vacancies', tile), { headers: { 'if-none-match': etag } });
    expect(closed.status).toBe(304);
  });

  it('400 naming a bad vacancy filter', async () => {
    for (const [query, argument] of [
      ['minSalaryTenge=-5', 'minSalaryTenge'],
      ['minSalaryTenge=12.5', 'minSalaryTenge'],
      ['occupationCode=12', 'occupationCode'],
      ['minOpenDays=99999', 'minOpenDays'],
      ['qualityOnly=1', 'qualityOnly'],
      ['employmentType=GIG', 'employmentType'],
      ['minHazardClass=DANGEROUS_4', 'minHazardClass'],
    ]) {
      const response = await fetch(`${gatewayOrigin()}/tiles/vacancies/5/22/10.mvt?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', argument } });
    }
  });
});

describe('zone tiles', () => {
  it("zone areas as polygons with this year's quota, as GraphQL gives it", async () => {
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric' }).format(new Date()));
    const data = expectData(
      await federation.query<{ resettlementZones: { id: string; name: string; center: { lat: number; lon: number }; region: { code: string }; quota: { families: number; freeFamilies: number } | null }[] }>(
        'query ($year: Int!) { resettlementZones { id name center { lat lon } region { code } quota(year: $year) { families freeFamilies } } }',
        { year },
      ),
    );
    expect(data.resettlementZones.length).toBeGreaterThan(0);
    for (const zone of data.resettlementZones.slice(0, 5)) {
      const features = await fetchTile('zones', tileOf(zone.center.lon, zone.center.lat, 10));
      const feature = features.find((candidate) => candidate.properties.id === zone.id);
      expect(feature?.type).toBe(3);
      expect(feature?.properties).toMatchObject({ name: zone.name, regionCode: zone.region.code, year, freeFamilies: zone.quota?.freeFamilies ?? 0 });
      if (zone.quota) expect(feature?.properties.families).toBe(zone.quota.families);
      expect(feature!.geometry[0]!.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('zone tiles for a chosen year', () => {
  it('?year= gives that year\'s quota as GraphQL gives it; a bad year is a 400 naming it', async () => {
    const year = 2025;
    const data = expectData(
      await federation.query<{ resettlementZones: { id: string; center: { lat: number; lon: number }; quota: { families: number; freeFamilies: number } | null }[] }>(
        'query ($year: Int!) { resettlementZones { id center { lat lon } quota(year: $year) { families freeFamilies } } }',
        { year },
      ),
    );
    for (const zone of data.resettlementZones.slice(0, 5)) {
      const features = await fetchTile('zones', tileOf(zone.center.lon, zone.center.lat, 10), { year });
      const feature = features.find((candidate) => candidate.properties.id === zone.id);
      expect(feature?.properties).toMatchObject({ year, freeFamilies: zone.quota?.freeFamilies ?? 0 });
    }
    for (const query of ['year=1999', 'year=20x5', 'year=2025&year=2026']) {
      const response = await fetch(`${gatewayOrigin()}/tiles/zones/5/22/10.mvt?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', argument: 'year' } });
    }
  });
});

describe('region tiles', () => {
  it('the 20 regions as polygons over Kazakhstan at a low zoom, with code and names; TileJSON describes them', async () => {
    const data = expectData(await federation.query<{ regions: { code: string; name: string }[] }>('{ regions { code name } }'));
    const tiles = await fetchAll('regions', tilesFor(3, []));
    const features = tiles.flatMap((tile) => tile.features);
    expect(features.every((feature) => feature.type === 3)).toBe(true);
    expect(new Set(features.map((feature) => feature.properties.code))).toEqual(new Set(data.regions.map((region) => region.code)));
    const karaganda = features.find((feature) => feature.properties.code === 'KZ-35');
    expect(karaganda?.properties.name).toBe(data.regions.find((region) => region.code === 'KZ-35')?.name);
    // Polygons reach past the tile's edge by at most the buffer; points never do (insideExtent).
    expect(features.some((feature) => !insideExtent(feature))).toBe(true);

    const tileJson = (await (await fetch(`${gatewayOrigin()}/tiles/regions.json`)).json()) as { vector_layers: { fields: Record<string, string> }[] };
    expect(Object.keys(tileJson.vector_layers[0]!.fields)).toEqual(expect.arrayContaining(['code', 'name']));
    const bad = await fetch(`${gatewayOrigin()}/tiles/regions/3/5/2.mvt?minHazardClass=DANGEROUS_4`);
    expect(bad.status).toBe(400);
  });
});
