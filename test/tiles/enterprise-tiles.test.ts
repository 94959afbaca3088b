import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_LEVELS, cellIndex } from '../../services/kernel/tiles/cells.js';
import { tileOf } from '../../services/kernel/tiles/grid.js';
import { expectData, federation } from '../support/federation.js';
import { bins, database, registered } from '../enterprises/support.js';
import { countSum, decode, fetchAll, fetchTile, gatewayOrigin, insideExtent, tilesFor, tileUrl } from './support.js';

/** The enterprises layer (design §9): exact cluster sums, the GraphQL filters, HTTP caching and errors. */

interface Card {
  id: string;
  bin: string;
  name: string;
  hazardClass: string;
  headcount: number;
  assessmentOverdue: boolean;
  specialPayment: { eligibleWorkers: number };
  location: { lat: number; lon: number };
}

const CARDS = `query ($filter: EnterpriseFilter, $after: String) {
  enterprises(filter: $filter, first: 500, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id bin name hazardClass headcount assessmentOverdue specialPayment { eligibleWorkers } location { lat lon } } } } }`;

async function graphqlEnterprises(filter: Record<string, unknown>): Promise<{ totalCount: number; cards: Card[] }> {
  const cards: Card[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (;;) {
    const data: { enterprises: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: Card }[] } } =
      expectData(await federation.query(CARDS, { filter, after }));
    totalCount = data.enterprises.totalCount;
    cards.push(...data.enterprises.edges.map((edge) => edge.node));
    if (!data.enterprises.pageInfo.hasNextPage) return { totalCount, cards };
    after = data.enterprises.pageInfo.endCursor;
  }
}

const FILTERS: Record<string, string | boolean>[] = [
  {},
  { minHazardClass: 'HARMFUL_3_1' },
  { specialPaymentEligible: true },
  { assessmentOverdue: false, okedPrefix: '0' },
];

let all: Card[] = [];
const db = database();
const nextBin = bins('2025-11');

beforeAll(async () => {
  all = (await graphqlEnterprises({})).cards;
  expect(all.length).toBeGreaterThan(100);
});
afterAll(() => db.restore());

describe('enterprise tiles: Σ count over each zoom equals GraphQL totalCount', () => {
  for (const [index, filter] of FILTERS.entries()) {
    const zooms = index === 0 ? [2, 4, 6, 9, 12, 14] : [3, 7, 11];
    it(`filter ${JSON.stringify(filter)} at zooms ${zooms.join(', ')}`, async () => {
      const { totalCount } = await graphqlEnterprises(filter);
      expect(totalCount).toBeGreaterThan(0);
      for (const z of zooms) {
        const tiles = await fetchAll('enterprises', tilesFor(z, all.map((card) => card.location)), filter);
        expect({ z, sum: countSum(tiles) }).toEqual({ z, sum: totalCount });
        for (const { features } of tiles) {
          expect(features.length).toBeLessThanOrEqual(10_000);
          for (const feature of features) expect(insideExtent(feature)).toBe(true);
        }
      }
    });
  }

  it('clusters below the cluster zoom, every enterprise its own feature from zoom 14, matching the filter exactly', async () => {
    const low = await fetchAll('enterprises', tilesFor(4, []));
    expect(low.some(({ features }) => features.some((feature) => Number(feature.properties.count) > 1 && feature.properties.cluster === true))).toBe(true);

    const filter = { minHazardClass: 'HARMFUL_3_1' };
    const { cards } = await graphqlEnterprises(filter);
    const tiles = await fetchAll('enterprises', tilesFor(14, cards.map((card) => card.location)), filter);
    const features = tiles.flatMap((tile) => tile.features);
    expect(features.every((feature) => feature.properties.count === 1 && feature.properties.cluster === false)).toBe(true);
    expect(features.map((feature) => feature.properties.id).sort()).toEqual(cards.map((card) => card.id).sort());
  });
});

describe('enterprise tile properties', () => {
  it('a single enterprise carries its public card fields, as GraphQL gives them', async () => {
    const card = all.find((candidate) => candidate.specialPayment.eligibleWorkers > 0) ?? all[0]!;
    const features = await fetchTile('enterprises', tileOf(card.location.lon, card.location.lat, 14));
    const feature = features.find((candidate) => candidate.properties.id === card.id);
    expect(feature?.type).toBe(1);
    expect(feature?.properties).toEqual({
      count: 1,
      cluster: false,
      id: card.id,
      bin: card.bin,
      name: card.name,
      hazardClass: card.hazardClass,
      eligibleWorkers: card.specialPayment.eligibleWorkers,
      headcount: card.headcount,
      assessmentOverdue: card.assessmentOverdue,
    });
  });

  it('a cluster carries count, the worst hazard class and the summed eligible workers of its enterprises', async () => {
    const tiles = await fetchAll('enterprises', tilesFor(2, []));
    const features = tiles.flatMap((tile) => tile.features);
    const ranks = ['OPTIMAL_1', 'ACCEPTABLE_2', 'HARMFUL_3_1', 'HARMFUL_3_2', 'HARMFUL_3_3', 'HARMFUL_3_4', 'DANGEROUS_4'];
    const worst = Math.max(...all.map((card) => ranks.indexOf(card.hazardClass)));
    expect(Math.max(...features.map((feature) => ranks.indexOf(String(feature.properties.hazardClass))))).toBe(worst);
    const eligible = all.reduce((sum, card) => sum + card.specialPayment.eligibleWorkers, 0);
    expect(features.reduce((sum, feature) => sum + Number(feature.properties.eligibleWorkers), 0)).toBe(eligible);
    expect(features.find((feature) => feature.properties.cluster)?.properties).not.toHaveProperty('bin');
  });

  it('below the cluster zoom a feature of one enterprise still carries that enterprise card', async () => {
    const tiles = await fetchAll('enterprises', tilesFor(9, all.map((card) => card.location)));
    const singles = tiles.flatMap((tile) => tile.features).filter((feature) => feature.properties.count === 1);
    expect(singles.length).toBeGreaterThan(0);
    const byId = new Map(all.map((card) => [card.id, card]));
    for (const feature of singles) {
      const card = byId.get(String(feature.properties.id));
      expect(feature.properties).toMatchObject({ cluster: false, bin: card?.bin, name: card?.name, hazardClass: card?.hazardClass, headcount: card?.headcount });
    }
  });
});

describe('enterprise tiles over HTTP', () => {
  const karaganda = tileOf(73.1, 49.8, 6);

  it('TileJSON 3.0.0 with the template on the gateway, the fields, Kazakhstan and the attribution; filters carried into the template', async () => {
    const response = await fetch(`${gatewayOrigin()}/tiles/enterprises.json?minHazardClass=HARMFUL_3_2`);
    expect(response.status).toBe(200);
    const tileJson = (await response.json()) as Record<string, unknown> & { vector_layers: { id: string; fields: Record<string, string> }[] };
    expect(tileJson).toMatchObject({
      tilejson: '3.0.0',
      tiles: [`${gatewayOrigin()}/tiles/enterprises/{z}/{x}/{y}.mvt?minHazardClass=HARMFUL_3_2`],
      minzoom: 0,
      maxzoom: 14,
      attribution: '© OpenStreetMap contributors',
    });
    expect(tileJson.bounds).toEqual([46.4, 40.5, 87.4, 55.5]);
    expect(tileJson.vector_layers[0]?.id).toBe('enterprises');
    expect(Object.keys(tileJson.vector_layers[0]!.fields)).toEqual(
      expect.arrayContaining(['count', 'hazardClass', 'eligibleWorkers', 'id', 'bin', 'name', 'headcount', 'assessmentOverdue']),
    );
  });

  it('serves the MVT type, gzip when accepted, Cache-Control, and 304 for a matching ETag', async () => {
    const plain = await fetch(tileUrl('enterprises', karaganda), { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const bytes = new Uint8Array(await plain.arrayBuffer());
    expect(decode(bytes, 'enterprises').length).toBeGreaterThan(0);

    // node:http keeps the body as sent, so the gzip is checked as bytes.
    const { request } = await import('node:http');
    const gzipped = await new Promise<{ status: number; encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(tileUrl('enterprises', karaganda), { headers: { 'accept-encoding': 'gzip, deflate' } }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, encoding: answer.headers['content-encoding'], body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(gzipped).toMatchObject({ status: 200, encoding: 'gzip' });
    expect(new Uint8Array(gunzipSync(gzipped.body))).toEqual(bytes);

    const again = await fetch(tileUrl('enterprises', karaganda), { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    const otherFilter = await fetch(tileUrl('enterprises', karaganda, { minHazardClass: 'DANGEROUS_4' }), { headers: { 'if-none-match': etag! } });
    expect(otherFilter.status).not.toBe(304);
  });

  it('a registered enterprise and a new assessment show in the next tile (the ETag changes)', async () => {
    const location = { lat: 49.81234, lon: 73.05678 };
    const tile = tileOf(location.lon, location.lat, 14);
    const before = await fetch(tileUrl('enterprises', tile));
    const beforeFeatures = decode(await before.arrayBuffer(), 'enterprises');
    const { id, bin } = await registered(db, nextBin(), { location });
    const after = await fetch(tileUrl('enterprises', tile), { headers: { 'if-none-match': before.headers.get('etag')! } });
    expect(after.status).toBe(200);
    const afterFeatures = decode(await after.arrayBuffer(), 'enterprises');
    expect(afterFeatures.length).toBe(beforeFeatures.length + 1);
    expect(afterFeatures.find((feature) => feature.properties.id === id)?.properties).toMatchObject({ bin, hazardClass: 'ACCEPTABLE_2' });

    const { adminToken, ASSESS, assessment } = await import('../enterprises/support.js');
    expectData(await federation.query(ASSESS, { input: assessment(bin) }, { token: await adminToken() }));
    const assessed = await fetch(tileUrl('enterprises', tile), { headers: { 'if-none-match': after.headers.get('etag')! } });
    expect(assessed.status).toBe(200);
    const feature = decode(await assessed.arrayBuffer(), 'enterprises').find((candidate) => candidate.properties.id === id);
    expect(feature?.properties.hazardClass).toBe('HARMFUL_3_2');
  });

  it('clustered tiles follow a registration and an assessment (the cell aggregate moves in the write transaction)', async () => {
    const location = { lat: 49.79, lon: 73.14 };
    const tile = tileOf(location.lon, location.lat, 4);
    const harmful = { minHazardClass: 'HARMFUL_3_2' };
    const sums = async () => ({
      all: countSum([{ features: await fetchTile('enterprises', tile) }]),
      harmful: countSum([{ features: await fetchTile('enterprises', tile, harmful) }]),
    });
    const before = await sums();
    const { bin } = await registered(db, nextBin(), { location });
    expect(await sums()).toEqual({ all: before.all + 1, harmful: before.harmful });
    const { adminToken, ASSESS, assessment } = await import('../enterprises/support.js');
    expectData(await federation.query(ASSESS, { input: assessment(bin) }, { token: await adminToken() }));
    expect(await sums()).toEqual({ all: before.all + 1, harmful: before.harmful + 1 });

    // The finest level equals a fresh grouping of the rows, and every coarser level sums to the same total.
    const pool = new pg.Pool({ connectionString: federation.databaseUrl(), max: 1 });
    try {
      const recount = `select ${cellIndex('x', 'e.location::geometry')} as cx, ${cellIndex('y', 'e.location::geometry')} as cy, e.hazard_rank,
                              e.special_payment_eligible_workers > 0 as eligible, count(*)::int as count, sum(e.special_payment_eligible_workers)::bigint as eligible_workers
                         from enterprises.enterprise e group by 1, 2, 3, 4`;
      const stored = 'select cx, cy, hazard_rank, eligible, count, eligible_workers from enterprises.enterprise_cell where level = 14 and count > 0';
      const { rows: differences } = await pool.query(`(${recount} except ${stored}) union all (${stored} except ${recount})`);
      expect(differences).toEqual([]);
      const { rows: levels } = await pool.query<{ level: number; count: number }>(
        'select level, sum(count)::int as count from enterprises.enterprise_cell group by level order by level',
      );
      const { rows: enterprises } = await pool.query<{ count: number }>('select count(*)::int as count from enterprises.enterprise');
      expect(levels).toEqual(CELL_LEVELS.map((level) => ({ level, count: enterprises[0]!.count })));
    } finally {
      await pool.end();
    }
  });

  it('400 with a JSON body naming the bad parameter or coordinate; 404 for an unknown layer', async () => {
    const cases: [string, string][] = [
      ['/tiles/enterprises/4/11/5.mvt?minHazardClass=VERY_BAD', 'minHazardClass'],
      ['/tiles/enterprises/4/11/5.mvt?okedPrefix=05a', 'okedPrefix'],
      ['/tiles/enterprises/4/11/5.mvt?specialPaymentEligible=yes', 'specialPaymentEligible'],
      ['/tiles/enterprises/4/11/5.mvt?minSalaryTenge=100', 'minSalaryTenge'],
      ['/tiles/enterprises/4/11/5.mvt?assessmentOverdue=true&assessmentOverdue=false', 'assessmentOverdue'],
      ['/tiles/enterprises/4/16/5.mvt', 'x'],
      ['/tiles/enterprises/4/3/-1.mvt', 'y'],
      ['/tiles/enterprises/23/0/0.mvt', 'z'],
      ['/tiles/enterprises/four/0/0.mvt', 'z'],
      ['/tiles/enterprises.json?minHazardClass=x', 'minHazardClass'],
    ];
    for (const [path, argument] of cases) {
      const response = await fetch(`${gatewayOrigin()}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', argument, message: expect.stringContaining(argument) } });
    }
    for (const path of ['/tiles/factories/4/11/5.mvt', '/tiles/factories.json']) {
      const response = await fetch(`${gatewayOrigin()}${path}`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: expect.stringContaining('factories') } });
    }
  });
});
