import { Migration } from '@mikro-orm/migrations';
import { pointTileKeySql } from '../../kernel/tiles/tile-key.js';

/**
 * The project tile key (kernel/tiles/tile-key.ts): a project tile is one range of
 * `investment_project_tile_key`, as every point layer's is. It includes a single project's card
 * fields, the sums a cluster shows and the columns the tile filters test.
 */
export class Migration20261202000000ProjectTileKey extends Migration {
  override async up(): Promise<void> {
    const statements = pointTileKeySql({
      table: 'projects.investment_project',
      location: 'location',
      include: ['planned_jobs_total', 'investment_tenge', 'sector', 'status', 'region_code', 'id', 'name'],
      where: null,
    });
    for (const statement of statements) this.addSql(statement);
  }
}
