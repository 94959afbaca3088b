import { Migration } from '@mikro-orm/migrations';

export class Migration20261123000100Regions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table regions.region (
        code varchar(5) primary key,
        kato_code varchar(2) not null unique,
        name_en text not null,
        name_ru text not null,
        name_kk text not null,
        kind varchar(6) not null check (kind in ('OBLAST', 'CITY')),
        admin_center text not null,
        center geography(Point, 4326) not null,
        boundary geometry(MultiPolygon, 4326) not null,
        area_km2 double precision not null,
        population integer not null check (population > 0),
        population_estimated boolean not null,
        median_monthly_wage_tenge integer not null check (median_monthly_wage_tenge > 0)
      )`);
    this.addSql('create index region_boundary_gist on regions.region using gist (boundary)');
    // Point-in-polygon against whole regions tests tens of thousands of vertices; ST_Subdivide
    // pieces of at most 256 vertices keep each test small and the GiST boxes tight.
    this.addSql(`
      create table regions.region_part (
        id serial primary key,
        region_code varchar(5) not null references regions.region (code) on delete cascade,
        geom geometry(Polygon, 4326) not null
      )`);
    this.addSql('create index region_part_geom_gist on regions.region_part using gist (geom)');
  }
}
