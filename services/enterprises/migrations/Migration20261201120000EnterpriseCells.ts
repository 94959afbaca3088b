import { Migration } from '@mikro-orm/migrations';
import { pointCellAggregateSql } from '../../kernel/tiles/cells.js';

/**
 * `enterprise_cell`: enterprises counted per map cell (kernel/tiles/cells.ts), by the two filter
 * dimensions a clustered tile can take from it — hazard rank (`minHazardClass`) and whether any
 * worker is eligible for the special payment (`specialPaymentEligible`) — with the summed eligible
 * workers a cluster shows. Kept by triggers in the transaction of every insert, update (the card's
 * figures included) and delete; backfilled here from the enterprises already stored.
 */
export class Migration20261201120000EnterpriseCells extends Migration {
  override async up(): Promise<void> {
    const statements = pointCellAggregateSql({
      table: 'enterprises.enterprise',
      cells: 'enterprises.enterprise_cell',
      key: 'id',
      location: 'location',
      where: null,
      dimensions: [
        { name: 'hazard_rank', type: 'smallint', value: (row) => `${row}.hazard_rank` },
        { name: 'eligible', type: 'boolean', value: (row) => `${row}.special_payment_eligible_workers > 0` },
      ],
      sums: [{ name: 'eligible_workers', type: 'bigint', value: (row) => `${row}.special_payment_eligible_workers` }],
    });
    for (const statement of statements) this.addSql(statement);
  }
}
