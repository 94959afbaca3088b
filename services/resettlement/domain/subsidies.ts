import type { RegionCode } from '../../kernel/domain/kato.js';
import { publishedMoneyFactsFor } from '../../kernel/domain/money.js';

/**
 * Voluntary resettlement support and 2026 regional facts — docs/domain.md §7. Subsidies are in MCI,
 * converted with the MCI of the application's year.
 */

/** docs/domain.md §7: resettlers commit to live and work in the region at least 5 years. */
export const RESETTLEMENT_COMMITMENT_YEARS = 5;

/** docs/domain.md §7: the one-off relocation subsidy is 70 MCI per family member. */
const RELOCATION_MCI_PER_MEMBER = 70;

/**
 * docs/domain.md §7 gives only the range 15–30 MCI per family per month; how a family's size places
 * it in that range is our model: 15 MCI for up to 2 members, 5 MCI more for each further member,
 * capped at 30 (so 5 members or more get 30).
 */
export interface RentSubsidyParameters {
  readonly baseMci: number;
  readonly membersCoveredByBase: number;
  readonly mciPerFurtherMember: number;
  readonly maxMci: number;
}

export const DEFAULT_RENT_SUBSIDY_PARAMETERS: RentSubsidyParameters = {
  baseMci: 15,
  membersCoveredByBase: 2,
  mciPerFurtherMember: 5,
  maxMci: 30,
};

export type ResettlementRole = 'DONOR' | 'RECIPIENT' | 'NEUTRAL';

export interface ResettlementQuota {
  /** Kandas: ethnic Kazakh returnees. */
  readonly kandasPersons: number;
  /** Internal resettlers from labour-surplus regions. */
  readonly resettlerPersons: number;
}

export interface RegionResettlementFacts {
  readonly role: ResettlementRole;
  readonly quotas: { readonly [year: number]: ResettlementQuota };
}

export function relocationSubsidyTenge(familyMembers: number, year: number): number {
  assertFamilySize(familyMembers);
  return RELOCATION_MCI_PER_MEMBER * familyMembers * publishedMoneyFactsFor(year).mciTenge;
}

/** Rent and utilities subsidy per family per month (paid for one year, docs/domain.md §7). */
export function monthlyRentSubsidyTenge(
  familyMembers: number,
  year: number,
  params: RentSubsidyParameters = DEFAULT_RENT_SUBSIDY_PARAMETERS,
): number {
  assertFamilySize(familyMembers);
  const furtherMembers = Math.max(familyMembers - params.membersCoveredByBase, 0);
  const mci = Math.min(params.baseMci + params.mciPerFurtherMember * furtherMembers, params.maxMci);
  return mci * publishedMoneyFactsFor(year).mciTenge;
}

function assertFamilySize(familyMembers: number): void {
  if (!Number.isInteger(familyMembers) || familyMembers < 1) throw new RangeError('a family has a whole number of members, at least 1');
}

const NEUTRAL: RegionResettlementFacts = { role: 'NEUTRAL', quotas: {} };
const DONOR: RegionResettlementFacts = { role: 'DONOR', quotas: {} };

function recipient(quota2026: ResettlementQuota): RegionResettlementFacts {
  return { role: 'RECIPIENT', quotas: { 2026: quota2026 } };
}

/**
 * docs/domain.md §7: recipients (labour-deficit) are the regions with a 2026 quota (confirmed);
 * donors (labour-surplus) are a model from the 2017 programme mapped to today's regions.
 */
export const REGION_RESETTLEMENT_FACTS: Readonly<Record<RegionCode, RegionResettlementFacts>> = {
  'KZ-10': recipient({ kandasPersons: 264, resettlerPersons: 275 }), // Abai
  'KZ-11': recipient({ kandasPersons: 285, resettlerPersons: 0 }), // Akmola
  'KZ-15': NEUTRAL, // Aktobe
  'KZ-19': DONOR, // Almaty Region
  'KZ-23': recipient({ kandasPersons: 125, resettlerPersons: 0 }), // Atyrau
  'KZ-27': recipient({ kandasPersons: 30, resettlerPersons: 0 }), // West Kazakhstan
  'KZ-31': DONOR, // Jambyl
  'KZ-33': DONOR, // Jetisu
  'KZ-35': recipient({ kandasPersons: 0, resettlerPersons: 37 }), // Karaganda
  'KZ-39': recipient({ kandasPersons: 200, resettlerPersons: 485 }), // Kostanay
  'KZ-43': DONOR, // Kyzylorda
  'KZ-47': DONOR, // Mangystau
  'KZ-55': recipient({ kandasPersons: 977, resettlerPersons: 1_655 }), // Pavlodar
  'KZ-59': recipient({ kandasPersons: 200, resettlerPersons: 2_820 }), // North Kazakhstan
  'KZ-61': DONOR, // Turkistan
  'KZ-62': recipient({ kandasPersons: 0, resettlerPersons: 125 }), // Ulytau
  'KZ-63': recipient({ kandasPersons: 200, resettlerPersons: 600 }), // East Kazakhstan
  'KZ-71': NEUTRAL, // Astana
  'KZ-75': NEUTRAL, // Almaty
  'KZ-79': DONOR, // Shymkent
};
