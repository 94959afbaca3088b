import { Migration } from '@mikro-orm/migrations';

/**
 * What resettlement needs to match people to work and to learn who came back (docs/domain.md
 * §10): each able-bodied member's intended sector (and occupation, when known) as stated in the
 * application, and a family's return as an officer records it — at most one per application,
 * never more members than the family has (checked on write, where the family size is known).
 */
export class Migration20261201100000ResettlementMatchAndReturns extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table resettlement.application_intention (
        application_id uuid not null references resettlement.resettlement_application (id) on delete cascade,
        member smallint not null check (member >= 1),
        sector varchar(18) not null check (sector in
          ('PRODUCTION', 'EDUCATION', 'HEALTHCARE', 'GOVERNMENT', 'AGRICULTURE', 'CONSTRUCTION', 'TRADE_AND_SERVICES', 'OWN_BUSINESS')),
        occupation_code varchar(4) check (occupation_code ~ '^[0-9]{4}$'),
        primary key (application_id, member)
      )`);
    this.addSql(`
      create table resettlement.resettlement_return (
        application_id uuid primary key references resettlement.resettlement_application (id) on delete cascade,
        returned_on date not null,
        members smallint not null check (members >= 1),
        recorded_at timestamptz not null default now()
      )`);
  }
}
