import { Migration } from '@mikro-orm/migrations';

/**
 * Investment projects under way and the jobs each plans by occupation and year (docs/domain.md §1).
 * Money is bigint: one project can cost trillions of tenge. `planned_jobs_total` is derived from
 * the planned rows when they are written (seed), so ordering and filtering by it is an index
 * scan, not an aggregate per request.
 */
export class Migration20261201090000Projects extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table projects.investment_project (
        id uuid primary key,
        name text not null check (length(name) between 1 and 300),
        sector varchar(5) not null check (sector ~ '^[0-9]{5}$'),
        kato_code varchar(9) not null check (kato_code ~ '^[0-9]{9}$'),
        region_code varchar(5) not null check (region_code = 'KZ-' || left(kato_code, 2)),
        settlement text not null,
        location geography(Point, 4326) not null,
        investment_tenge bigint not null check (investment_tenge > 0),
        start_year smallint not null check (start_year between 2000 and 2100),
        end_year smallint not null check (end_year between start_year and 2100),
        status varchar(13) not null check (status in ('PREPARATION', 'CONSTRUCTION', 'COMMISSIONING')),
        planned_jobs_total integer not null check (planned_jobs_total >= 0)
      )`);
    this.addSql('create index investment_project_location_gist on projects.investment_project using gist (location)');
    this.addSql('create index investment_project_location_geometry_gist on projects.investment_project using gist ((location::geometry))');
    this.addSql('create index investment_project_investment on projects.investment_project (investment_tenge desc, id desc)');
    this.addSql('create index investment_project_jobs on projects.investment_project (planned_jobs_total desc, id desc)');
    this.addSql('create index investment_project_name on projects.investment_project (name, id)');
    this.addSql('create index investment_project_region on projects.investment_project (region_code, investment_tenge desc, id desc)');
    this.addSql('create index investment_project_sector on projects.investment_project (sector text_pattern_ops)');

    this.addSql(`
      create table projects.planned_jobs (
        project_id uuid not null references projects.investment_project (id) on delete cascade,
        occupation_code varchar(4) not null check (occupation_code ~ '^[0-9]{4}$'),
        year smallint not null check (year between 2000 and 2100),
        count integer not null check (count > 0),
        monthly_salary_tenge integer not null check (monthly_salary_tenge > 0),
        primary key (project_id, occupation_code, year)
      )`);
    this.addSql('create index planned_jobs_year on projects.planned_jobs (year, occupation_code)');
  }
}
