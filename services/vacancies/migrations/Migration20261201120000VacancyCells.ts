import { Migration } from '@mikro-orm/migrations';
import { pointCellAggregateSql } from '../../kernel/tiles/cells.js';

/**
 * `vacancy_cell`: OPEN vacancies counted per map cell (kernel/tiles/cells.ts), by the one filter
 * dimension a clustered tile can take from it, `housingProvided`. Kept by triggers in the
 * transaction of every post, close and update (a vacancy leaves its cell when it stops being
 * OPEN); backfilled here from the vacancies already stored.
 */
export class Migration20261201120000VacancyCells extends Migration {
  override async up(): Promise<void> {
    const statements = pointCellAggregateSql({
      table: 'vacancies.vacancy',
      cells: 'vacancies.vacancy_cell',
      key: 'id',
      location: 'location',
      where: (row) => `${row}.status = 'OPEN'`,
      dimensions: [{ name: 'housing_provided', type: 'boolean', value: (row) => `${row}.housing_provided` }],
      sums: [],
    });
    for (const statement of statements) this.addSql(statement);
  }
}
