import type { EntityManager } from '../db.js';
import type { SeedTarget } from './bulk-insert.js';
import { bound, runSql } from '../sql.js';

/**
 * One seed per subgraph, parameterised by size: `npm start` runs it with the demo size on empty
 * tables, `npm run seed` with any size (up to millions of rows) after emptying them.
 */
export interface SeedOptions {
  seed: number;
  enterprises: number;
  /** Total vacancies; null lets the vacancies seed pick a realistic number per enterprise. */
  vacancies: number | null;
  /**
   * The day the data set describes (YYYY-MM-DD): ages, open days and contracts in force are as
   * of it, so the same seed and day give the same rows.
   */
  asOf: string;
  /**
   * Share of each enterprise's realistic workforce (about 40 workers) that is declared: 1 for
   * benchmark and calibration data, DEMO_WORKFORCE_SCALE for the demo.
   */
  workforceScale: number;
}

export interface SubgraphSeed {
  /** Every table the seed fills, parents first; `npm run seed` empties them before writing. */
  tables: string[];
  /** Rows the run is expected to write, for the progress bar. */
  expectedRows(options: SeedOptions): number;
  /** Writes the rows (inside the target's transaction) and returns how many went into each table. */
  run(target: SeedTarget, options: SeedOptions, onRows: (count: number) => void): Promise<Record<string, number>>;
}

export async function isEmpty(em: EntityManager, table: string): Promise<boolean> {
  const rows = await runSql<{ present: boolean }>(em, bound(`select exists (select 1 from ${table}) as present`));
  return !rows[0]?.present;
}
