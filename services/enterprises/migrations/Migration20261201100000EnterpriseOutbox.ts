import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '../../kernel/events/outbox.js';

/**
 * The enterprises subgraph's outbox: `inspectionRecorded` and `workingConditionsChanged` are
 * written in the transaction of the inspection or assessment they describe (queries/writes.query.ts).
 */
export class Migration20261201100000EnterpriseOutbox extends Migration {
  override async up(): Promise<void> {
    for (const sql of outboxTableSql('enterprises')) this.addSql(sql);
  }
}
