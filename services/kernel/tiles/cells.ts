import { allOf, bound, sql, type SqlFragment } from '../sql.js';
import { EARTH_RADIUS, HALF_WORLD, mercatorX, mercatorY, type TileAddress } from './grid.js';
import { GRID_UNIT, keyPrefixCondition, TILE_KEY_LEVEL } from './tile-key.js';
import { CLUSTER_FEATURE_BYTES, firstWithinLimits, sourceAlias, type PointTileSource, type TileLimits } from './tile-sql.js';

/**
 * The maintained per-cell aggregate of a point layer (docs/architecture.md, "Map tiles"): counts
 * and sums of the layer's rows per square cell of the Web Mercator plane, per filter dimension,
 * kept by statement-level triggers in the transaction of every write, so clustered tiles read a
 * few thousand cell rows instead of grouping up to a million points, and stay exact.
 *
 * A level-L cell is one of 2^L × 2^L squares of the world; a level-14 cell is a cell of the 32×32
 * grid of a zoom-9 tile. A point's level-14 cell is computed once (`cellIndex`), and every coarser
 * cell is that index shifted right, so the cells of a level nest exactly in the cells of the next
 * coarser one and each point is in exactly one cell of every level: summing `count` over the cells
 * a tile holds counts each row once.
 */
const FINEST_CELL_LEVEL = 14;
/** The levels stored: a tile grouped at level L reads the nearest stored level ≥ L (at most 4× its cells per side). */
export const CELL_LEVELS = [8, 10, 12, 14] as const;

/**
 * The fine aggregate's levels, named by tile-key prefix: a level-L cell is one pixel of a
 * 2^(L-z)-cell grid over a zoom-z tile, so the pixel grids of a dense tile (256 to 32 cells per
 * side, PIXEL_GRIDS in points.ts) are each a stored level from zoom 12 to 14; zooms 10 and 11
 * read their coarsest grids one or two levels finer (fineCellGroupsStatement).
 */
export const FINE_CELL_LEVELS = [17, 18, 19, 20, 21, 22] as const;

const FINEST_CELL_SIZE = (2 * HALF_WORLD) / 2 ** FINEST_CELL_LEVEL;

/** The level-14 cell column (x) or row (y, from the top) of a point; the triggers and the tile SQL use this one expression. */
export function cellIndex(axis: 'x' | 'y', geometry: string): string {
  return axis === 'x'
    ? `floor((${mercatorX(geometry)} + ${HALF_WORLD}) / ${FINEST_CELL_SIZE})::int`
    : `floor((${HALF_WORLD} - ${mercatorY(geometry)}) / ${FINEST_CELL_SIZE})::int`;
}

/** A column of the aggregate: its name and type, and its value for one source row `r`. */
export interface CellColumn {
  name: string;
  type: string;
  value: (row: string) => string;
}

export interface PointCellAggregate {
  /** The source table, schema-qualified, e.g. `enterprises.enterprise`. */
  table: string;
  /** The aggregate table, schema-qualified, e.g. `enterprises.enterprise_cell`. */
  cells: string;
  /** The source's primary key and geography(Point) columns. */
  key: string;
  location: string;
  /** Rows counted at all (e.g. open vacancies only), on source row `r`; null for every row. */
  where: ((row: string) => string) | null;
  /** Filter dimensions: part of the cell's key, so a tile filter on them is a predicate on cell rows. */
  dimensions: CellColumn[];
  /** Summed per cell (bigint), e.g. eligible workers. */
  sums: CellColumn[];
  /**
   * How a row's cells are named: by `cx`, `cy` from its level-14 `cellIndex` at CELL_LEVELS (the
   * default, for the clustered zooms), or by `cell_key`, its tile key's prefix (tile-key.ts), at
   * FINE_CELL_LEVELS (the fine aggregate of dense city and street tiles).
   */
  naming?: 'mercator' | 'tile key';
}

/** The parts of the DDL that differ between the two ways of naming cells. */
interface CellNaming {
  levels: readonly number[];
  /** Key columns after `level`, with their types. */
  keys: [string, string][];
  /** A source row's position columns (`p` in the upsert), over row alias `row`. */
  position: (row: string, geometry: string) => string;
  /** The key columns' values at level `l.level`, over the position columns `p`. */
  atLevel: string[];
  /** The summed position columns and the position column each sums. */
  means: [string, string][];
  /** What moves a row between cells. */
  moved: (row: string, location: string) => string;
}

const MERCATOR_NAMING: CellNaming = {
  levels: CELL_LEVELS,
  keys: [
    ['cx', 'integer'],
    ['cy', 'integer'],
  ],
  position: (_row, geometry) =>
    `${cellIndex('x', geometry)} as cx, ${cellIndex('y', geometry)} as cy, ${mercatorX(geometry)} as mx, ${mercatorY(geometry)} as my`,
  atLevel: [`p.cx >> (${FINEST_CELL_LEVEL} - l.level)`, `p.cy >> (${FINEST_CELL_LEVEL} - l.level)`],
  means: [
    ['sum_mx', 'mx'],
    ['sum_my', 'my'],
  ],
  moved: (row, location) => `${row}.${location}::text`,
};

const TILE_KEY_NAMING: CellNaming = {
  levels: FINE_CELL_LEVELS,
  keys: [['cell_key', 'bigint']],
  position: (row) => `${row}.tile_key, ${row}.tile_x::float8 as tile_x, ${row}.tile_y::float8 as tile_y`,
  atLevel: [`p.tile_key >> (2 * (${TILE_KEY_LEVEL} - l.level))`],
  // Sums of whole grid units are exact in float8 far beyond a cell's rows, so a group's mean is the rows' own avg().
  means: [
    ['sum_tile_x', 'tile_x'],
    ['sum_tile_y', 'tile_y'],
  ],
  moved: (row) => `${row}.tile_key`,
};

/**
 * DDL for the subgraph's migration: the table, the triggers that keep it in the writing
 * transaction (one grouped upsert per statement, rows in key order so concurrent writers lock
 * them in the same order), and the backfill from the rows already there. A cell whose rows all
 * left keeps its row with count 0 (readers skip it): deleting it could race a concurrent upsert.
 */
export function pointCellAggregateSql(aggregate: PointCellAggregate): string[] {
  const naming = aggregate.naming === 'tile key' ? TILE_KEY_NAMING : MERCATOR_NAMING;
  const schema = aggregate.table.split('.')[0]!;
  const cellsName = aggregate.cells.split('.')[1]!;
  const keyColumns = ['level', ...naming.keys.map(([name]) => name), ...aggregate.dimensions.map((column) => column.name)];
  const valueColumns = ['count', ...aggregate.sums.map((column) => column.name), ...naming.means.map(([name]) => name)];
  const where = (row: string) => (aggregate.where ? ` and ${aggregate.where(row)}` : '');
  // One signed row per source row: -1 for what a statement removed, +1 for what it added.
  const points = (sign: string, row: string, from: string) => {
    const geometry = `${row}.${aggregate.location}::geometry`;
    const columns = [...aggregate.dimensions, ...aggregate.sums].map((column) => `${column.value(row)} as ${column.name}, `).join('');
    return `select ${sign}::int as sign, ${columns}${naming.position(row, geometry)} from ${from} where true${where(row)}`;
  };
  const upsert = (signed: string) => `
    insert into ${aggregate.cells} as c (${[...keyColumns, ...valueColumns].join(', ')})
    select l.level, ${naming.atLevel.join(', ')},
           ${aggregate.dimensions.map((column) => `p.${column.name}, `).join('')}sum(p.sign),
           ${aggregate.sums.map((column) => `sum(p.sign * p.${column.name}), `).join('')}${naming.means.map(([, position]) => `sum(p.sign * p.${position})`).join(', ')}
      from (${signed}) p cross join unnest(array[${naming.levels.join(', ')}]) l(level)
     group by ${keyColumns.map((_, index) => index + 1).join(', ')}
     order by ${keyColumns.map((_, index) => index + 1).join(', ')}
    on conflict (${keyColumns.join(', ')}) do update set
      ${valueColumns.map((column) => `${column} = c.${column} + excluded.${column}`).join(', ')}`;
  // An update moves only the rows whose position or aggregated columns changed.
  const tracked = (row: string) => [naming.moved(row, aggregate.location), ...[...aggregate.dimensions, ...aggregate.sums].map((column) => column.value(row)), aggregate.where ? aggregate.where(row) : 'true'];
  const moved = `old_rows o join new_rows n on n.${aggregate.key} = o.${aggregate.key}
                  and ((${tracked('o').join(', ')}) is distinct from (${tracked('n').join(', ')}))`;
  const functions: [string, string, string][] = [
    ['insert', 'new table as new_rows', points('1', 'r', 'new_rows r')],
    ['delete', 'old table as old_rows', points('-1', 'r', 'old_rows r')],
    ['update', 'old table as old_rows new table as new_rows', `${points('-1', 'o', moved)} union all ${points('1', 'n', moved)}`],
  ];
  return [
    `create table ${aggregate.cells} (
       level smallint not null,
       ${naming.keys.map(([name, type]) => `${name} ${type} not null,`).join('\n')}
       ${aggregate.dimensions.map((column) => `${column.name} ${column.type} not null,`).join('\n')}
       count integer not null,
       ${aggregate.sums.map((column) => `${column.name} bigint not null,`).join('\n')}
       ${naming.means.map(([name]) => `${name} double precision not null,`).join('\n')}
       primary key (${keyColumns.join(', ')}))`,
    ...functions.flatMap(([event, referencing, signed]) => [
      `create function ${schema}.${cellsName}_${event}() returns trigger language plpgsql as $$
       begin
         ${upsert(signed)};
         return null;
       end $$`,
      `create trigger ${cellsName}_${event} after ${event} on ${aggregate.table}
         referencing ${referencing} for each statement execute function ${schema}.${cellsName}_${event}()`,
    ]),
    // A truncate (the seed's) empties the aggregate with it.
    `create function ${schema}.${cellsName}_truncate() returns trigger language plpgsql as $$
     begin
       truncate ${aggregate.cells};
       return null;
     end $$`,
    `create trigger ${cellsName}_truncate after truncate on ${aggregate.table} for each statement execute function ${schema}.${cellsName}_truncate()`,
    upsert(points('1', 'r', `${aggregate.table} r`)),
    `analyze ${aggregate.cells}`,
  ];
}

/** A layer's aggregate as its tiles read it: null conditions when the filter needs a column it lacks. */
export interface CellTileSource {
  /** `schema.table`; read with alias `c`. */
  cells: string;
  conditions: SqlFragment[] | null;
  /** The cluster properties over the cell rows `c`, aliased, comma-separated; none if null. */
  aggregates: SqlFragment | null;
}

/**
 * Groups of a clustered tile from the aggregate: the tile's `cellsPerSide` grid is the level
 * `z + log2(cellsPerSide)`, read from the nearest stored level at or below that cell size and
 * summed; null when no stored level is fine enough (a cluster zoom configured above 9). A group
 * of one row also carries that row's `singles`, found through the source's spatial index inside
 * the group's cell, in the same statement (so the same snapshot) as the counts.
 */
export function cellGroupsStatement(
  cells: CellTileSource & { conditions: SqlFragment[] },
  points: PointTileSource,
  tile: TileAddress,
  cellsPerSide: number,
  limit: number,
): SqlFragment | null {
  const level = tile.z + Math.log2(cellsPerSide);
  const stored = CELL_LEVELS.find((candidate) => candidate >= level);
  if (stored === undefined || !Number.isInteger(level)) return null;
  const span = 2 ** (stored - tile.z);
  const shift = stored - level;
  const geometry = `${points.location}::geometry`;
  const size = (2 * HALF_WORLD) / 2 ** level;
  // The group's cell in degrees, a hair larger: the index finds candidates, the cell index decides.
  const lon = (column: string, offset: number) => `((g.${column} + ${offset}) * ${size} - ${HALF_WORLD}) / ${HALF_WORLD} * 180`;
  const lat = (column: string, offset: number) => `degrees(2 * atan(exp((${HALF_WORLD} - (g.${column} + ${offset}) * ${size}) / ${EARTH_RADIUS})) - pi() / 2)`;
  const hair = 1e-7;
  return sql(
    bound(
      `with g as (select c.cx >> ${shift} as gx, c.cy >> ${shift} as gy, sum(c.count)::int as count,
                         sum(c.sum_mx) / sum(c.count) as mx, sum(c.sum_my) / sum(c.count) as my`,
    ),
    ...(cells.aggregates ? [', ', cells.aggregates] : []),
    bound(
      ` from ${cells.cells} c where c.level = ? and c.cx >= ? and c.cx < ? and c.cy >= ? and c.cy < ? and c.count > 0`,
      stored,
      tile.x * span,
      (tile.x + 1) * span,
      tile.y * span,
      (tile.y + 1) * span,
    ),
    ...cells.conditions.flatMap((condition) => [' and (', condition, ')']),
    bound(' group by 1, 2 limit ?)', limit),
    ' select g.*, s.* from g cross join lateral (select ',
    points.singles,
    ` from ${points.from}
       where g.count = 1
         and ${geometry} && ST_MakeEnvelope(${lon('gx', 0)} - ${hair}, ${lat('gy', 1)} - ${hair}, ${lon('gx', 1)} + ${hair}, ${lat('gy', 0)} + ${hair}, 4326)
         and ${cellIndex('x', geometry)} >> ${FINEST_CELL_LEVEL - level} = g.gx and ${cellIndex('y', geometry)} >> ${FINEST_CELL_LEVEL - level} = g.gy and `,
    allOf(points.conditions),
    ') s',
  );
}

/** A box in degrees, edges included (areaCondition's bbox). */
export interface DegreeBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

const lonOfX = (x: number) => (x / HALF_WORLD) * 180;
const latOfY = (y: number) => ((2 * Math.atan(Math.exp(y / EARTH_RADIUS)) - Math.PI / 2) * 180) / Math.PI;
const xOfLon = (lon: number) => (lon / 180) * HALF_WORLD;
const yOfLat = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) * EARTH_RADIUS;

/**
 * The number of a layer's rows in a box, exactly, from its cell aggregate: the finest cells
 * wholly inside the box (shrunk by a nanodegree, so float rounding can only leave a cell out)
 * are summed, and the rows of the box outside those cells — the partial cells along its edges,
 * found through the spatial index in four thin strips — are counted one by one. A row is in the
 * cells or in the strips' count by the one `cellIndex` expression the triggers use, never both.
 * A box smaller than a cell is counted from its rows.
 */
export function boxCountStatement(
  cells: { cells: string; conditions: SqlFragment[] },
  points: Pick<PointTileSource, 'from' | 'location' | 'conditions'>,
  box: DegreeBox,
): SqlFragment {
  const geometry = `${points.location}::geometry`;
  const inBox = bound(`ST_Intersects(${geometry}, ST_MakeEnvelope(?, ?, ?, ?, 4326))`, box.west, box.south, box.east, box.north);
  const rowCount = (extra: SqlFragment[]) => sql(`select count(*) from ${points.from} where `, allOf([inBox, ...points.conditions, ...extra]));
  const shrink = 1e-9;
  const x0 = Math.ceil((xOfLon(box.west + shrink) + HALF_WORLD) / FINEST_CELL_SIZE);
  const x1 = Math.floor((xOfLon(box.east - shrink) + HALF_WORLD) / FINEST_CELL_SIZE) - 1;
  const y0 = Math.ceil((HALF_WORLD - yOfLat(box.north - shrink)) / FINEST_CELL_SIZE);
  const y1 = Math.floor((HALF_WORLD - yOfLat(box.south + shrink)) / FINEST_CELL_SIZE) - 1;
  if (x0 > x1 || y0 > y1) return sql('select (', rowCount([]), ')::int as total');
  // The interior in degrees, and the strips between it and the box's edges, each a hair wider.
  const hair = 1e-7;
  const inner = {
    west: lonOfX(x0 * FINEST_CELL_SIZE - HALF_WORLD) + hair,
    east: lonOfX((x1 + 1) * FINEST_CELL_SIZE - HALF_WORLD) - hair,
    north: latOfY(HALF_WORLD - y0 * FINEST_CELL_SIZE) - hair,
    south: latOfY(HALF_WORLD - (y1 + 1) * FINEST_CELL_SIZE) + hair,
  };
  const strips = [
    [box.west, box.south, inner.west, box.north],
    [inner.east, box.south, box.east, box.north],
    [inner.west, box.south, inner.east, inner.south],
    [inner.west, inner.north, inner.east, box.north],
  ].map((strip) => bound(`${geometry} && ST_MakeEnvelope(?, ?, ?, ?, 4326)`, ...strip));
  const edges = rowCount([
    sql('(', strips[0]!, ' or ', strips[1]!, ' or ', strips[2]!, ' or ', strips[3]!, ')'),
    bound(`not (${cellIndex('x', geometry)} between ? and ? and ${cellIndex('y', geometry)} between ? and ?)`, x0, x1, y0, y1),
  ]);
  const interior = sql(
    bound(`select coalesce(sum(c.count), 0) from ${cells.cells} c where c.level = ? and c.cx between ? and ? and c.cy between ? and ?`, FINEST_CELL_LEVEL, x0, x1, y0, y1),
    ...cells.conditions.flatMap((condition) => [' and (', condition, ')']),
  );
  return sql('select ((', interior, ') + (', edges, '))::int as total');
}

/** A layer's fine aggregate (naming 'tile key') as dense tiles read it, when the filter is one it counts (none). */
export interface FineCellSource {
  /** `schema.table`, read with alias `c`; it sums `single_bytes`, the layer's `singleBytes` of each row. */
  cells: string;
  /** The cluster properties over the cell rows `c`, aliased as the rows' `aggregates` are, comma-separated; none if null. */
  aggregates: SqlFragment | null;
}

/**
 * The groups of a dense tile from the fine aggregate: the same groups, properties and grid choice
 * as pointGroupsStatement makes from the tile's rows (tested side by side), reading cells instead
 * of rows. `grids` are powers of two; a grid of g cells per side over zoom z is level z + log2(g),
 * read from the nearest stored level at or below that cell size with its keys shifted into the
 * grid's. A grid is too much when its groups reach `limits.features`, counted in key order and
 * stopping there (a group starts where a cell's shifted key differs from the one before it), or
 * when their estimated bytes pass `limits.bytes`, summed only for a grid under the count; the
 * database evaluates those gates lazily, so only the chosen grid's groups are made. A group of
 * one row carries that row's `singles`, read from the tile-key index within the group's key
 * range, in the same statement (so the same snapshot) as the counts.
 */
export function fineCellGroupsStatement(fine: FineCellSource, points: PointTileSource, tile: TileAddress, grids: readonly number[], limits: TileLimits): SqlFragment {
  const alias = sourceAlias(points);
  const steps = grids.map((grid) => {
    const level = tile.z + Math.log2(grid);
    const stored = FINE_CELL_LEVELS.find((candidate) => candidate >= level);
    if (stored === undefined || !Number.isInteger(level)) throw new RangeError(`no fine cell level for a ${grid}-cell grid at zoom ${tile.z}`);
    const cells = sql(bound(`from ${fine.cells} c where c.level = ? and `, stored), keyPrefixCondition('c.cell_key', tile, stored), ' and c.count > 0');
    return { level, shift: 2 * (stored - level), cells };
  });
  const gates = steps.map(({ shift, cells }, index) => {
    const groupStarts =
      shift === 0
        ? sql('select 1 ', cells)
        : sql(`select 1 from (select c.cell_key >> ${shift} as cell, lag(c.cell_key >> ${shift}) over (order by c.cell_key) as previous `, cells, ') k where k.cell is distinct from k.previous');
    const groupSizes =
      shift === 0
        ? sql('select c.count, c.single_bytes ', cells)
        : sql('select sum(c.count) as count, sum(c.single_bytes) as single_bytes ', cells, ` group by c.cell_key >> ${shift}`);
    return sql(
      `${index === 0 ? 'with' : ','} n${index} as (select count(*) as n from (`,
      groupStarts,
      bound(' limit ?) k)', limits.features),
      `, b${index} as (select coalesce(sum(case when k.count = 1 then k.single_bytes else ${CLUSTER_FEATURE_BYTES} end), 0) as b from (`,
      groupSizes,
      ') k)',
    );
  });
  const groups = steps.map(({ level, shift, cells }) => {
    const toKey = 2 * (TILE_KEY_LEVEL - level);
    return sql(
      `select g.*, s.* from (select c.cell_key >> ${shift} as cell, sum(c.count)::int as count,
              sum(c.sum_tile_x) / sum(c.count) * ${GRID_UNIT} - ${HALF_WORLD} as mx, ${HALF_WORLD} - sum(c.sum_tile_y) / sum(c.count) * ${GRID_UNIT} as my`,
      ...(fine.aggregates ? [', ', fine.aggregates] : []),
      ' ',
      cells,
      ` group by 1) g cross join lateral (select `,
      points.singles,
      ` from ${points.from} where g.count = 1 and ${alias}.tile_key >= g.cell << ${toKey} and ${alias}.tile_key < (g.cell + 1) << ${toKey} and `,
      allOf(points.conditions),
      ') s',
    );
  });
  return sql(
    ...gates,
    ' ',
    firstWithinLimits(groups, (index) => `((select n >= ${limits.features} from n${index}) or (select b > ${limits.bytes} from b${index}))`),
  );
}
