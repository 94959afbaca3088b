import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { tileOf, type TileAddress } from '../../services/kernel/tiles/grid.js';
import { CLUSTER_FEATURE_BYTES, pointGroupsStatement, type PointGroupRow, type PointTileSource } from '../../services/kernel/tiles/tile-sql.js';
import { bound, type SqlFragment } from '../../services/kernel/sql.js';

/**
 * A dense tile tries its grids in one statement (docs/architecture.md, "Map tiles"): the answer is
 * the groups of the first grid that makes fewer than `limit` groups, or of the last one, exactly
 * as if each grid had been asked alone in turn. The limits here are small so that the seed's
 * densest street tile steps down the list, as a city tile does at 1 M with the real limit.
 */
let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: inject('databaseUrl'), max: 2 });
});
afterAll(() => pool?.end());

const SINGLE_BYTES = 100;
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

const SOURCE: PointTileSource = {
  from: 'enterprises.enterprise e',
  location: 'e.location',
  columns: ['id', 'headcount'],
  key: 'e.id',
  // Every lone row the same size, so each grid's estimate is a function of its groups alone.
  singleBytes: String(SINGLE_BYTES),
  conditions: [],
  aggregates: bound('sum(e.headcount)::int as headcount'),
  singles: bound('min(e.id::text) as id'),
};

async function run(statement: SqlFragment): Promise<PointGroupRow[]> {
  let index = 0;
  const { rows } = await pool.query<PointGroupRow>(
    statement.sql.replace(/\?/g, () => `$${++index}`),
    statement.params,
  );
  return rows;
}

/** A group as a comparable string: its count, rounded position, headcount and (single) id. */
const key = (row: PointGroupRow) => `${row.count}:${Math.round(row.mx)}:${Math.round(row.my)}:${row.headcount}:${row.count === 1 ? row.id : ''}`;

describe('point tiles try their grids in one statement', () => {
  it('answers with the first grid under the limits, the same groups as that grid alone, for every feature and byte limit', async () => {
    const { rows: densest } = await pool.query<{ lon: number; lat: number }>(
      `select ST_X(location::geometry) as lon, ST_Y(location::geometry) as lat from enterprises.enterprise
        where region_code = 'KZ-35' order by id limit 1`,
    );
    expect(densest.length).toBe(1);
    const tile: TileAddress = tileOf(densest[0]!.lon, densest[0]!.lat, 6);
    const grids = [null, 256, 16, 2] as const;
    const alone = await Promise.all(grids.map((grid) => run(pointGroupsStatement(SOURCE, tile, [grid], { features: 1_000_000, bytes: NO_LIMIT }))));
    const total = alone[0]!.reduce((sum, row) => sum + row.count, 0);
    expect(total).toBeGreaterThan(4);
    // Coarser grids make fewer groups (2×2 at most), and every grid counts every row once.
    expect(alone.at(-1)!.length).toBeLessThanOrEqual(4);
    for (const groups of alone) expect(groups.reduce((sum, row) => sum + row.count, 0)).toBe(total);

    const counts = alone.map((groups) => groups.length);
    // So limits between these counts make the statement step past its first grids.
    expect(counts[0]!).toBeGreaterThan(counts.at(-1)!);
    for (const limit of new Set([2, ...counts, ...counts.map((count) => count + 1), total + 1])) {
      const chosen = counts.findIndex((count) => count < limit);
      const expected = alone[chosen === -1 ? grids.length - 1 : chosen]!;
      const rows = await run(pointGroupsStatement(SOURCE, tile, grids, { features: limit, bytes: NO_LIMIT }));
      expect(rows.map(key).sort(), `limit ${limit}`).toEqual(expected.map(key).sort());
    }

    // The same steps by estimated bytes: a lone row SINGLE_BYTES, a group of several CLUSTER_FEATURE_BYTES.
    const estimates = alone.map((groups) => groups.reduce((sum, row) => sum + (row.count === 1 ? SINGLE_BYTES : CLUSTER_FEATURE_BYTES), 0));
    expect(estimates[0]!).toBeGreaterThan(estimates.at(-1)!);
    for (const bytes of new Set([0, ...estimates, ...estimates.map((estimate) => estimate - 1)])) {
      const chosen = estimates.findIndex((estimate) => estimate <= bytes);
      const expected = alone[chosen === -1 ? grids.length - 1 : chosen]!;
      const rows = await run(pointGroupsStatement(SOURCE, tile, grids, { features: 1_000_000, bytes }));
      expect(rows.map(key).sort(), `${bytes} bytes`).toEqual(expected.map(key).sort());
    }
  });
});
