import autocannon from 'autocannon';
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { signDevToken } from '../../../services/kernel/dev-tokens.js';
import type { Random } from '../../../services/kernel/seed/demo-world.js';
import type { Scenario } from './scenarios.js';
import type { ServiceProcess } from './services.js';

/**
 * The soak (`npm run bench -- --soak 600`): one mixed load through the gateway for a long time —
 * the read scenarios a dashboard asks, and employers posting and closing vacancies — while every
 * process's resident memory is sampled. It answers two questions a short run cannot: does any
 * request fail under sustained load, and does memory grow once the first minute's plateau is
 * reached (a leak: a cache without a bound, listeners that pile up, a pool that never returns).
 */
export interface SoakOptions {
  gatewayUrl: string;
  databaseUrl: string;
  services: ServiceProcess[];
  reads: Scenario[];
  random: Random;
  connections: number;
  durationSeconds: number;
  /** Share of requests that are writes (a post, or the close of an earlier post). */
  writeShare: number;
  sampleEverySeconds?: number;
}

export interface MemorySample {
  atSeconds: number;
  rssMegabytes: Record<string, number>;
}

export interface SoakResult {
  requests: number;
  requestsPerSecond: number;
  writes: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  /** The first error bodies seen (a few), to say what failed. */
  errorSamples: string[];
  samples: MemorySample[];
}

interface Employer {
  bin: string;
  katoCode: string;
  token: string;
}

const POST = `mutation Soak($input: PostVacancyInput!) { postVacancy(input: $input) { id } }`;
const CLOSE = `mutation SoakClose($id: ID!) { closeVacancy(id: $id, reason: WITHDRAWN) { id status } }`;
const OCCUPATIONS = ['7412', '8111', '2221', '2341', '7233', '9313'];

/** Resident set of a process in MB, from /proc (Linux): the figure `ps` and the OOM killer use. */
async function residentMegabytes(pid: number | undefined): Promise<number> {
  if (pid === undefined) return Number.NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kilobytes ? Math.round(Number(kilobytes) / 1024) : Number.NaN;
}

/** Employers of seeded enterprises, each with a token for its own BIN (postVacancy's rule). */
async function employers(databaseUrl: string, count: number): Promise<Employer[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ bin: string; kato_code: string }>(
      'select bin, kato_code from enterprises.enterprise order by id limit $1',
      [count],
    );
    return Promise.all(
      rows.map(async (row) => ({
        bin: row.bin,
        katoCode: row.kato_code,
        token: await signDevToken({ sub: `soak-${row.bin}`, roles: ['employer'], bin: row.bin }, { expiresIn: '2h' }),
      })),
    );
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], fraction: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]! : Number.NaN;
}

export async function soak(options: SoakOptions): Promise<SoakResult> {
  const { random } = options;
  const staff = await employers(options.databaseUrl, 50);
  if (staff.length === 0) throw new Error('the soak needs seeded enterprises');
  /** Vacancies this soak posted and has not closed yet, with the token that may close each. */
  const open: { id: string; token: string }[] = [];
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let writes = 0;

  const nextRequest = (): { body: string; token: string | null; kind: 'read' | 'post' | 'close' } => {
    if (random.next() < options.writeShare) {
      writes += 1;
      // Close about as often as post, so the number of open vacancies stays where it started.
      if (open.length > 0 && random.next() < 0.5) {
        const posted = open.splice(Math.floor(random.next() * open.length), 1)[0]!;
        return { body: JSON.stringify({ query: CLOSE, variables: { id: posted.id } }), token: posted.token, kind: 'close' };
      }
      const employer = random.pick(staff);
      const input = {
        bin: employer.bin,
        title: 'Soak test vacancy',
        occupationCode: random.pick(OCCUPATIONS),
        salaryMinTenge: 200_000 + Math.floor(random.next() * 300_000),
        employmentType: 'PERMANENT',
        katoCode: employer.katoCode,
      };
      return { body: JSON.stringify({ query: POST, variables: { input } }), token: employer.token, kind: 'post' };
    }
    const scenario = random.pick(options.reads);
    return { body: JSON.stringify({ query: scenario.document, variables: scenario.variables(random) }), token: null, kind: 'read' };
  };

  const samples: MemorySample[] = [];
  const startedAt = performance.now();
  const sample = async () => {
    const rssMegabytes: Record<string, number> = {};
    for (const service of options.services) rssMegabytes[service.name] = await residentMegabytes(service.process.pid);
    samples.push({ atSeconds: Math.round((performance.now() - startedAt) / 1000), rssMegabytes });
  };
  await sample();
  const sampler = setInterval(() => void sample(), (options.sampleEverySeconds ?? 10) * 1000);

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.gatewayUrl,
        connections: options.connections,
        duration: options.durationSeconds,
        method: 'POST',
        requests: [
          {
            // A connection has one request in flight at a time, so its context says whose post answered.
            setupRequest: (request, context: { token?: string | null }) => {
              const next = nextRequest();
              context.token = next.kind === 'post' ? next.token : null;
              const headers: Record<string, string> = { 'content-type': 'application/json' };
              if (next.token) headers.authorization = `Bearer ${next.token}`;
              return { ...request, headers, body: next.body };
            },
            onResponse: (status, body, context: { token?: string | null }) => {
              const failed = status !== 200 || body.includes('"errors"');
              if (failed) {
                errors += 1;
                if (errorSamples.length < 5) errorSamples.push(`${status} ${body.slice(0, 300)}`);
                return;
              }
              const posted = /"postVacancy":\{"id":"([^"]+)"/.exec(body)?.[1];
              if (posted && context.token) open.push({ id: posted, token: context.token });
            },
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
  clearInterval(sampler);
  await sample();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    requestsPerSecond: sorted.length / options.durationSeconds,
    writes,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    errors: errors + result.errors + result.timeouts,
    timeouts: result.timeouts,
    errorSamples,
    samples,
  };
}

/** Each process's RSS at start, after the first minute (the plateau), half-way and at the end, and end minus plateau. */
export function memoryTable(samples: MemorySample[]): string[] {
  const names = Object.keys(samples[0]?.rssMegabytes ?? {});
  const last = samples.at(-1)!;
  const at = (seconds: number) => samples.find((candidate) => candidate.atSeconds >= seconds) ?? last;
  const plateau = at(60);
  const middle = at(last.atSeconds / 2);
  const rows = names.map((name) => {
    const growth = last.rssMegabytes[name]! - plateau.rssMegabytes[name]!;
    return `| ${name} | ${samples[0]!.rssMegabytes[name]} | ${plateau.rssMegabytes[name]} | ${middle.rssMegabytes[name]} | ${last.rssMegabytes[name]} | ${growth >= 0 ? '+' : ''}${growth} |`;
  });
  return [
    `| process | RSS MB at 0 s | at ${plateau.atSeconds} s (plateau) | at ${middle.atSeconds} s | at ${last.atSeconds} s (end) | end − plateau |`,
    '|---|---|---|---|---|---|',
    ...rows,
  ];
}
