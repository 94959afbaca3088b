import { Migration } from '@mikro-orm/migrations';
import { outboxTableSql } from '../../kernel/events/outbox.js';

/**
 * The vacancies subgraph's outbox: `vacancyPosted` and `vacancyClosed` are written in the same
 * statement as the vacancy they describe (queries/vacancy-writes.query.ts).
 */
export class Migration20261201000000VacancyOutbox extends Migration {
  override async up(): Promise<void> {
    for (const sql of outboxTableSql('vacancies')) this.addSql(sql);
  }
}
