import { REGIONS } from '../../../services/kernel/domain/regions.js';
import type { Random, Settlement } from '../../../services/kernel/seed/demo-world.js';
import type { SqlFragment } from '../../../services/kernel/sql.js';
import { boxCountStatement, type DegreeBox } from '../../../services/kernel/tiles/cells.js';
import type { Peer } from './peers.js';

/** A kernel statement (`?` placeholders) as node-postgres takes it (`$1`, `$2`, …). */
function numbered(statement: SqlFragment): { text: string; values: unknown[] } {
  let index = 0;
  return { text: statement.sql.replace(/\?/g, () => `$${++index}`), values: statement.params };
}

/**
 * The fixed benchmark scenarios: a GraphQL document with variables drawn from a seeded stream,
 * and the floor — the same answer from the smallest hand-written SQL on the same database.
 */
export interface Scenario {
  name: string;
  subgraphs: number;
  document: string;
  variables(random: Random): Record<string, unknown>;
  floor(variables: Record<string, unknown>): { text: string; values: unknown[] }[];
  /** The same answer asked of a peer (bench/peers/), its variables made from ours. */
  peers?: Partial<Record<Peer, PeerQuery>>;
}

export interface PeerQuery {
  document: string;
  variables(ours: Record<string, unknown>): Record<string, unknown>;
}

const RECIPIENT_YEAR = 2026;

function cityPoint(random: Random, settlements: Settlement[]) {
  const settlement = random.weighted(settlements, (candidate) => candidate.weight);
  return { lat: settlement.lat, lon: settlement.lon };
}

export function scenarios(settlements: Settlement[]): Scenario[] {
  return [
    {
      name: 'near-50km',
      subgraphs: 2,
      document: `query ($point: GeoPointInput!) {
        enterprises(area: { near: { point: $point, radiusKm: 50 } }, orderBy: DISTANCE, first: 50) {
          edges { distanceKm node { id name hazardClass region { name } } } } }`,
      variables: (random) => ({ point: cityPoint(random, settlements) }),
      floor: (variables) => {
        const point = variables.point as { lat: number; lon: number };
        return [
          {
            // The 50 nearest by the GiST index's KNN scan, then the radius: the same rows as
            // "within 50 km, nearest first, 50", without sorting every enterprise of a big city.
            text: `select e.id, e.name, e.hazard_rank, r.name_en,
                          ST_Distance(e.location, p.g, false) / 1000 as distance_km
                     from (select ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography as g) p
                     cross join lateral (
                       select * from enterprises.enterprise order by location <-> p.g limit 50) e
                     join regions.region r on r.code = e.region_code
                    where ST_DWithin(e.location, p.g, 50000, false)
                    order by distance_km, e.id`,
            values: [point.lon, point.lat],
          },
        ];
      },
      peers: {
        // enterprisesNear is the peer's own root field (bench/peers/postgraphile/README.md: no
        // distance operator or distance order in PostGraphile v4); hazardRank is the rank hazardClass names.
        postgraphile: {
          document: `query ($lat: Float!, $lon: Float!) {
            enterprisesNear(lat: $lat, lon: $lon, radiusKm: 50, first: 50) {
              id name hazardRank distanceKm(lat: $lat, lon: $lon) regionByRegionCode { nameEn } } }`,
          variables: (ours) => ours.point as { lat: number; lon: number },
        },
      },
    },
    {
      name: 'viewport',
      subgraphs: 1,
      document: `query ($bbox: BBoxInput!) {
        enterprises(area: { bbox: $bbox }, first: 200) {
          totalCount edges { node { id name hazardClass location { lat lon } } } } }`,
      variables: (random) => {
        const { lat, lon } = cityPoint(random, settlements);
        return { bbox: { west: lon - 0.15, south: lat - 0.1, east: lon + 0.15, north: lat + 0.1 } };
      },
      // The answer the API gives (docs/architecture.md §8): the 200 of the box nearest its centre
      // (a KNN walk on the location index), and the box's total from the cell aggregate — its
      // whole cells summed, its edge rows counted — in the statement the subgraph sends.
      floor: (variables) => {
        const box = variables.bbox as DegreeBox;
        return [
          {
            // The 200th nearest distance from a KNN walk, then the rows within it in (distance, id)
            // order. The box and the centre are parameters in place: from a CTE, the planner can
            // neither walk the index in distance order nor bound the scan (150× slower).
            text: `select id, name, hazard_rank, ST_Y(location::geometry) as lat, ST_X(location::geometry) as lon
                     from enterprises.enterprise, (
                       select max(d) as d from (
                         select location::geometry <-> ST_SetSRID(ST_MakePoint($5, $6), 4326) as d from enterprises.enterprise
                          where ST_Intersects(location::geometry, ST_MakeEnvelope($1, $2, $3, $4, 4326))
                          order by location::geometry <-> ST_SetSRID(ST_MakePoint($5, $6), 4326) limit 200) walk) horizon
                    where ST_Intersects(location::geometry, ST_MakeEnvelope($1, $2, $3, $4, 4326))
                      and ST_DWithin(location::geometry, ST_SetSRID(ST_MakePoint($5, $6), 4326), horizon.d + 1e-9)
                    order by location::geometry <-> ST_SetSRID(ST_MakePoint($5, $6), 4326), id limit 200`,
            values: [box.west, box.south, box.east, box.north, (box.west + box.east) / 2, (box.south + box.north) / 2],
          },
          numbered(
            boxCountStatement(
              { cells: 'enterprises.enterprise_cell', conditions: [] },
              { from: 'enterprises.enterprise e', location: 'e.location', conditions: [] },
              box,
            ),
          ),
        ];
      },
      peers: {
        // The connection-filter PostGIS `intersects` on geography: the box's edges are geodesics,
        // not parallels, so a point within metres of the north or south edge may differ.
        postgraphile: {
          document: `query ($box: GeoJSON!) {
            allEnterprises(filter: { location: { intersects: $box } }, orderBy: [NAME_ASC, ID_ASC], first: 200) {
              totalCount nodes { id name hazardRank location { latitude longitude } } } }`,
          variables: (ours) => {
            const { west, south, east, north } = ours.bbox as { west: number; south: number; east: number; north: number };
            const ring = [[west, south], [east, south], [east, north], [west, north], [west, south]];
            return { box: { type: 'Polygon', coordinates: [ring] } };
          },
        },
      },
    },
    {
      name: 'payments-region',
      subgraphs: 1,
      document: `query ($regionCode: ID!) {
        hazardousWorkPayments(area: { regionCode: $regionCode }) {
          enterprises workersInHarmfulConditions eligibleWorkers monthlyTotalTenge
          byClass { conditionsClass enterprises eligibleWorkers monthlyTotalTenge } } }`,
      variables: (random) => ({ regionCode: random.pick(REGIONS).code }),
      floor: (variables) => [
        {
          text: `select hazard_rank, count(*), sum(workers_in_harmful_conditions), sum(special_payment_eligible_workers),
                        sum(special_payment_monthly_total_tenge)
                   from enterprises.enterprise where region_code = $1 and hazard_rank >= 2
                  group by rollup (hazard_rank)`,
          values: [variables.regionCode],
        },
      ],
    },
    {
      name: 'shortages',
      subgraphs: 2,
      document: `{ staffingShortages(groupBy: REGION) {
        region { name } openVacancies longOpenVacancies medianOpenDays shortageIndex } }`,
      variables: () => ({}),
      floor: () => [
        {
          text: `select r.name_en, s.* from (
                   select region_code, count(*) as open_vacancies,
                          count(*) filter (where posted_at < now() - interval '30 days') as long_open,
                          percentile_cont(0.5) within group (order by extract(epoch from now() - posted_at) / 86400) as median_days
                     from vacancies.vacancy where status = 'OPEN' group by region_code) s
                   join regions.region r on r.code = s.region_code order by long_open desc limit 50`,
          values: [],
        },
      ],
    },
    {
      name: 'zones-nearby',
      subgraphs: 4,
      document: `{ resettlementZones(year: ${RECIPIENT_YEAR}, withFreeQuota: true) { name region { name }
        nearbyVacancies(radiusKm: 30, first: 10, filter: { housingProvided: true }) { edges { distanceKm
          node { title salaryMinTenge enterprise { name hazardClass specialPayment { eligibleWorkers } } } } } } }`,
      variables: () => ({}),
      floor: () => [
        {
          // Per zone, as in the subgraph: the 10 nearest its centre among the matches inside the
          // area (a KNN walk from the centroid for the horizon, then the rows within it), and only
          // when the inside holds fewer than 10, the nearest outside (a KNN walk from the area).
          text: `with zone as materialized (
                   select z.name, r.name_en, shape.area, shape.centre,
                          (select max(ST_Distance(shape.centre, corner.geom::geography, false)) from ST_DumpPoints(z.area) corner) * 1.001 + 1 as reach
                     from resettlement.resettlement_zone z
                     join regions.region r on r.code = z.region_code
                     cross join lateral (select z.area::geography as area, ST_Centroid(z.area)::geography as centre) shape
                    where exists (select 1 from resettlement.zone_quota_status q where q.zone_id = z.id and q.year = ${RECIPIENT_YEAR} and q.free_families > 0))
                 select zone.name, zone.name_en, v.title, v.salary_min_tenge, v.distance_m / 1000 as distance_km, e.name, e.hazard_rank,
                        e.special_payment_eligible_workers
                   from zone cross join lateral (
                     with inside as materialized (
                       select page.* from (
                         select max(walk.d) as metres from (
                           select vv.location <-> zone.centre as d from vacancies.vacancy vv
                            where vv.status = 'OPEN' and ((vv.location <-> zone.centre) > zone.reach or (vv.housing_provided and (vv.location <-> zone.area) = 0))
                            order by vv.location <-> zone.centre limit 10) walk
                          where walk.d <= zone.reach) horizon
                       cross join lateral (
                         select vv.id, vv.title, vv.salary_min_tenge, vv.enterprise_bin, 0::float8 as distance_m, vv.location <-> zone.centre as centre_m
                           from vacancies.vacancy vv
                          where vv.status = 'OPEN' and vv.housing_provided and (vv.location <-> zone.area) = 0
                            and ST_DWithin(vv.location, zone.centre, horizon.metres + 0.01, false)
                          order by centre_m, vv.id limit 10) page),
                     outside as (
                       select page.* from (
                         select max(walk.d) as metres from (
                           select vv.location <-> zone.area as d from vacancies.vacancy vv
                            where vv.status = 'OPEN' and ((vv.location <-> zone.area) > 30001 or (vv.housing_provided and (vv.location <-> zone.area) > 0
                                  and ST_DWithin(vv.location, zone.area, 30000, false)))
                            order by vv.location <-> zone.area limit 10) walk
                          where walk.d <= 30001) horizon
                       cross join lateral (
                         select vv.id, vv.title, vv.salary_min_tenge, vv.enterprise_bin, vv.location <-> zone.area as distance_m, vv.location <-> zone.centre as centre_m
                           from vacancies.vacancy vv
                          where vv.status = 'OPEN' and vv.housing_provided and (vv.location <-> zone.area) > 0
                            and ST_DWithin(vv.location, zone.area, 30000, false) and ST_DWithin(vv.location, zone.area, horizon.metres + 0.01, false)
                          order by distance_m, centre_m, vv.id limit 10) page
                        where (select count(*) from inside) < 10)
                     select * from inside union all select * from outside order by distance_m, centre_m, id limit 10) v
                   join enterprises.enterprise e on e.bin = v.enterprise_bin`,
          values: [],
        },
      ],
    },
    {
      name: 'entity-fanout',
      subgraphs: 3,
      document: `{ vacancies(first: 500) { edges { node { title enterprise { name bin region { name } } } } } }`,
      variables: () => ({}),
      floor: () => [
        {
          text: `select v.title, e.name, e.bin, r.name_en
                   from (select title, enterprise_bin from vacancies.vacancy where status = 'OPEN'
                          order by posted_at desc, id desc limit 500) v
                   join enterprises.enterprise e on e.bin = v.enterprise_bin
                   join regions.region r on r.code = e.region_code`,
          values: [],
        },
      ],
    },
  ];
}
