import { makeIin } from '../../kernel/domain/identifiers.js';
import { nameBasedUuid } from '../../kernel/ids.js';
import { REGION_CODES } from '../../kernel/domain/kato.js';
import type { WorkSector } from '../../kernel/domain/work-sectors.js';
import type { Random, Settlement } from '../../kernel/seed/demo-world.js';
import { monthlyRentSubsidyTenge, REGION_RESETTLEMENT_FACTS, RESETTLEMENT_COMMITMENT_YEARS, relocationSubsidyTenge } from '../domain/subsidies.js';

/**
 * The resettlement part of the synthetic world (docs/domain.md §8): zones at real settlements of the
 * recipient regions with the 2026 quotas, and families' applications from the donor regions.
 * Pure and deterministic: the same settlements and random stream give the same rows.
 */

/** The year of the confirmed regional quotas (docs/domain.md §7). */
export const DEMO_YEAR = 2026;

/**
 * Zone quotas are in families, regional quotas in persons. Model: a region's families are its
 * kandas and resettler persons together divided by this average family size (rounded up, so a
 * small quota still admits a family), split as evenly as possible over the region's zones.
 */
const AVERAGE_FAMILY_SIZE = 4;

const ZONES_PER_RECIPIENT_REGION = 3;

/** Share of a zone's quota already accepted; full zones (1) exist so `withFreeQuota` has something to drop. */
const ACCEPTED_SHARES = [0, 0.25, 0.5, 0.75, 1] as const;

const REJECTION_REASONS = [
  'incomplete documents',
  'the family already received resettlement support',
  'no able-bodied member can take up work in the zone',
];

export interface RegionResettlementRow {
  regionCode: string;
  year: number;
  role: string;
  kandasPersons: number;
  resettlerPersons: number;
}

export interface DemoZone {
  id: string;
  name: string;
  regionCode: string;
  katoCode: string;
  lat: number;
  lon: number;
  /** The zone's area is a buffer of this radius around the settlement centre. */
  radiusMetres: number;
  housingOffered: number;
  families: number;
}

export interface DemoApplication {
  id: string;
  zoneId: string;
  year: number;
  status: 'PENDING' | 'ACCEPTED' | 'REJECTED';
  fromKatoCode: string;
  fromRegionCode: string;
  applicantIin: string;
  familyMembers: number;
  ableBodiedMembers: number;
  relocationSubsidyTenge: number;
  monthlyRentSubsidyTenge: number;
  commitmentYears: number;
  createdAt: string;
  decidedAt: string | null;
  reason: string | null;
}

export interface DemoResettlement {
  regions: RegionResettlementRow[];
  zones: DemoZone[];
  applications: DemoApplication[];
}

/** Every region's role, and its quotas in persons for each year the facts give (zero for non-recipients). */
function regionResettlementRows(): RegionResettlementRow[] {
  return REGION_CODES.map(({ iso }) => {
    const facts = REGION_RESETTLEMENT_FACTS[iso];
    const quota = facts.quotas[DEMO_YEAR] ?? { kandasPersons: 0, resettlerPersons: 0 };
    return { regionCode: iso, year: DEMO_YEAR, role: facts.role, ...quota };
  });
}

function regionFamilies(region: RegionResettlementRow): number {
  return Math.ceil((region.kandasPersons + region.resettlerPersons) / AVERAGE_FAMILY_SIZE);
}

/** `total` split into `parts` whole numbers differing by at most one, the larger ones first. */
function splitEvenly(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) picked.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0]!);
  return picked;
}

function demoZones(random: Random, settlements: readonly Settlement[], regions: readonly RegionResettlementRow[]): DemoZone[] {
  return regions
    .filter((region) => region.role === 'RECIPIENT')
    .flatMap((region) => {
      const candidates = settlements.filter((settlement) => settlement.regionCode === region.regionCode);
      const chosen = pickDistinct(random, candidates, ZONES_PER_RECIPIENT_REGION);
      const shares = splitEvenly(regionFamilies(region), chosen.length);
      return chosen.map((settlement, index) => {
        const zoneFamilies = shares[index]!;
        return {
          id: nameBasedUuid(`resettlement-zone:${settlement.katoCode}`),
          name: settlement.name,
          regionCode: region.regionCode,
          katoCode: settlement.katoCode,
          lat: settlement.lat,
          lon: settlement.lon,
          radiusMetres: random.int(3, 8) * 1000,
          housingOffered: random.int(Math.ceil(zoneFamilies / 4), zoneFamilies),
          families: zoneFamilies,
        };
      });
    });
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Applications of DEMO_YEAR: each zone accepted a share of its quota (never more), plus a few pending and rejected. */
function demoApplications(random: Random, settlements: readonly Settlement[], regions: readonly RegionResettlementRow[], zones: readonly DemoZone[]) {
  const donorSettlements = settlements.filter((settlement) =>
    regions.some((region) => region.role === 'DONOR' && region.regionCode === settlement.regionCode),
  );
  const applications: DemoApplication[] = [];
  for (const zone of zones) {
    const accepted = Math.round(zone.families * random.pick(ACCEPTED_SHARES));
    const statuses = [
      ...Array<'ACCEPTED'>(accepted).fill('ACCEPTED'),
      ...Array<'PENDING'>(random.int(0, 3)).fill('PENDING'),
      ...Array<'REJECTED'>(random.int(0, 2)).fill('REJECTED'),
    ];
    for (const status of statuses) {
      const serial = applications.length;
      const from = random.weighted(donorSettlements, (settlement) => settlement.weight);
      const familyMembers = random.int(1, 7);
      const createdAt = new Date(Date.UTC(DEMO_YEAR - 1, 9, 1) + random.int(0, 270 * 24 * 3600) * 1000);
      const birthDate = isoDate(new Date(Date.UTC(random.int(1970, 2000), random.int(0, 11), random.int(1, 28))));
      applications.push({
        id: nameBasedUuid(`resettlement-application:${serial}`),
        zoneId: zone.id,
        year: DEMO_YEAR,
        status,
        fromKatoCode: from.katoCode,
        fromRegionCode: from.regionCode,
        applicantIin: makeIin(birthDate, random.pick(['MALE', 'FEMALE'] as const), serial % 9000),
        familyMembers,
        ableBodiedMembers: random.int(1, Math.min(familyMembers, 4)),
        relocationSubsidyTenge: relocationSubsidyTenge(familyMembers, DEMO_YEAR),
        monthlyRentSubsidyTenge: monthlyRentSubsidyTenge(familyMembers, DEMO_YEAR),
        commitmentYears: RESETTLEMENT_COMMITMENT_YEARS,
        createdAt: createdAt.toISOString(),
        decidedAt: status === 'PENDING' ? null : new Date(createdAt.getTime() + random.int(1, 30) * 24 * 3600 * 1000).toISOString(),
        reason: status === 'REJECTED' ? random.pick(REJECTION_REASONS) : null,
      });
    }
  }
  return applications;
}

export function demoResettlement(random: Random, settlements: readonly Settlement[]): DemoResettlement {
  const regions = regionResettlementRows();
  const zones = demoZones(random, settlements, regions);
  return { regions, zones, applications: demoApplications(random, settlements, regions, zones) };
}

/** For the progress bar: on average half of each quota is accepted, with 2.5 pending or rejected per zone. */
export function expectedDemoRows(): number {
  const regions = regionResettlementRows();
  const recipients = regions.filter((region) => region.role === 'RECIPIENT');
  const zones = recipients.length * ZONES_PER_RECIPIENT_REGION;
  const families = recipients.reduce((sum, region) => sum + regionFamilies(region), 0);
  return regions.length + 2 * zones + Math.round(families / 2 + zones * 2.5);
}

/**
 * Model of what movers say they want (docs/domain.md §10, the 2017 study): of 1 008 able-bodied
 * movers 794 wanted state jobs, 116 agriculture and 98 their own business. The demo draws each
 * able-bodied member's intention from those shares, so the match shows the study's mismatch.
 */
const INTENTIONS_2017: [WorkSector, number][] = [
  ['GOVERNMENT', 794],
  ['AGRICULTURE', 116],
  ['OWN_BUSINESS', 98],
];

/** Of about 7 000 resettlers 108 returned (docs/domain.md §1): the demo's returns come to the same share of persons. */
const RETURN_SHARE = 108 / 7000;

export interface DemoIntention {
  applicationId: string;
  member: number;
  sector: WorkSector;
}

export interface DemoReturn {
  applicationId: string;
  returnedOn: string;
  members: number;
}

/**
 * Intentions for every able-bodied member of every application, and whole-family returns of
 * accepted families until the returned persons reach RETURN_SHARE of the resettled ones; a
 * family returns 30 to 120 days after its acceptance. Its own random stream, so the zones and
 * applications stay as they were.
 */
export function demoIntentionsAndReturns(random: Random, applications: readonly DemoApplication[]) {
  const intentions: DemoIntention[] = applications.flatMap((application) =>
    Array.from({ length: application.ableBodiedMembers }, (_, index) => ({
      applicationId: application.id,
      member: index + 1,
      sector: random.weighted(INTENTIONS_2017, ([, weight]) => weight)[0],
    })),
  );
  const accepted = applications.filter((application) => application.status === 'ACCEPTED');
  const target = Math.round(accepted.reduce((sum, application) => sum + application.familyMembers, 0) * RETURN_SHARE);
  const returns: DemoReturn[] = [];
  let returned = 0;
  for (const application of [...accepted].sort((a, b) => a.id.localeCompare(b.id))) {
    if (returned + application.familyMembers > target) continue;
    const decided = new Date(application.decidedAt!);
    returns.push({
      applicationId: application.id,
      returnedOn: isoDate(new Date(decided.getTime() + random.int(30, 120) * 24 * 3600 * 1000)),
      members: application.familyMembers,
    });
    returned += application.familyMembers;
    if (returned === target) break;
  }
  return { intentions, returns };
}
