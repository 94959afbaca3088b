import { pgArray, type EntityManager } from '../../kernel/db.js';
import { bound, runSql } from '../../kernel/sql.js';

export interface PopulationAround {
  key: string;
  population: number;
  settlements: number;
}

export interface Circle {
  lat: number;
  lon: number;
  radiusMetres: number;
}

export const circleKey = (circle: Circle): string => `${circle.lat}|${circle.lon}|${circle.radiusMetres}`;

/**
 * People living within each circle (the settlements whose point lies in it, on the sphere as the
 * kernel's area predicate measures), all circles in one statement; circles with none are left out.
 */
export async function populationAround(em: EntityManager, keys: readonly string[]): Promise<PopulationAround[]> {
  const circles = keys.map((key) => key.split('|').map(Number) as [number, number, number]);
  const rows = await runSql<{ key: string; population: number; settlements: number }>(em, bound(
    `select q.key, sum(s.population)::int as population, count(*)::int as settlements
       from unnest(?::text[], ?::float8[], ?::float8[], ?::float8[]) as q (key, lat, lon, radius_metres)
       join regions.settlement s on ST_DWithin(s.location, ST_SetSRID(ST_MakePoint(q.lon, q.lat), 4326)::geography, q.radius_metres, false)
      group by q.key`,
    pgArray(keys), pgArray(circles.map((c) => c[0])), pgArray(circles.map((c) => c[1])), pgArray(circles.map((c) => c[2])),
  ));
  return rows;
}
