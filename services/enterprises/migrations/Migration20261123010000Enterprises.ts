import { Migration } from '@mikro-orm/migrations';

/**
 * The enterprise card keeps summary columns (headcount, hazard rank, harmful-work workers,
 * special payment figures, last assessment date) beside the identity columns because the map
 * filters and sorts up to a million enterprises by them and each needs a plain b-tree index.
 * They are never written by hand: `recomputeEnterpriseFigures` (queries/figures.query.ts)
 * derives all of them from the child rows (current workplace assessments, employment contracts)
 * in the same transaction that changes those rows, so the card and its children cannot disagree.
 */
export class Migration20261123010000Enterprises extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table enterprises.enterprise (
        id uuid primary key,
        bin char(12) not null unique check (bin ~ '^[0-9]{12}$'),
        name text not null check (length(name) between 1 and 500),
        oked_code varchar(5) not null check (oked_code ~ '^[0-9]{2,5}$'),
        address text not null,
        kato_code char(9) not null check (kato_code ~ '^[0-9]{9}$'),
        region_code varchar(5) not null check (region_code ~ '^KZ-[0-9]{2}$'),
        location geography(Point, 4326) not null,
        headcount integer not null default 0 check (headcount >= 0),
        quality_jobs integer not null default 0 check (quality_jobs between 0 and headcount),
        -- classRank of the worst current workplace class (ACCEPTABLE_2 = 1 while never assessed, see
        -- figures.query.ts), so the hazard filter and HAZARD_DESC stay plain b-tree comparisons.
        hazard_rank smallint not null default 1 check (hazard_rank between 0 and 6),
        workers_in_harmful_conditions integer not null default 0 check (workers_in_harmful_conditions >= 0),
        special_payment_eligible_workers integer not null default 0 check (special_payment_eligible_workers >= 0),
        special_payment_monthly_total_tenge bigint not null default 0 check (special_payment_monthly_total_tenge >= 0),
        last_assessment_date date,
        figures_as_of date not null default current_date
      )`);
    this.addSql('create index enterprise_location_gist on enterprises.enterprise using gist (location)');
    // bbox and polygon searches are planar in lon/lat (kernel/geo/area.ts) and use this one.
    this.addSql('create index enterprise_location_geometry_gist on enterprises.enterprise using gist ((location::geometry))');
    this.addSql('create index enterprise_name on enterprises.enterprise (name, id)');
    this.addSql('create index enterprise_region_name on enterprises.enterprise (region_code, name, id)');
    this.addSql('create index enterprise_hazard on enterprises.enterprise (hazard_rank, id)');
    // Covering: Region.hazardSummary and hazardousWorkPayments by region read only this index.
    this.addSql(`create index enterprise_region_hazard on enterprises.enterprise (region_code, hazard_rank)
                   include (headcount, workers_in_harmful_conditions, special_payment_eligible_workers, special_payment_monthly_total_tenge)`);
    this.addSql('create index enterprise_headcount on enterprises.enterprise (headcount, id)');
    this.addSql('create index enterprise_oked on enterprises.enterprise (oked_code text_pattern_ops)');
    this.addSql('create index enterprise_last_assessment on enterprises.enterprise (last_assessment_date)');
    this.addSql(`create index enterprise_special_payment on enterprises.enterprise (name, id)
                   where special_payment_eligible_workers > 0`);

    // History is kept: the current assessment of a workplace is its latest one (docs/domain.md §4).
    this.addSql(`
      create table enterprises.workplace_assessment (
        id bigserial primary key,
        enterprise_id uuid not null references enterprises.enterprise (id) on delete cascade,
        code varchar(50) not null,
        title text not null,
        occupation_code varchar(4) not null check (occupation_code ~ '^[0-9]{4}$'),
        class_rank smallint not null check (class_rank between 0 and 6),
        workers integer not null check (workers >= 0),
        assessed_on date not null,
        unique (enterprise_id, code, assessed_on)
      )`);
    this.addSql(`create index workplace_assessment_current
                   on enterprises.workplace_assessment (enterprise_id, code, assessed_on desc)`);

    this.addSql(`
      create table enterprises.employment_contract (
        id bigserial primary key,
        enterprise_id uuid not null references enterprises.enterprise (id) on delete cascade,
        iin char(12) not null check (iin ~ '^[0-9]{12}$'),
        occupation_code varchar(4) not null check (occupation_code ~ '^[0-9]{4}$'),
        workplace_code varchar(50),
        contract_type varchar(10) not null check (contract_type in ('PERMANENT', 'FIXED_TERM')),
        monthly_salary_tenge integer not null check (monthly_salary_tenge > 0),
        start_date date not null,
        end_date date check (end_date is null or end_date >= start_date),
        weekly_hours smallint not null default 40 check (weekly_hours between 1 and 60)
      )`);
    this.addSql('create index employment_contract_enterprise on enterprises.employment_contract (enterprise_id)');

    this.addSql(`
      create table enterprises.inspection (
        id uuid primary key,
        enterprise_id uuid not null references enterprises.enterprise (id) on delete cascade,
        inspected_on date not null,
        kind varchar(9) not null check (kind in ('PLANNED', 'UNPLANNED', 'ACCIDENT')),
        violations integer not null check (violations >= 0),
        findings text
      )`);
    this.addSql('create index inspection_enterprise on enterprises.inspection (enterprise_id, inspected_on desc)');
  }
}
