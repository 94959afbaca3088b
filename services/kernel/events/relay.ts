import pg from 'pg';
import type { Logger } from '../logger.js';
import type { EventHub } from './event-hub.js';
import { type OutboxEvent, outboxChannel } from './outbox.js';

/**
 * Reads a subgraph's committed outbox rows in id order and publishes them to this process's
 * hub. It starts after the last row present at start (a new process has no subscribers yet),
 * polls every OUTBOX_POLL_MS, and on a real PostgreSQL also LISTENs to the outbox's channel as
 * a wake-up; the embedded PGlite gets no NOTIFY across pooled connections, so there it polls.
 * Its own connection, outside the subgraph's pool and statement counter.
 *
 * Ids come from a sequence at insert time, not at commit: a row can become visible after a
 * higher one. A missing id is an insert still in flight or a value a rollback threw away. The
 * relay tells them apart with the table's RowExclusiveLock, which every transaction that
 * inserted a row holds until it ends: it waits for the transactions holding it when the gap was
 * seen (only they can own the missing id: later inserts draw higher ids) and then reads again;
 * what is still missing never committed.
 */
export interface RelayOptions {
  databaseUrl: string;
  schema: string;
  hub: EventHub;
  pollMs: number;
  /** LISTEN/NOTIFY as a wake-up: a real server only. */
  listen: boolean;
  log: Logger;
}

const BATCH = 500;

export class OutboxRelay {
  private client: pg.Client | undefined;
  private lastId = 0;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private again = false;
  private closed = false;
  /** Transactions that held the outbox's write lock when the current gap was seen. */
  private gapWriters: Set<string> | undefined;

  constructor(private readonly options: RelayOptions) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `${this.options.schema}-outbox-relay` });
    client.on('error', (error) => this.options.log.error({ err: error }, 'outbox relay connection failed'));
    await client.connect();
    this.client = client;
    const { rows } = await client.query<{ id: string }>(`select coalesce(max(id), 0)::text as id from ${this.options.schema}.outbox`);
    this.lastId = Number(rows[0]?.id ?? 0);
    if (this.options.listen) {
      client.on('notification', () => this.wake());
      await client.query(`listen "${outboxChannel(this.options.schema)}"`);
    }
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.timer.unref();
  }

  /** Reads what was committed since the last read; a call during a read makes it read once more. */
  wake(): void {
    if (this.closed || !this.client) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drain()
      .catch((error: unknown) => this.options.log.error({ err: error }, 'outbox relay read failed'))
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    await this.client?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    const client = this.client!;
    // Ids below this that are missing were confirmed never to commit.
    let holesBelow = 0;
    for (;;) {
      const { rows } = await client.query<{ id: string; topic: string; payload: Record<string, unknown> }>(
        `select id::text as id, topic, payload from ${this.options.schema}.outbox where id > $1 order by id limit ${BATCH}`,
        [this.lastId],
      );
      let gapAt: number | undefined;
      for (const row of rows) {
        const event: OutboxEvent = { id: Number(row.id), topic: row.topic, payload: row.payload };
        if (event.id !== this.lastId + 1 && event.id > holesBelow) {
          gapAt = event.id;
          break;
        }
        this.lastId = event.id;
        this.options.hub.publish(event);
      }
      if (gapAt === undefined) {
        this.gapWriters = undefined;
        if (rows.length < BATCH) return;
        continue;
      }
      if (await this.gapMayStillFill()) return;
      this.gapWriters = undefined;
      holesBelow = gapAt;
    }
  }

  /** True while a transaction that held the outbox's write lock when the gap was seen is running. */
  private async gapMayStillFill(): Promise<boolean> {
    const { rows } = await this.client!.query<{ writer: string }>(
      `select virtualtransaction as writer from pg_locks
        where locktype = 'relation' and relation = $1::regclass and mode = 'RowExclusiveLock' and granted
          and pid <> pg_backend_pid()`,
      [`${this.options.schema}.outbox`],
    );
    const running = new Set(rows.map((row) => row.writer));
    this.gapWriters = this.gapWriters ? new Set([...this.gapWriters].filter((writer) => running.has(writer))) : running;
    return this.gapWriters.size > 0;
  }
}
