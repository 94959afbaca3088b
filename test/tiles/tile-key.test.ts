import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { enterpriseTileLayer, enterpriseTiles } from '../../services/enterprises/tiles.js';
import { tileOf } from '../../services/kernel/tiles/grid.js';
import type { PointTileLayer } from '../../services/kernel/tiles/points.js';
import { tileKeyCondition } from '../../services/kernel/tiles/tile-key.js';
import { pointGroupsStatement } from '../../services/kernel/tiles/tile-sql.js';
import { bound, sql, type SqlFragment } from '../../services/kernel/sql.js';
import { projectTileLayer, projectTiles } from '../../services/projects/tiles.js';
import { vacancyTileLayer, vacancyTiles } from '../../services/vacancies/tiles.js';

/**
 * The point layers' tile key (kernel/tiles/tile-key.ts): the database's Morton key and the key
 * range a tile asks for agree with the tile every web map computes for a point, at every zoom;
 * and every filter of every point layer is answered from the tile-key index alone, so a column
 * added to a layer but not to its index's INCLUDE list fails here, not as a slow city tile.
 */
let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 1 });
});
afterAll(() => pool?.end());

const text = (statement: SqlFragment) => {
  let index = 0;
  return { text: statement.sql.replace(/\?/g, () => `$${++index}`), values: statement.params };
};

const TODAY = '2026-12-01';

describe('the tile key', () => {
  it('puts each point in the key range of the tile web maps compute for it, at zooms 0 to 22', async () => {
    const { rows } = await pool.query<{ id: string; lon: number; lat: number }>(
      `select id, ST_X(location::geometry) as lon, ST_Y(location::geometry) as lat from enterprises.enterprise order by id limit 40`,
    );
    expect(rows.length).toBe(40);
    for (const z of [0, 3, 7, 10, 12, 14, 18, 22]) {
      for (const row of rows) {
        const tile = tileOf(row.lon, row.lat, z);
        const count = (condition: SqlFragment) =>
          sql(bound('select count(*)::int as n from enterprises.enterprise e where e.id = ? and ', row.id), condition);
        const inTile = count(tileKeyCondition('e', tile));
        const beside = count(tileKeyCondition('e', { z, x: tile.x ^ 1, y: tile.y }));
        const [found, neighbour] = await Promise.all(
          [inTile, beside].map(async (statement) => (await pool.query<{ n: number }>(text(statement))).rows[0]),
        );
        expect(found!.n, `${row.id} at ${z}/${tile.x}/${tile.y}`).toBe(1);
        expect(neighbour!.n, `${row.id} beside ${z}/${tile.x}/${tile.y}`).toBe(0);
      }
    }
  });

  const layers: [string, Record<string, string>, () => PointTileLayer][] = [
    ...(
      [{}, { minHazardClass: 'HARMFUL_3_1' }, { specialPaymentEligible: 'true' }, { assessmentOverdue: 'true' }, { okedPrefix: '01' }] as Record<
        string,
        string
      >[]
    ).map((params): [string, Record<string, string>, () => PointTileLayer] => [
      'enterprises',
      params,
      () => {
        const { filter, today } = enterpriseTiles.parseFilter(new URLSearchParams(params), TODAY);
        return enterpriseTileLayer(filter, today);
      },
    ]),
    ...(
      [
        {},
        { occupationCode: '2512' },
        { minSalaryTenge: '300000' },
        { qualityOnly: 'true' },
        { housingProvided: 'true' },
        { employmentType: 'SEASONAL' },
        { minOpenDays: '10' },
      ] as Record<string, string>[]
    ).map((params): [string, Record<string, string>, () => PointTileLayer] => [
      'vacancies',
      params,
      () => vacancyTileLayer(vacancyTiles.parseFilter(new URLSearchParams(params), TODAY)),
    ]),
    ...(
      [{}, { sectorPrefix: '24' }, { status: 'CONSTRUCTION' }, { minInvestmentTenge: '1000000' }, { regionCode: 'KZ-35' }] as Record<string, string>[]
    ).map((params): [string, Record<string, string>, () => PointTileLayer] => [
      'projects',
      params,
      () => projectTileLayer(projectTiles.parseFilter(new URLSearchParams(params), TODAY)),
    ]),
  ];
  for (const [name, params, layerOf] of layers) {
    it(`${name} ${JSON.stringify(params)}: a tile's rows come from the tile-key index alone`, async () => {
      const layer = layerOf();
      const statement = pointGroupsStatement(layer, tileOf(73.1, 49.8, 12), [256, 128], { features: 10_001, bytes: 500_000 });
      const client = await pool.connect();
      try {
        // The planner would rightly scan a small test table; the question is whether it can use the index alone.
        await client.query('begin');
        await client.query('set local enable_seqscan = off');
        await client.query('set local enable_bitmapscan = off');
        const { text: query, values } = text(sql('explain (format json) ', statement));
        const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(query, values);
        const plan = JSON.stringify(rows[0]!['QUERY PLAN']);
        const table = layer.from.split(/\s+/)[0]!.split('.')[1]!;
        expect(plan, plan).toMatch(new RegExp(`"Node Type":"Index Only Scan",[^{}]*"Index Name":"${table}_tile_key"`));
        expect(plan, plan).not.toMatch(/"Node Type":"(Seq Scan|Index Scan|Bitmap Heap Scan)"/);
      } finally {
        await client.query('rollback');
        client.release();
      }
    });
  }
});
