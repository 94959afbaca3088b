import { Migration } from '@mikro-orm/migrations';
import { pointCellAggregateSql } from '../../kernel/tiles/cells.js';
import { vacancySingleBytes } from '../tiles.js';

/**
 * `vacancy_fine_cell`: OPEN vacancies counted per tile-key cell at the fine levels (kernel/tiles/
 * cells.ts), which a city or street tile of more than 10 000 open vacancies reads instead of its
 * rows; `single_bytes` is a lone vacancy's estimated size for the tile's byte limit. Kept by
 * triggers in the transaction of every post, close and update; backfilled here.
 */
export class Migration20261202100000VacancyFineCells extends Migration {
  override async up(): Promise<void> {
    const statements = pointCellAggregateSql({
      table: 'vacancies.vacancy',
      cells: 'vacancies.vacancy_fine_cell',
      key: 'id',
      location: 'location',
      where: (row) => `${row}.status = 'OPEN'`,
      dimensions: [],
      sums: [{ name: 'single_bytes', type: 'bigint', value: vacancySingleBytes }],
      naming: 'tile key',
    });
    for (const statement of statements) this.addSql(statement);
  }
}
