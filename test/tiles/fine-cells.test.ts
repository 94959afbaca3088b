import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { enterpriseSingleBytes, enterpriseTileLayer, enterpriseTiles } from '../../services/enterprises/tiles.js';
import { WORKING_CONDITIONS_CLASSES } from '../../services/kernel/domain/working-conditions.js';
import { FINE_CELL_LEVELS, fineCellGroupsStatement } from '../../services/kernel/tiles/cells.js';
import { tileOf, type TileAddress } from '../../services/kernel/tiles/grid.js';
import type { PointTileLayer } from '../../services/kernel/tiles/points.js';
import { pointGroupsStatement } from '../../services/kernel/tiles/tile-sql.js';
import { sql, type SqlFragment } from '../../services/kernel/sql.js';
import { vacancySingleBytes, vacancyTileLayer, vacancyTiles } from '../../services/vacancies/tiles.js';

/**
 * The fine aggregate (kernel/tiles/cells.ts) answers a dense tile with exactly the groups the
 * tile's rows give: the same grid chosen under every feature and byte limit, the same counts,
 * positions, cluster properties and lone rows' cards. And its triggers keep it equal to a fresh
 * count of the rows at every level through inserts, moves, updates and deletes.
 */
let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
});
afterAll(() => pool?.end());

const TODAY = '2026-12-01';
const PIXEL_GRIDS = [256, 128, 64, 32];

const text = (statement: SqlFragment) => {
  let index = 0;
  return { text: statement.sql.replace(/\?/g, () => `$${++index}`), values: statement.params };
};

/** The features the groups make: the layer's properties (a lone row's card only where count = 1) and the position. */
async function features(layer: PointTileLayer, groups: SqlFragment): Promise<string[]> {
  const { rows } = await pool.query<Record<string, unknown>>(text(sql('select ', layer.properties, ', g.mx, g.my from (', groups, ') g')));
  return rows.map((row) => JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))).sort();
}

const layers: [string, () => PointTileLayer][] = [
  ['enterprises', () => {
    const { filter, today } = enterpriseTiles.parseFilter(new URLSearchParams(), TODAY);
    return enterpriseTileLayer(filter, today);
  }],
  ['vacancies', () => vacancyTileLayer(vacancyTiles.parseFilter(new URLSearchParams(), TODAY))],
];

/** The tile of zoom z around the layer's densest level-18 cell. */
async function densestTile(table: string, z: number): Promise<TileAddress> {
  const { rows } = await pool.query<{ lon: number; lat: number }>(
    `select ST_X(location::geometry) as lon, ST_Y(location::geometry) as lat from ${table}
      where tile_key >> 24 = (select cell_key from ${table}_fine_cell where level = 18 order by count desc, cell_key limit 1) limit 1`,
  );
  expect(rows.length).toBe(1);
  return tileOf(rows[0]!.lon, rows[0]!.lat, z);
}

describe('the fine aggregate', () => {
  for (const [name, layerOf] of layers) {
    for (const z of [10, 12, 13, 14]) {
      it(`${name} z${z}: the same groups as the rows give, for every feature and byte limit`, async () => {
        const layer = layerOf();
        expect(layer.fineCells).toBeDefined();
        const tile = await densestTile(layer.from.split(/\s+/)[0]!, z);
        const alone = await Promise.all(PIXEL_GRIDS.map((grid) => features(layer, pointGroupsStatement(layer, tile, [grid], { features: 1_000_000, bytes: 1e12 }))));
        expect(alone[0]!.length, 'a tile with several groups').toBeGreaterThan(1);
        for (const [index, grid] of PIXEL_GRIDS.entries()) {
          expect(await features(layer, fineCellGroupsStatement(layer.fineCells!, layer, tile, [grid], { features: 1_000_000, bytes: 1e12 })), `grid ${grid}`).toEqual(alone[index]);
        }
        // Limits between the grids' group counts and their byte estimates make both step down the list alike.
        const counts = alone.map((grid) => grid.length);
        for (const featureLimit of new Set([1, ...counts, ...counts.map((count) => count + 1)])) {
          for (const bytes of [1e12, 40 * counts[1]!]) {
            const limits = { features: featureLimit, bytes };
            expect(await features(layer, fineCellGroupsStatement(layer.fineCells!, layer, tile, PIXEL_GRIDS, limits)), JSON.stringify(limits)).toEqual(
              await features(layer, pointGroupsStatement(layer, tile, PIXEL_GRIDS, limits)),
            );
          }
        }
      });
    }
  }

  for (const [name, layerOf] of layers) {
    it(`${name}: reads cells by their key and a lone row's card from the tile-key index alone`, async () => {
      const layer = layerOf();
      const table = layer.from.split(/\s+/)[0]!;
      const tile = await densestTile(table, 12);
      const client = await pool.connect();
      try {
        // The planner would rightly scan small test tables; the question is whether it can do without.
        await client.query('begin');
        await client.query('set local enable_seqscan = off');
        await client.query('set local enable_bitmapscan = off');
        const statement = fineCellGroupsStatement(layer.fineCells!, layer, tile, PIXEL_GRIDS, { features: 10_001, bytes: 500_000 });
        const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(text(sql('explain (format json) ', statement)));
        const plan = JSON.stringify(rows[0]!['QUERY PLAN']);
        const short = table.split('.')[1]!;
        expect(plan, plan).toMatch(new RegExp(`"Node Type":"Index Only Scan",[^{}]*"Index Name":"${short}_tile_key"`));
        expect(plan, plan).toMatch(new RegExp(`"Index Name":"${short}_fine_cell_pkey"`));
        expect(plan, plan).not.toMatch(/"Node Type":"(Seq Scan|Bitmap Heap Scan)"/);
        expect(plan, plan).not.toMatch(new RegExp(`"Node Type":"Index Scan",[^{}]*"Index Name":"${short}_tile_key"`));
      } finally {
        await client.query('rollback');
        client.release();
      }
    });
  }

  it('is answered only for the unfiltered layer', () => {
    const filtered = enterpriseTiles.parseFilter(new URLSearchParams({ minHazardClass: 'HARMFUL_3_1' }), TODAY);
    expect(enterpriseTileLayer(filtered.filter, filtered.today).fineCells).toBeUndefined();
    expect(vacancyTileLayer(vacancyTiles.parseFilter(new URLSearchParams({ housingProvided: 'true' }), TODAY)).fineCells).toBeUndefined();
  });

  it('follows inserts, moves, updates, closes and deletes in the writing transaction, at every level', async () => {
    const client = await pool.connect();
    const recount = (table: string, where: string, sums: string) =>
      `select l.level, r.tile_key >> (2 * (30 - l.level)) as cell_key, count(*)::int as count, ${sums},
              sum(r.tile_x::float8) as sum_tile_x, sum(r.tile_y::float8) as sum_tile_y
         from ${table} r cross join unnest(array[${FINE_CELL_LEVELS.join(', ')}]) l(level) where ${where} group by 1, 2`;
    const stored = (table: string, sums: string) => `select level, cell_key, count, ${sums}, sum_tile_x, sum_tile_y from ${table}_fine_cell where count > 0`;
    const differences = async (table: string, where: string, sums: [string, string]) => {
      const fresh = recount(table, where, sums[0]);
      const kept = stored(table, sums[1]);
      const { rows } = await client.query(`(${fresh} except ${kept}) union all (${kept} except ${fresh})`);
      return rows;
    };
    // The cells' byte sums are the layers' own estimates, so the two paths choose the same grid.
    const ranks = WORKING_CONDITIONS_CLASSES.map((_, rank) => rank);
    const enterpriseSums: [string, string] = [
      `sum(r.special_payment_eligible_workers)::bigint as eligible_workers, sum(${enterpriseSingleBytes('r')})::bigint as single_bytes,
       ${ranks.map((rank) => `sum((r.hazard_rank = ${rank})::int)::bigint as rank_${rank}`).join(', ')}`,
      `eligible_workers, single_bytes, ${ranks.map((rank) => `rank_${rank}`).join(', ')}`,
    ];
    const vacancySums: [string, string] = [`sum(${vacancySingleBytes('r')})::bigint as single_bytes`, 'single_bytes'];
    try {
      await client.query('begin');
      // The seed inserted every row after the migration, so this first check is the insert trigger's.
      expect(await differences('enterprises.enterprise', 'true', enterpriseSums)).toEqual([]);
      expect(await differences('vacancies.vacancy', "r.status = 'OPEN'", vacancySums)).toEqual([]);
      // Writes of every kind, several rows a statement, then the aggregate against a fresh count again.
      const { rows: some } = await client.query<{ id: string }>('select id from enterprises.enterprise order by id limit 6');
      const ids = some.map((row) => row.id);
      await client.query(`update enterprises.enterprise set location = ST_SetSRID(ST_MakePoint(71.43 + random() / 100, 51.13), 4326)::geography where id = any($1)`, [ids.slice(0, 3)]);
      await client.query('update enterprises.enterprise set hazard_rank = 6, special_payment_eligible_workers = special_payment_eligible_workers + 5, name = name || $2 where id = any($1)', [ids.slice(2, 5), ' (renamed)']);
      const { rows: vacancies } = await client.query<{ id: string }>("select id from vacancies.vacancy where status = 'OPEN' order by id limit 6");
      const vacancyIds = vacancies.map((row) => row.id);
      await client.query("update vacancies.vacancy set status = 'CLOSED', closed_at = now() where id = any($1)", [vacancyIds.slice(0, 2)]);
      await client.query('update vacancies.vacancy set location = ST_SetSRID(ST_MakePoint(76.9, 43.25), 4326)::geography, title = title || $2 where id = any($1)', [vacancyIds.slice(1, 4), ' (moved)']);
      await client.query('delete from vacancies.vacancy where id = any($1)', [vacancyIds.slice(4, 6)]);
      expect(await differences('enterprises.enterprise', 'true', enterpriseSums)).toEqual([]);
      expect(await differences('vacancies.vacancy', "r.status = 'OPEN'", vacancySums)).toEqual([]);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
