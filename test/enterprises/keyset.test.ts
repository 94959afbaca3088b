import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation } from '../support/federation.js';

/**
 * Rows written straight into the test database rather than through registerEnterprise, which
 * picks its own ids: DISTANCE pages break ties by id, so the test needs known ids for seven
 * enterprises sharing one position, and one more inserted while a client is paging.
 */
const SHARED_SPOT = { lat: 47.5, lon: 67.0 }; // Ulytau steppe, away from the demo enterprises
const TIED = Array.from({ length: 7 }, (_, index) => `00000000-0000-4000-8000-00000000010${index}`);
const LATE = '00000000-0000-4000-8000-000000000200';

const PAGE = `query ($after: String) {
  enterprises(area: { near: { point: { lat: ${SHARED_SPOT.lat}, lon: ${SHARED_SPOT.lon} }, radiusKm: 5 } }, orderBy: DISTANCE, first: 2, after: $after) {
    totalCount edges { distanceKm node { id } } pageInfo { hasNextPage endCursor } } }`;

interface Page {
  enterprises: { totalCount: number; edges: { distanceKm: number; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

let client: pg.Client;

async function insertEnterprise(id: string, serial: number, lon: number, lat: number): Promise<void> {
  await client.query(
    `insert into enterprises.enterprise (id, bin, name, oked_code, address, kato_code, region_code, location)
     values ($1, $2, $3, '05100', 'Test site', '620000000', 'KZ-62', ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography)`,
    [id, `99999900${String(serial).padStart(4, '0')}`, `Keyset test ${serial}`, lon, lat],
  );
}

beforeAll(async () => {
  client = new pg.Client({ connectionString: federation.databaseUrl() });
  await client.connect();
  for (const [index, id] of TIED.entries()) await insertEnterprise(id, index, SHARED_SPOT.lon, SHARED_SPOT.lat + (index < 2 ? 0.001 * (index + 1) : 0));
});

afterAll(async () => {
  await client.query('delete from enterprises.enterprise where id = any($1::uuid[])', [[...TIED, LATE]]);
  await client.end();
});

describe('keyset cursors', () => {
  it('page through equal distances by id and survive an insert ahead of the cursor', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const data: Page = expectData(await federation.query<Page>(PAGE, { after }));
      seen.push(...data.enterprises.edges.map((edge) => edge.node.id));
      after = data.enterprises.pageInfo.hasNextPage ? data.enterprises.pageInfo.endCursor : null;
      pages += 1;
      // A new enterprise nearer than the cursor appears while the client is paging: the pages
      // already read stay valid and nothing after the cursor is skipped or repeated.
      if (pages === 2) await insertEnterprise(LATE, 100, SHARED_SPOT.lon, SHARED_SPOT.lat);
    } while (after);
    // Five at the very spot, by id (the late one's id sorts after the cursor, so it is not
    // missed), then the two a hundred and two hundred metres away.
    expect(seen).toEqual([TIED[2], TIED[3], TIED[4], TIED[5], TIED[6], LATE, TIED[0], TIED[1]]);
  });
});
