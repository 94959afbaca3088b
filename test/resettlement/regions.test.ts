import { describe, expect, it } from 'vitest';
import { REGION_RESETTLEMENT_FACTS } from '../../services/resettlement/domain/subsidies.js';
import { expectData, federation } from '../support/federation.js';

interface RegionResettlement {
  code: string;
  resettlementRole: string;
  resettlementQuota: { year: number; kandasPersons: number; resettlerPersons: number } | null;
  resettlementZones: { id: string; region: { code: string } }[];
}

const QUERY = `{ regions { code resettlementRole resettlementQuota(year: 2026) { year kandasPersons resettlerPersons }
                           resettlementZones { id region { code } } } }`;

describe('resettlement figures on Region', () => {
  it('gives every region the role of docs/domain.md §7', async () => {
    const { regions } = expectData(await federation.query<{ regions: RegionResettlement[] }>(QUERY));
    expect(regions).toHaveLength(20);
    for (const region of regions) {
      expect(region.resettlementRole, region.code).toBe(REGION_RESETTLEMENT_FACTS[region.code as keyof typeof REGION_RESETTLEMENT_FACTS].role);
    }
    const role = (code: string) => regions.find((region) => region.code === code)!.resettlementRole;
    expect(['KZ-61', 'KZ-79', 'KZ-31', 'KZ-43', 'KZ-47', 'KZ-19', 'KZ-33'].map(role)).toEqual(Array(7).fill('DONOR'));
    expect(['KZ-55', 'KZ-59', 'KZ-62', 'KZ-35'].map(role)).toEqual(Array(4).fill('RECIPIENT'));
    expect(role('KZ-71')).toBe('NEUTRAL');
  });

  it('reports the 2026 quotas: Pavlodar 977 kandas and 1 655 resettlers, 8 278 persons in all', async () => {
    const { regions } = expectData(await federation.query<{ regions: RegionResettlement[] }>(QUERY));
    const pavlodar = regions.find((region) => region.code === 'KZ-55')!;
    expect(pavlodar.resettlementQuota).toEqual({ year: 2026, kandasPersons: 977, resettlerPersons: 1_655 });
    expect(regions.find((region) => region.code === 'KZ-59')!.resettlementQuota).toMatchObject({ kandasPersons: 200, resettlerPersons: 2_820 });
    expect(regions.find((region) => region.code === 'KZ-61')!.resettlementQuota).toMatchObject({ kandasPersons: 0, resettlerPersons: 0 });
    const total = regions.reduce((sum, region) => sum + region.resettlementQuota!.kandasPersons + region.resettlementQuota!.resettlerPersons, 0);
    expect(total).toBe(8_278);
  });

  it('has no quota for a year without data', async () => {
    const data = expectData(await federation.query<{ region: { resettlementQuota: null } }>('{ region(code: "KZ-55") { resettlementQuota(year: 2030) { year } } }'));
    expect(data.region.resettlementQuota).toBeNull();
  });

  it("lists each region's own zones, and only recipients have any", async () => {
    const { regions } = expectData(await federation.query<{ regions: RegionResettlement[] }>(QUERY));
    for (const region of regions) {
      expect(region.resettlementZones.every((zone) => zone.region.code === region.code)).toBe(true);
      if (region.resettlementRole !== 'RECIPIENT') expect(region.resettlementZones, region.code).toEqual([]);
    }
    const listed = expectData(await federation.query<{ resettlementZones: { id: string }[] }>('{ resettlementZones { id } }'));
    expect(regions.flatMap((region) => region.resettlementZones.map((zone) => zone.id)).sort()).toEqual(
      listed.resettlementZones.map((zone) => zone.id).sort(),
    );
  });

  it('answers role, quota and zones of all 20 regions with one SQL statement each', async () => {
    const statements = await federation.countStatements('resettlement', async () => {
      expectData(await federation.query(QUERY));
    });
    expect(statements).toBe(3);
  });

  it('rejects a quota year out of range with BAD_USER_INPUT naming year', async () => {
    const response = await federation.query('{ region(code: "KZ-55") { resettlementQuota(year: 19) { year } } }');
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'year' });
  });
});
