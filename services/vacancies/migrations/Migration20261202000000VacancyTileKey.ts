import { Migration } from '@mikro-orm/migrations';
import { pointTileKeySql } from '../../kernel/tiles/tile-key.js';

/**
 * The vacancy tile key (kernel/tiles/tile-key.ts): a vacancy tile is one range of
 * `vacancy_tile_key`, read from the index alone. Partial on OPEN, the only vacancies a tile
 * shows; it includes a single vacancy's card fields and every column the tile filters test.
 */
export class Migration20261202000000VacancyTileKey extends Migration {
  override async up(): Promise<void> {
    const statements = pointTileKeySql({
      table: 'vacancies.vacancy',
      location: 'location',
      include: ['occupation_code', 'salary_min_tenge', 'conditions_class', 'housing_provided', 'employment_type', 'posted_at', 'id', 'title'],
      where: "status = 'OPEN'",
    });
    for (const statement of statements) this.addSql(statement);
  }
}
