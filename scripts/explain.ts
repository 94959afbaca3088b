import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { loadConfig } from '../services/kernel/config.js';
import { startFederation } from './start.js';

/**
 * `npm run explain`: asks the running federation each spatial question of docs/architecture.md §4 through
 * the gateway, captures the SQL the subgraph actually sent, and writes EXPLAIN (ANALYZE, BUFFERS)
 * of every statement to docs/query-plans.md. Run it on a database seeded with ≥ 100 000
 * enterprises (`npm run seed -- --enterprises 100000`).
 */
interface Case {
  name: string;
  subgraph: string;
  document: string;
}

const KARAGANDA = '{ lat: 49.80, lon: 73.10 }';
const CASES: Case[] = [
  {
    name: 'radius: enterprises within 50 km, nearest first (KNN)',
    subgraph: 'enterprises',
    document: `{ enterprises(area: { near: { point: ${KARAGANDA}, radiusKm: 50 } }, orderBy: DISTANCE, first: 50) { totalCount edges { distanceKm node { id } } } }`,
  },
  {
    name: 'radius: enterprises within 50 km, by name',
    subgraph: 'enterprises',
    document: `{ enterprises(area: { near: { point: ${KARAGANDA}, radiusKm: 50 } }, first: 50) { edges { node { id } } } }`,
  },
  {
    name: 'viewport (bbox) around Almaty',
    subgraph: 'enterprises',
    document: '{ enterprises(area: { bbox: { west: 76.75, south: 43.15, east: 77.05, north: 43.35 } }, first: 200) { totalCount edges { node { id } } } }',
  },
  {
    name: 'polygon around Astana',
    subgraph: 'enterprises',
    document:
      '{ enterprises(area: { polygon: { type: "Polygon", coordinates: [[[71.2, 51.0], [71.7, 51.0], [71.7, 51.3], [71.2, 51.3], [71.2, 51.0]]] } }, first: 100) { totalCount edges { node { id } } } }',
  },
  {
    name: 'region: hazardous-work payments in Karaganda Region',
    subgraph: 'enterprises',
    document: '{ hazardousWorkPayments(area: { regionCode: "KZ-35" }) { enterprises eligibleWorkers monthlyTotalTenge byClass { conditionsClass enterprises } } }',
  },
  {
    name: 'region: filtered list (minHazardClass) in Pavlodar Region',
    subgraph: 'enterprises',
    document: '{ enterprises(area: { regionCode: "KZ-55" }, filter: { minHazardClass: HARMFUL_3_2 }, first: 50) { edges { node { id } } } }',
  },
  {
    name: 'vacancies near resettlement zones (headline query 3)',
    subgraph: 'vacancies',
    document:
      '{ resettlementZones(year: 2026, withFreeQuota: true) { nearbyVacancies(radiusKm: 30, filter: { housingProvided: true }) { edges { distanceKm node { id } } } } }',
  },
  {
    name: '500 vacancies with their employers (entity fan-out: references by BIN)',
    subgraph: 'enterprises',
    document: '{ vacancies(first: 500) { edges { node { title enterprise { name bin } } } } }',
  },
  {
    name: 'staffing shortages by region',
    subgraph: 'vacancies',
    document: '{ staffingShortages(groupBy: REGION) { openVacancies medianOpenDays } }',
  },
];

function summarise(plan: string): string {
  const indexes = [...new Set([...plan.matchAll(/(?:Index|Index Only|Bitmap Index) Scan (?:Backward )?(?:using|on) (\S+)/g)].map((m) => m[1]))];
  const seqScans = [...new Set([...plan.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1]))];
  const time = /Execution Time: ([\d.]+) ms/.exec(plan)?.[1];
  return `indexes: ${indexes.join(', ') || 'none'}; sequential scans: ${seqScans.join(', ') || 'none'}; execution ${time} ms`;
}

async function main(): Promise<void> {
  const databaseUrl = loadConfig().DATABASE_URL;
  if (!databaseUrl) throw new Error('npm run explain needs DATABASE_URL (a seeded PostgreSQL + PostGIS)');
  const federation = await startFederation({ gatewayPort: 0, subgraphPorts: [0, 0, 0, 0] });
  // JIT off, as in the subgraphs' own sessions (services/kernel/db.ts).
  const client = new pg.Client({ connectionString: databaseUrl, options: '-c jit=off' });
  await client.connect();
  const [{ count }] = (await client.query<{ count: string }>('select count(*) from enterprises.enterprise')).rows as [{ count: string }];
  const sections: string[] = [];
  try {
    for (const testCase of CASES) {
      const subgraph = federation.subgraphs.find((candidate) => candidate.name === testCase.subgraph)!;
      const platform = subgraph.database.orm.em.getPlatform();
      const statements: string[] = [];
      subgraph.database.counter.observe = (sql, params) => statements.push(platform.formatQuery(sql, [...params]));
      const response = await fetch(federation.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: testCase.document }),
      });
      subgraph.database.counter.observe = null;
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`${testCase.name}: ${JSON.stringify(body.errors)}`);
      sections.push(`## ${testCase.name}\n\n\`\`\`graphql\n${testCase.document}\n\`\`\`\n`);
      for (const [index, sql] of statements.entries()) {
        if (/^\s*(select|with)/i.test(sql) === false) continue;
        const plan = (await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`)).rows
          .map((row) => row['QUERY PLAN'])
          .join('\n');
        sections.push(`Statement ${index + 1} of ${statements.length} (${testCase.subgraph}) — ${summarise(plan)}\n\n\`\`\`\n${plan}\n\`\`\`\n`);
      }
    }
  } finally {
    await client.end();
    await federation.close();
  }
  const header = [
    '# Query plans',
    '',
    `EXPLAIN (ANALYZE, BUFFERS) of the SQL the subgraphs send for each spatial question, captured from a running`,
    `federation by \`npm run explain\` on ${new Date().toISOString().slice(0, 10)}, on a database of ${count} enterprises`,
    '(`npm run seed`, seed 42). Each statement is followed by the indexes it used and whether any table was read whole.',
    '',
  ];
  await writeFile('docs/query-plans.md', [...header, ...sections].join('\n'));
  console.log(sections.filter((section) => section.startsWith('Statement') || section.startsWith('##')).map((s) => s.split('\n')[0]).join('\n'));
}

await main();
