import { Migration } from '@mikro-orm/migrations';

/**
 * Almost every read is about OPEN vacancies (search, shortages, counts), so most indexes are
 * partial on `status = 'OPEN'`: smaller, and the planner picks them for exactly those queries.
 */
export class Migration20261123030000Vacancies extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table vacancies.vacancy (
        id uuid primary key,
        enterprise_id uuid not null,
        enterprise_bin varchar(12) not null check (enterprise_bin ~ '^[0-9]{12}$'),
        title text not null,
        occupation_code varchar(4) not null check (occupation_code ~ '^[0-9]{4}$'),
        salary_min_tenge integer not null check (salary_min_tenge > 0),
        salary_max_tenge integer check (salary_max_tenge >= salary_min_tenge),
        employment_type varchar(10) not null check (employment_type in ('PERMANENT', 'FIXED_TERM', 'SEASONAL')),
        conditions_class varchar(12) not null check (conditions_class in
          ('OPTIMAL_1', 'ACCEPTABLE_2', 'HARMFUL_3_1', 'HARMFUL_3_2', 'HARMFUL_3_3', 'HARMFUL_3_4', 'DANGEROUS_4')),
        housing_provided boolean not null,
        location geography(Point, 4326) not null,
        kato_code varchar(9) not null check (kato_code ~ '^[0-9]{9}$'),
        region_code varchar(5) not null check (region_code = 'KZ-' || left(kato_code, 2)),
        status varchar(6) not null check (status in ('OPEN', 'FILLED', 'CLOSED')),
        posted_at timestamptz not null,
        closed_at timestamptz,
        check ((status = 'OPEN') = (closed_at is null)),
        check (closed_at is null or closed_at >= posted_at)
      )`);
    // Every spatial search is over OPEN vacancies, so the spatial indexes are partial too: near
    // (ST_DWithin, KNN <->) and zone radius searches use the geography one, bbox and polygon
    // searches (planar in lon/lat) the geometry expression one.
    this.addSql("create index vacancy_open_location_gist on vacancies.vacancy using gist (location) where status = 'OPEN'");
    this.addSql("create index vacancy_open_location_geom_gist on vacancies.vacancy using gist ((location::geometry)) where status = 'OPEN'");
    // Enterprise.vacancies(status) pages and the per-enterprise counts.
    this.addSql('create index vacancy_enterprise_status_posted on vacancies.vacancy (enterprise_id, status, posted_at desc, id desc)');
    // Region.vacancies, area.regionCode, shortages and counts by region.
    this.addSql("create index vacancy_open_region_posted on vacancies.vacancy (region_code, posted_at desc, id desc) where status = 'OPEN'");
    // The default order (POSTED_DESC), OPEN_DAYS_DESC (oldest first) and minOpenDays.
    this.addSql("create index vacancy_open_posted on vacancies.vacancy (posted_at desc, id desc) where status = 'OPEN'");
    // SALARY_DESC and minSalaryTenge.
    this.addSql("create index vacancy_open_salary on vacancies.vacancy (salary_min_tenge desc, id desc) where status = 'OPEN'");
    // occupationCode filter and shortages by occupation.
    this.addSql("create index vacancy_open_occupation on vacancies.vacancy (occupation_code, posted_at desc, id desc) where status = 'OPEN'");
    // qualityOnly: permanent, class ≤ 2, salary at least the median (a bound parameter).
    this.addSql(`create index vacancy_open_quality on vacancies.vacancy (salary_min_tenge desc, id desc)
      where status = 'OPEN' and employment_type = 'PERMANENT' and conditions_class in ('OPTIMAL_1', 'ACCEPTABLE_2')`);
    // housingProvided (the resettlement question) and employmentType are low-cardinality: partial
    // indexes on the rare values the filters ask for.
    this.addSql("create index vacancy_open_housing on vacancies.vacancy (posted_at desc, id desc) where status = 'OPEN' and housing_provided");
    this.addSql("create index vacancy_open_employment on vacancies.vacancy (employment_type, posted_at desc, id desc) where status = 'OPEN'");
  }
}
