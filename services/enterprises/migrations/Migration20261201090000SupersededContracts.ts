import { Migration } from '@mikro-orm/migrations';

/**
 * `superseded_contract`: the contracts of declarations that a later declaration replaced (issue 17).
 * `employment_contract` stays the set in force (what the card figures read); a new declaration
 * moves the previous set here instead of deleting it, with the same ids, so every declaration's
 * contracts remain readable in the order they were declared. A contract that came from no
 * declaration (seeded data) has no declaration to be read through and is dropped as before.
 */
export class Migration20261201090000SupersededContracts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table enterprises.superseded_contract (
        id bigint primary key,
        enterprise_id uuid not null references enterprises.enterprise (id) on delete cascade,
        declaration_id uuid not null references enterprises.labor_relations_declaration (id) on delete cascade,
        iin char(12) not null,
        occupation_code varchar(4) not null,
        workplace_code varchar(50),
        contract_type varchar(10) not null,
        monthly_salary_tenge integer not null,
        start_date date not null,
        end_date date,
        weekly_hours smallint not null
      )`);
    this.addSql('create index superseded_contract_declaration on enterprises.superseded_contract (declaration_id, id)');
    this.addSql('create index superseded_contract_enterprise on enterprises.superseded_contract (enterprise_id)');
  }
}
