import { Migration } from '@mikro-orm/migrations';

/**
 * What the mutations need (issue 5).
 *
 * `region_boundary`: this subgraph's own copy of the 20 regions' real boundaries, subdivided
 * (ST_Subdivide) for fast point-in-polygon. `registerEnterprise` must check that a location lies
 * in Kazakhstan and in the region its KATO code names, and a subgraph reads only its own schema
 * (docs/architecture.md §1): asking the regions subgraph at write time would make registration depend on
 * another service being up, while the boundaries practically never change. The copy is loaded by
 * this subgraph's seed from the same data set the regions subgraph reads (`readRegionBoundaries`).
 *
 * `labor_relations_declaration`: one row per accepted declaration. `(enterprise_id,
 * idempotency_key)` is unique, so concurrent calls with one key insert one row and the others
 * find it; `body_hash` (SHA-256 of the canonical body) tells a replay from a different body.
 * A declaration replaces the enterprise's contracts, which point back at the declaration that
 * declared them.
 */
export class Migration20261123040000EnterpriseWrites extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table enterprises.region_boundary (
        id bigserial primary key,
        region_code varchar(5) not null check (region_code ~ '^KZ-[0-9]{2}$'),
        geom geometry(Geometry, 4326) not null
      )`);
    this.addSql('create index region_boundary_geom_gist on enterprises.region_boundary using gist (geom)');

    this.addSql(`
      create table enterprises.labor_relations_declaration (
        id uuid primary key,
        enterprise_id uuid not null references enterprises.enterprise (id) on delete cascade,
        idempotency_key varchar(200) not null,
        body_hash char(64) not null,
        reporting_date date not null,
        declared_at timestamptz(3) not null default now(),
        contracts_count integer not null check (contracts_count >= 0),
        unique (enterprise_id, idempotency_key)
      )`);
    this.addSql(`create index labor_relations_declaration_enterprise
                   on enterprises.labor_relations_declaration (enterprise_id, declared_at desc, id desc)`);
    this.addSql(`alter table enterprises.employment_contract
                   add column declaration_id uuid references enterprises.labor_relations_declaration (id) on delete set null`);
    this.addSql('create index employment_contract_declaration on enterprises.employment_contract (declaration_id, id)');
  }
}
