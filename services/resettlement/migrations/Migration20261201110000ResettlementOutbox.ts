import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '../../kernel/events/outbox.js';

/**
 * The resettlement subgraph's outbox: `zoneQuotaChanged` and `applicationDecided` are written in
 * the transaction of the quota or decision they describe (queries/zones.query.ts, application-writes.query.ts).
 */
export class Migration20261201110000ResettlementOutbox extends Migration {
  override async up(): Promise<void> {
    for (const sql of outboxTableSql('resettlement')) this.addSql(sql);
  }
}
