import { Migration } from '@mikro-orm/migrations';
import { pointTileKeySql } from '../../kernel/tiles/tile-key.js';

/**
 * The enterprise tile key (kernel/tiles/tile-key.ts): an enterprise tile is one range of
 * `enterprise_tile_key`, read from the index alone. It includes what a tile shows (the card
 * fields, the class rank, the eligible workers, the assessment date) and what its filters test
 * (also the OKED code); the tile tests check that the planner can answer every filter from it.
 */
export class Migration20261202000000EnterpriseTileKey extends Migration {
  override async up(): Promise<void> {
    const statements = pointTileKeySql({
      table: 'enterprises.enterprise',
      location: 'location',
      include: ['hazard_rank', 'special_payment_eligible_workers', 'last_assessment_date', 'oked_code', 'headcount', 'id', 'bin', 'name'],
      where: null,
    });
    for (const statement of statements) this.addSql(statement);
  }
}
