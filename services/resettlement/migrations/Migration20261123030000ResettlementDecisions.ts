import { Migration } from '@mikro-orm/migrations';

/**
 * What the mutations need from the database itself, so that no race between requests can break
 * a rule: one open (PENDING or ACCEPTED) application per citizen and year is a unique index, not
 * a check-then-insert; and the 5-year commitment a family signs is stored with its application,
 * so a later change of the rule does not rewrite what was promised (docs/domain.md §7).
 */
export class Migration20261123030000ResettlementDecisions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table resettlement.resettlement_application
                   add column commitment_years smallint not null default 5 check (commitment_years >= 1)`);
    // The default only fills rows written before this migration; new rows state their commitment.
    this.addSql('alter table resettlement.resettlement_application alter column commitment_years drop default');
    this.addSql(`create unique index resettlement_application_open_per_year
                   on resettlement.resettlement_application (applicant_iin, year) where status in ('PENDING', 'ACCEPTED')`);
  }
}
