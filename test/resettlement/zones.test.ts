import { describe, expect, it } from 'vitest';
import { REGION_RESETTLEMENT_FACTS } from '../../services/resettlement/domain/subsidies.js';
import { expectData, federation } from '../support/federation.js';

interface Zone {
  id: string;
  name: string;
  katoCode: string;
  region: { code: string; resettlementRole: string };
  center: { lat: number; lon: number };
  area: { type: string; coordinates: number[][][][] };
  quota: { year: number; families: number; acceptedFamilies: number; freeFamilies: number } | null;
}

const ZONE_FIELDS = 'id name katoCode region { code resettlementRole } center { lat lon } area quota(year: 2026) { year families acceptedFamilies freeFamilies }';

const roleOf = (code: string) => REGION_RESETTLEMENT_FACTS[code as keyof typeof REGION_RESETTLEMENT_FACTS].role;

async function zones(args = ''): Promise<Zone[]> {
  const data = expectData(await federation.query<{ resettlementZones: Zone[] }>(`{ resettlementZones${args} { ${ZONE_FIELDS} } }`));
  return data.resettlementZones;
}

describe('resettlement zones through the gateway', () => {
  it('places at least two zones in every recipient region and none in a donor or neutral region', async () => {
    const all = await zones();
    const recipients = Object.keys(REGION_RESETTLEMENT_FACTS).filter((code) => roleOf(code) === 'RECIPIENT');
    for (const code of recipients) expect(all.filter((zone) => zone.region.code === code).length, code).toBeGreaterThanOrEqual(2);
    expect(all.every((zone) => zone.region.resettlementRole === 'RECIPIENT' && roleOf(zone.region.code) === 'RECIPIENT')).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(all.length).toBeLessThanOrEqual(40);
  });

  it('gives every zone a KATO code of its own region and an area around its centre', async () => {
    for (const zone of await zones()) {
      expect(zone.katoCode).toMatch(new RegExp(`^${zone.region.code.slice(3)}\\d{7}$`));
      expect(zone.area.type).toBe('MultiPolygon');
      const ring = zone.area.coordinates[0]![0]!;
      const lons = ring.map(([lon]) => lon!);
      const lats = ring.map(([, lat]) => lat!);
      expect(Math.min(...lons)).toBeLessThan(zone.center.lon);
      expect(Math.max(...lons)).toBeGreaterThan(zone.center.lon);
      expect(Math.min(...lats)).toBeLessThan(zone.center.lat);
      expect(Math.max(...lats)).toBeGreaterThan(zone.center.lat);
    }
  });

  it('counts free families as families minus accepted ones, never negative, and never accepts above the quota', async () => {
    const all = await zones();
    for (const { quota, name } of all) {
      expect(quota, name).not.toBeNull();
      expect(quota!.acceptedFamilies).toBeLessThanOrEqual(quota!.families);
      expect(quota!.freeFamilies).toBe(Math.max(quota!.families - quota!.acceptedFamilies, 0));
    }
    // The demo data has both kinds, or the filter below would prove nothing.
    expect(all.some((zone) => zone.quota!.freeFamilies === 0)).toBe(true);
    expect(all.some((zone) => zone.quota!.freeFamilies > 0)).toBe(true);
  });

  it('derives 2026 zone quotas in families from the regional quotas in persons (4 persons a family, rounded up)', async () => {
    const all = await zones();
    for (const [code, facts] of Object.entries(REGION_RESETTLEMENT_FACTS)) {
      const persons = (facts.quotas[2026]?.kandasPersons ?? 0) + (facts.quotas[2026]?.resettlerPersons ?? 0);
      const families = all.filter((zone) => zone.region.code === code).reduce((sum, zone) => sum + zone.quota!.families, 0);
      expect(families, code).toBe(Math.ceil(persons / 4));
    }
  });

  it('keeps zones with free families left with withFreeQuota: true, and full ones with false', async () => {
    const [withFree, full, ofYear] = await Promise.all([
      zones('(year: 2026, withFreeQuota: true)'),
      zones('(year: 2026, withFreeQuota: false)'),
      zones('(year: 2026)'),
    ]);
    expect(withFree.every((zone) => zone.quota!.freeFamilies > 0)).toBe(true);
    expect(full.every((zone) => zone.quota!.freeFamilies === 0)).toBe(true);
    expect([...withFree, ...full].map((zone) => zone.id).sort()).toEqual(ofYear.map((zone) => zone.id).sort());
  });

  it('has no zone with a quota in a year without one, and no quota object for it', async () => {
    expect(await zones('(year: 2031)')).toEqual([]);
    const data = expectData(await federation.query<{ resettlementZones: { quota: null }[] }>('{ resettlementZones { quota(year: 2031) { families } } }'));
    expect(data.resettlementZones.every((zone) => zone.quota === null)).toBe(true);
  });

  it('filters by region code, either as an argument or as the area', async () => {
    const all = await zones();
    const pavlodar = all.filter((zone) => zone.region.code === 'KZ-55').map((zone) => zone.id);
    expect((await zones('(regionCode: "KZ-55")')).map((zone) => zone.id)).toEqual(pavlodar);
    expect((await zones('(area: { regionCode: "KZ-55" })')).map((zone) => zone.id)).toEqual(pavlodar);
    expect(await zones('(regionCode: "KZ-61")')).toEqual([]);
  });

  it('matches a zone when its area intersects the searched area, even without its centre', async () => {
    const [zone] = await zones('(regionCode: "KZ-59")');
    const ring = zone!.area.coordinates[0]![0]!;
    const [eastLon, eastLat] = ring.reduce((east, position) => (position[0]! > east[0]! ? position : east));
    // A 0.01° box around the zone's easternmost vertex: the centre is kilometres west of it.
    const bbox = { west: eastLon! - 0.01, south: eastLat! - 0.01, east: eastLon! + 0.01, north: eastLat! + 0.01 };
    expect(bbox.west).toBeGreaterThan(zone!.center.lon);
    const found = await zones(`(area: { bbox: { west: ${bbox.west}, south: ${bbox.south}, east: ${bbox.east}, north: ${bbox.north} } })`);
    expect(found.map((candidate) => candidate.id)).toContain(zone!.id);
    const near = await zones(`(area: { near: { point: { lat: ${eastLat}, lon: ${eastLon! + 0.02} }, radiusKm: 2 } })`);
    expect(near.map((candidate) => candidate.id)).toContain(zone!.id);
    const polygon = {
      type: 'Polygon',
      coordinates: [[[bbox.west, bbox.south], [bbox.east, bbox.south], [bbox.east, bbox.north], [bbox.west, bbox.north], [bbox.west, bbox.south]]],
    };
    const byPolygon = expectData(
      await federation.query<{ resettlementZones: { id: string }[] }>(
        'query ($polygon: GeoJSON) { resettlementZones(area: { polygon: $polygon }) { id } }',
        { polygon },
      ),
    );
    expect(byPolygon.resettlementZones.map((candidate) => candidate.id)).toContain(zone!.id);
  });

  it('resolves many zone references, area included, in one SQL statement', async () => {
    const all = await zones();
    const representations = all.map((zone) => ({ __typename: 'ResettlementZone', id: zone.id }));
    let entities: { id: string; area: { type: string } }[] = [];
    const statements = await federation.countStatements('resettlement', async () => {
      entities = expectData(
        await federation.querySubgraph<{ _entities: { id: string; area: { type: string } }[] }>(
          'resettlement',
          'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ResettlementZone { id area } } }',
          { representations },
        ),
      )._entities;
    });
    expect(statements).toBe(1);
    expect(entities.map((entity) => entity.id)).toEqual(all.map((zone) => zone.id));
    expect(entities.every((entity) => entity.area.type === 'MultiPolygon')).toBe(true);
  });

  it('answers quotas of every zone, for two years at once, in one SQL statement', async () => {
    const statements = await federation.countStatements('resettlement', async () => {
      expectData(await federation.query('{ resettlementZones { now: quota(year: 2026) { families } later: quota(year: 2027) { families } } }'));
    });
    expect(statements).toBe(2);
  });

  it.each([
    ['an unknown region code', '{ resettlementZones(regionCode: "KZ-99") { id } }', 'regionCode'],
    ['a year before 2020', '{ resettlementZones(year: 1999) { id } }', 'year'],
    ['withFreeQuota without a year', '{ resettlementZones(withFreeQuota: true) { id } }', 'year'],
    ['a quota year after 2100', '{ resettlementZones { quota(year: 2101) { families } } }', 'year'],
    ['two area fields at once', '{ resettlementZones(area: { regionCode: "KZ-55", bbox: { west: 1, south: 1, east: 2, north: 2 } }) { id } }', 'area'],
    ['a zero radius', '{ resettlementZones(area: { near: { point: { lat: 52, lon: 76 }, radiusKm: 0 } }) { id } }', 'area.near.radiusKm'],
  ])('answers %s with BAD_USER_INPUT naming the argument', async (_case, query, argument) => {
    const response = await federation.query(query);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
