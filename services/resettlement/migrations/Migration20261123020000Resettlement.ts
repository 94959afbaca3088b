import { Migration } from '@mikro-orm/migrations';

/**
 * Zones where resettlers are received, their yearly quotas in families, families' applications,
 * and each region's role and quotas in persons per year (docs/domain.md §7). Accepted families are
 * never stored as a counter: they are counted from the applications (`zone_quota_status`), so
 * the figure the map shows and the rows an officer decided cannot disagree.
 */
export class Migration20261123020000Resettlement extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table resettlement.resettlement_zone (
        id uuid primary key,
        name text not null check (length(name) between 1 and 200),
        region_code varchar(5) not null check (region_code ~ '^KZ-[0-9]{2}$'),
        kato_code char(9) not null check (kato_code ~ '^[0-9]{9}$' and substr(kato_code, 1, 2) = substr(region_code, 4, 2)),
        center geography(Point, 4326) not null,
        area geometry(MultiPolygon, 4326) not null check (ST_IsValid(area)),
        housing_offered integer not null check (housing_offered >= 0)
      )`);
    // bbox and polygon searches compare the area as planar lon/lat geometry; radius searches
    // measure on the sphere, through the geography cast (kernel/geo/area.ts).
    this.addSql('create index resettlement_zone_area_gist on resettlement.resettlement_zone using gist (area)');
    this.addSql('create index resettlement_zone_area_geography_gist on resettlement.resettlement_zone using gist ((area::geography))');
    this.addSql('create index resettlement_zone_region_name on resettlement.resettlement_zone (region_code, name, id)');

    this.addSql(`
      create table resettlement.zone_quota (
        zone_id uuid not null references resettlement.resettlement_zone (id) on delete cascade,
        year smallint not null check (year between 2020 and 2100),
        families integer not null check (families >= 0),
        primary key (zone_id, year)
      )`);
    this.addSql('create index zone_quota_year on resettlement.zone_quota (year, zone_id)');

    this.addSql(`
      create table resettlement.resettlement_application (
        id uuid primary key,
        zone_id uuid not null references resettlement.resettlement_zone (id),
        year smallint not null check (year between 2020 and 2100),
        status varchar(8) not null check (status in ('PENDING', 'ACCEPTED', 'REJECTED')),
        from_kato_code char(9) not null check (from_kato_code ~ '^[0-9]{9}$'),
        from_region_code varchar(5) not null
          check (from_region_code ~ '^KZ-[0-9]{2}$' and substr(from_kato_code, 1, 2) = substr(from_region_code, 4, 2)),
        applicant_iin char(12) not null check (applicant_iin ~ '^[0-9]{12}$'),
        family_members smallint not null check (family_members >= 1),
        able_bodied_members smallint not null check (able_bodied_members between 0 and family_members),
        relocation_subsidy_tenge integer not null check (relocation_subsidy_tenge >= 0),
        monthly_rent_subsidy_tenge integer not null check (monthly_rent_subsidy_tenge >= 0),
        decided_at timestamptz,
        reason text,
        created_at timestamptz not null default now(),
        -- a decision and its time come together: pending rows have none, decided rows always one
        check ((status = 'PENDING') = (decided_at is null))
      )`);
    // Counting accepted families per zone and year is an index-only scan of this partial index.
    this.addSql(`create index resettlement_application_accepted on resettlement.resettlement_application (zone_id, year)
                   where status = 'ACCEPTED'`);
    this.addSql('create index resettlement_application_newest on resettlement.resettlement_application (created_at desc, id desc)');
    this.addSql(`create index resettlement_application_status_newest
                   on resettlement.resettlement_application (status, created_at desc, id desc)`);
    this.addSql('create index resettlement_application_applicant on resettlement.resettlement_application (applicant_iin)');

    this.addSql(`
      create view resettlement.zone_quota_status as
      select q.zone_id, q.year, q.families, accepted.families as accepted_families,
             greatest(q.families - accepted.families, 0) as free_families
        from resettlement.zone_quota q
        cross join lateral (
          select count(*)::int as families
            from resettlement.resettlement_application a
           where a.zone_id = q.zone_id and a.year = q.year and a.status = 'ACCEPTED') accepted`);

    this.addSql(`
      create table resettlement.region_resettlement (
        region_code varchar(5) not null check (region_code ~ '^KZ-[0-9]{2}$'),
        year smallint not null check (year between 2020 and 2100),
        role varchar(9) not null check (role in ('DONOR', 'RECIPIENT', 'NEUTRAL')),
        kandas_persons integer not null check (kandas_persons >= 0),
        resettler_persons integer not null check (resettler_persons >= 0),
        primary key (region_code, year)
      )`);
  }
}
