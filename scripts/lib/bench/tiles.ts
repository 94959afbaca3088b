import type { Random, Settlement } from '../../../services/kernel/seed/demo-world.js';

/**
 * The map's tile scenarios: GET /tiles/{layer}/{z}/{x}/{y}.mvt through the gateway, at the zooms a
 * map user meets (national, regional, city, street), each request a tile around a city drawn by
 * population weight; the floor is the same tile from hand-written ST_AsMVT SQL on the same
 * database (a real PostGIS only: the embedded one has no protobuf-c), clustered with
 * ST_SnapToGrid below the cluster zoom like ours.
 */
export interface TileScenario {
  name: string;
  layer: 'enterprises' | 'vacancies';
  zoom: number;
}

export const TILE_SCENARIOS: TileScenario[] = [5, 8, 12, 14].flatMap((zoom) =>
  (['enterprises', 'vacancies'] as const).map((layer) => ({ name: `tile-${layer}-z${zoom}`, layer, zoom })),
);

/** The XYZ tile holding a point, as every web map computes it. */
function tileAt(lat: number, lon: number, zoom: number): { z: number; x: number; y: number } {
  const scale = 2 ** zoom;
  const radians = (lat * Math.PI) / 180;
  const x = Math.floor(((lon + 180) / 360) * scale);
  const y = Math.floor(((1 - Math.log(Math.tan(radians) + 1 / Math.cos(radians)) / Math.PI) / 2) * scale);
  return { z: zoom, x, y };
}

export function randomTile(random: Random, settlements: Settlement[], zoom: number) {
  const settlement = random.weighted(settlements, (candidate) => candidate.weight);
  return tileAt(settlement.lat, settlement.lon, zoom);
}

/**
 * What a hand-written tile carries per feature, as in ours (services/<subgraph>/tiles.ts): a
 * cluster its count (and, for enterprises, the worst class and the summed eligible workers), a
 * single point its card fields — so the floor makes the same tile, not a lighter one. (The
 * overdue test is the five-year period without the month-end rule: the same cost per row.)
 */
const FLOOR_PROPERTIES = {
  enterprises: {
    cluster: `count(*) as count, max(hazard_rank) as "hazardRank", sum(special_payment_eligible_workers) as "eligibleWorkers"`,
    single: `1 as count, id::text as id, bin::text as bin, name, headcount, hazard_rank as "hazardRank",
             special_payment_eligible_workers as "eligibleWorkers",
             (last_assessment_date is null or last_assessment_date < current_date - interval '5 years') as "assessmentOverdue"`,
  },
  vacancies: {
    cluster: 'count(*) as count',
    single: `1 as count, id::text as id, title, occupation_code as "occupationCode", salary_min_tenge as "salaryMinTenge",
             conditions_class as "conditionsClass", housing_provided as "housingProvided",
             floor(extract(epoch from now() - posted_at) / 86400)::int as "openDays"`,
  },
} as const;

/** The floor: one statement per tile, ST_AsMVT over the layer's rows (clusters of a 32-cell grid below `clusterBelowZoom`). */
export function tileFloor(scenario: TileScenario, tile: { z: number; x: number; y: number }, clusterBelowZoom: number) {
  const table = scenario.layer === 'enterprises' ? 'enterprises.enterprise' : 'vacancies.vacancy';
  const open = scenario.layer === 'vacancies' ? `and status = 'OPEN'` : '';
  const properties = FLOOR_PROPERTIES[scenario.layer];
  const projected = `select ST_Transform(location::geometry, 3857) as g, ${table}.* from ${table}, envelope
                      where location::geometry && ST_Transform(envelope.env, 4326) ${open}`;
  const features =
    scenario.zoom < clusterBelowZoom
      ? `select ST_AsMVTGeom(ST_Centroid(ST_Collect(g)), envelope.env) as geom, ${properties.cluster}
           from (${projected}) p, envelope group by ST_SnapToGrid(g, (ST_XMax(envelope.env) - ST_XMin(envelope.env)) / 32), envelope.env`
      : `select ST_AsMVTGeom(g, envelope.env) as geom, ${properties.single} from (${projected}) p, envelope`;
  return {
    text: `with envelope as (select ST_TileEnvelope($1, $2, $3) as env)
           select ST_AsMVT(f, '${scenario.layer}') from (${features}) f`,
    values: [tile.z, tile.x, tile.y],
  };
}
