import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, federation, tokenFor } from '../support/federation.js';

/**
 * Query.staffingShortages across two instances of the vacancies subgraph. Each instance keeps its
 * own answers (kernel/result-cache.ts lives in its process), so the second instance runs as a
 * process of its own: a vacancy posted through instance A (the federation's) is counted by
 * instance B once B's answer is older than the bound the field states, twice
 * SHORTAGES_CACHE_SECONDS. Posts go to Mangystau, where no other test file posts.
 */
const CACHE_SECONDS = 1;
const REGION = 'KZ-47';
const POST = 'mutation ($input: PostVacancyInput!) { postVacancy(input: $input) { id } }';
const CLOSE = 'mutation ($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id } }';

let replica: ChildProcess;
let replicaUrl: string;
let token: string;
let employer: { bin: string; katoCode: string };

async function startReplica(): Promise<void> {
  replica = spawn(process.execPath, ['--import', 'tsx', 'services/vacancies/main.ts'], {
    env: { ...process.env, DATABASE_URL: federation.databaseUrl(), PORT: '0', MIGRATE: 'false', SEED_ON_START: 'false', LOG_LEVEL: 'info', SHORTAGES_CACHE_SECONDS: String(CACHE_SECONDS) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const listening = new Promise<string>((resolve, reject) => {
    replica.once('exit', (code) => reject(new Error(`the replica exited (${code}) before listening`)));
    // Every line is read, so the replica never blocks on a full pipe.
    createInterface({ input: replica.stdout! }).on('line', (line) => {
      const entry = line.startsWith('{') ? (JSON.parse(line) as { msg?: string; url?: string }) : {};
      if (entry.msg === 'listening' && entry.url) resolve(entry.url);
    });
  });
  replicaUrl = await listening;
}

async function openOnReplica(): Promise<number> {
  const response = await fetch(replicaUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ staffingShortages(groupBy: REGION, first: 20) { region { code } openVacancies } }' }),
  });
  const data = expectData((await response.json()) as { data?: { staffingShortages: { region: { code: string }; openVacancies: number }[] } });
  return data.staffingShortages.find((shortage) => shortage.region.code === REGION)!.openVacancies;
}

beforeAll(async () => {
  const { vacancies } = expectData(
    await federation.query<{ vacancies: { edges: { node: { katoCode: string; enterprise: { bin: string } } }[] } }>(
      `{ vacancies(first: 1, area: { regionCode: "${REGION}" }) { edges { node { katoCode enterprise { bin } } } } }`,
    ),
  );
  const [seeded] = vacancies.edges;
  if (!seeded) throw new Error(`need a seeded vacancy in ${REGION}`);
  employer = { bin: seeded.node.enterprise.bin, katoCode: seeded.node.katoCode };
  token = await tokenFor({ sub: 'employer-replicas', roles: ['employer'], bin: employer.bin });
  await startReplica();
});

afterAll(async () => {
  if (!replica || replica.exitCode !== null) return;
  const exited = once(replica, 'exit');
  replica.kill('SIGTERM');
  await exited;
});

describe('staffing shortages on two instances', () => {
  it('counts on instance B, within twice SHORTAGES_CACHE_SECONDS, what was posted and closed through instance A', async () => {
    // B computes its answer now; from here on it may serve it for at most 2 × CACHE_SECONDS.
    const before = await openOnReplica();
    const input = { bin: employer.bin, title: 'Rigger (replica test)', occupationCode: '7212', salaryMinTenge: 320_000, employmentType: 'PERMANENT', katoCode: employer.katoCode };
    const { postVacancy } = expectData(await federation.query<{ postVacancy: { id: string } }>(POST, { input }, { token }));
    try {
      await sleep(2 * CACHE_SECONDS * 1000 + 100);
      expect(await openOnReplica()).toBe(before + 1);
    } finally {
      expectData(await federation.query(CLOSE, { id: postVacancy.id }, { token }));
    }
    await sleep(2 * CACHE_SECONDS * 1000 + 100);
    expect(await openOnReplica()).toBe(before);
  });
});
