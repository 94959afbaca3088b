import { describe, expect, it } from 'vitest';
import { REGIONS } from '../../services/kernel/domain/regions.js';
import { expectData, federation } from '../support/federation.js';

interface RegionCard {
  code: string;
  katoCode: string;
  name: string;
  kind: string;
  center: { lat: number; lon: number };
  areaKm2: number;
  population: number;
}

describe('regions subgraph through the gateway', () => {
  it('lists the 20 first-level units with the codes, names and centres of docs/domain.md §2', async () => {
    const data = expectData(
      await federation.query<{ regions: RegionCard[] }>(
        '{ regions { code katoCode name kind center { lat lon } areaKm2 population } }',
      ),
    );
    expect(data.regions.map((region) => region.code)).toEqual(REGIONS.map((region) => region.code).sort());
    const karaganda = data.regions.find((region) => region.code === 'KZ-35')!;
    expect(karaganda).toMatchObject({ katoCode: '35', name: 'Karaganda Region', kind: 'OBLAST', center: { lat: 49.8, lon: 73.1 } });
    expect(data.regions.reduce((sum, region) => sum + region.population, 0)).toBe(20_495_975);
  });

  it('computes geodesic areas from the real boundaries within 1 % of the data set README', async () => {
    const data = expectData(await federation.query<{ regions: RegionCard[] }>('{ regions { code areaKm2 } }'));
    const area = (code: string) => data.regions.find((region) => region.code === code)!.areaKm2;
    expect(area('KZ-35')).toBeCloseTo(238_704, -3);
    expect(Math.abs(area('KZ-71') - 801) / 801).toBeLessThan(0.01);
    expect(data.regions.reduce((sum, region) => sum + region.areaKm2, 0) / 2_721_605).toBeCloseTo(1, 2);
  });

  it('names regions in Kazakh, Russian and English', async () => {
    const data = expectData(
      await federation.query<{ region: { kk: string; ru: string; en: string } }>(
        '{ region(code: "KZ-62") { kk: name(lang: KK) ru: name(lang: RU) en: name } }',
      ),
    );
    expect(data.region).toEqual({ kk: 'Ұлытау облысы', ru: 'область Ұлытау', en: 'Ulytau Region' });
  });

  it('finds the region containing a point, and null outside Kazakhstan', async () => {
    const data = expectData(
      await federation.query<{ karaganda: { code: string }; astana: { code: string }; moscow: null }>(`{
        karaganda: regionAt(point: { lat: 49.8, lon: 73.1 }) { code }
        astana: regionAt(point: { lat: 51.128, lon: 71.43 }) { code }
        moscow: regionAt(point: { lat: 55.75, lon: 37.62 }) { code }
      }`),
    );
    expect(data).toEqual({ karaganda: { code: 'KZ-35' }, astana: { code: 'KZ-71' }, moscow: null });
  });

  it('simplifies boundaries in SQL: fewer vertices, still a MultiPolygon', async () => {
    const data = expectData(
      await federation.query<{ region: { full: { type: string; coordinates: number[][][][] }; simple: { type: string; coordinates: number[][][][] } } }>(
        '{ region(code: "KZ-55") { full: boundary simple: boundary(simplifyMeters: 2000) } }',
      ),
    );
    const vertices = (geometry: { coordinates: number[][][][] }) => geometry.coordinates.flat(2).length;
    expect(data.region.simple.type).toBe('MultiPolygon');
    expect(vertices(data.region.simple)).toBeLessThan(vertices(data.region.full) / 2);
  });

  it.each([
    ['an unknown region code', '{ region(code: "KZ-99") { code } }', 'code'],
    ['a malformed region code', '{ region(code: "Karaganda") { code } }', 'code'],
    ['a latitude out of range', '{ regionAt(point: { lat: 91, lon: 70 }) { code } }', 'point.lat'],
    ['a negative simplification', '{ region(code: "KZ-35") { boundary(simplifyMeters: -1) } }', 'simplifyMeters'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_case, query, argument) => {
    const response = await federation.query(query);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });

  it('resolves many Region references in one SQL statement', async () => {
    const representations = REGIONS.map((region) => ({ __typename: 'Region', code: region.code }));
    const statements = await federation.countStatements('regions', async () => {
      const data = expectData(
        await federation.querySubgraph<{ _entities: { code: string; name: string }[] }>(
          'regions',
          'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Region { code name } } }',
          { representations },
        ),
      );
      expect(data._entities).toHaveLength(20);
    });
    expect(statements).toBe(1);
  });
});
