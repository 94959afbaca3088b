import { describe, it, expect } from 'vitest';
import { REGION_CODES } from '../../kernel/domain/kato.js';
import { UnknownYear } from '../../kernel/domain/money.js';
import {
  DEFAULT_RENT_SUBSIDY_PARAMETERS,
  REGION_RESETTLEMENT_FACTS,
  RESETTLEMENT_COMMITMENT_YEARS,
  monthlyRentSubsidyTenge,
  relocationSubsidyTenge,
} from './subsidies.js';

const facts = Object.entries(REGION_RESETTLEMENT_FACTS);
const regionsWhere = (role: string) => facts.filter(([, f]) => f.role === role).map(([iso]) => iso).sort();

describe('relocationSubsidyTenge', () => {
  it('pays 70 MCI per family member at the MCI of the year', () => {
    expect(relocationSubsidyTenge(1, 2026)).toBe(302_750); // 70 × 4 325
    expect(relocationSubsidyTenge(4, 2026)).toBe(1_211_000);
    expect(relocationSubsidyTenge(4, 2024)).toBe(1_033_760); // 4 × 70 × 3 692
  });

  it.each([0, -1, 2.5])('rejects a family of %d members', (members) => {
    expect(() => relocationSubsidyTenge(members, 2026)).toThrow(RangeError);
  });

  it('throws UnknownYear for a year without an MCI', () => {
    expect(() => relocationSubsidyTenge(3, 2027)).toThrow(UnknownYear);
  });
});

describe('monthlyRentSubsidyTenge', () => {
  it.each([
    [1, 15],
    [2, 15],
    [3, 20],
    [4, 25],
    [5, 30],
    [9, 30],
  ])('gives a family of %i members %i MCI a month', (members, mci) => {
    expect(monthlyRentSubsidyTenge(members, 2025)).toBe(mci * 3_932);
  });

  it('stays within the 15–30 MCI of docs/domain.md §7 for any family size', () => {
    const inMci = Array.from({ length: 20 }, (_, i) => monthlyRentSubsidyTenge(i + 1, 2026) / 4_325);
    expect(Math.min(...inMci)).toBe(15);
    expect(Math.max(...inMci)).toBe(30);
  });

  it('follows configured parameters', () => {
    const params = { ...DEFAULT_RENT_SUBSIDY_PARAMETERS, membersCoveredByBase: 3, maxMci: 25 };
    expect(monthlyRentSubsidyTenge(3, 2026, params)).toBe(15 * 4_325);
    expect(monthlyRentSubsidyTenge(8, 2026, params)).toBe(25 * 4_325);
  });

  it('rejects an empty family', () => {
    expect(() => monthlyRentSubsidyTenge(0, 2026)).toThrow(RangeError);
  });
});

describe('RESETTLEMENT_COMMITMENT_YEARS', () => {
  it('is 5 years', () => {
    expect(RESETTLEMENT_COMMITMENT_YEARS).toBe(5);
  });
});

describe('REGION_RESETTLEMENT_FACTS', () => {
  it('covers exactly the 20 regions', () => {
    expect(Object.keys(REGION_RESETTLEMENT_FACTS).sort()).toEqual(REGION_CODES.map(({ iso }) => iso).sort());
  });

  it('totals 8 278 persons in the 2026 quotas', () => {
    const total = facts.reduce((sum, [, f]) => sum + (f.quotas[2026]?.kandasPersons ?? 0) + (f.quotas[2026]?.resettlerPersons ?? 0), 0);
    expect(total).toBe(8_278);
  });

  it('splits the 2026 quotas into 2 281 kandas and 5 997 internal resettlers', () => {
    const kandas = facts.reduce((sum, [, f]) => sum + (f.quotas[2026]?.kandasPersons ?? 0), 0);
    const resettlers = facts.reduce((sum, [, f]) => sum + (f.quotas[2026]?.resettlerPersons ?? 0), 0);
    expect([kandas, resettlers]).toEqual([2_281, 5_997]);
  });

  it('holds the published quotas of Pavlodar and North Kazakhstan', () => {
    expect(REGION_RESETTLEMENT_FACTS['KZ-55'].quotas[2026]).toEqual({ kandasPersons: 977, resettlerPersons: 1_655 });
    expect(REGION_RESETTLEMENT_FACTS['KZ-59'].quotas[2026]).toEqual({ kandasPersons: 200, resettlerPersons: 2_820 });
  });

  it('makes recipients exactly the regions with a 2026 quota', () => {
    const withQuota = facts.filter(([, f]) => f.quotas[2026] !== undefined).map(([iso]) => iso).sort();
    expect(regionsWhere('RECIPIENT')).toEqual(withQuota);
    expect(withQuota).toEqual(['KZ-10', 'KZ-11', 'KZ-23', 'KZ-27', 'KZ-35', 'KZ-39', 'KZ-55', 'KZ-59', 'KZ-62', 'KZ-63']);
  });

  it('makes Turkistan, Shymkent, Jambyl, Kyzylorda, Mangystau, Almaty Region and Jetisu the donors', () => {
    expect(regionsWhere('DONOR')).toEqual(['KZ-19', 'KZ-31', 'KZ-33', 'KZ-43', 'KZ-47', 'KZ-61', 'KZ-79']);
  });

  it('leaves Aktobe, Astana and Almaty neutral', () => {
    expect(regionsWhere('NEUTRAL')).toEqual(['KZ-15', 'KZ-71', 'KZ-75']);
  });

  it('makes no region both donor and recipient: no donor receives a quota', () => {
    expect(facts.filter(([, f]) => f.role === 'DONOR' && Object.keys(f.quotas).length > 0)).toEqual([]);
  });
});
