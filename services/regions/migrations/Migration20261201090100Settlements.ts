import { Migration } from '@mikro-orm/migrations';

/**
 * Settlements with the population the map places there (docs/domain.md §8: GeoNames positions,
 * each region's population spread over its settlements), so that "how many people live within
 * 50 km of a project" is a radius sum here, in the subgraph that owns population.
 */
export class Migration20261201090100Settlements extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table regions.settlement (
        kato_code varchar(9) primary key check (kato_code ~ '^[0-9]{9}$'),
        name text not null,
        region_code varchar(5) not null references regions.region (code) deferrable initially deferred
          check (region_code = 'KZ-' || left(kato_code, 2)),
        location geography(Point, 4326) not null,
        population integer not null check (population >= 0)
      )`);
    this.addSql('create index settlement_location_gist on regions.settlement using gist (location)');
  }
}
