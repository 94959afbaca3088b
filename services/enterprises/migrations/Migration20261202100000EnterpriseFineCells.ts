import { Migration } from '@mikro-orm/migrations';
import { WORKING_CONDITIONS_CLASSES } from '../../kernel/domain/working-conditions.js';
import { pointCellAggregateSql } from '../../kernel/tiles/cells.js';
import { enterpriseSingleBytes } from '../tiles.js';

/**
 * `enterprise_fine_cell`: enterprises counted per tile-key cell at the fine levels (kernel/tiles/
 * cells.ts), which a city or street tile of more than 10 000 enterprises reads instead of its
 * rows. No filter dimensions, so a cell row is a pixel, not a pixel per class: the counts per
 * class rank give a group's worst class (a maximum alone could not be kept under deletes), and
 * `single_bytes` a lone enterprise's estimated size for the tile's byte limit. Kept by triggers
 * in the transaction of every write; backfilled here.
 */
export class Migration20261202100000EnterpriseFineCells extends Migration {
  override async up(): Promise<void> {
    const statements = pointCellAggregateSql({
      table: 'enterprises.enterprise',
      cells: 'enterprises.enterprise_fine_cell',
      key: 'id',
      location: 'location',
      where: null,
      dimensions: [],
      sums: [
        { name: 'eligible_workers', type: 'bigint', value: (row) => `${row}.special_payment_eligible_workers` },
        { name: 'single_bytes', type: 'bigint', value: enterpriseSingleBytes },
        ...WORKING_CONDITIONS_CLASSES.map((_, rank) => ({ name: `rank_${rank}`, type: 'bigint', value: (row: string) => `(${row}.hazard_rank = ${rank})::int` })),
      ],
      naming: 'tile key',
    });
    for (const statement of statements) this.addSql(statement);
  }
}
