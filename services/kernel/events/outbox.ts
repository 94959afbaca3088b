/**
 * The transactional outbox (docs/architecture.md §14): a subgraph that owns events writes each
 * one as a row of `<schema>.outbox` in the same transaction as the change it describes, so a
 * rolled-back write leaves no event and a committed one cannot lose its event. Each subgraph
 * process runs a relay (relay.ts) that reads committed rows in id order and hands them to its
 * own subscribers, so every replica delivers what any replica committed.
 */

/** One outbox row as the relay reads it. */
export interface OutboxEvent {
  id: number;
  topic: string;
  payload: Record<string, unknown>;
}

/** The NOTIFY channel of a subgraph's outbox: a wake-up for relays on a real server, never the data. */
export const outboxChannel = (schema: string): string => `${schema}_outbox`;

/**
 * DDL for a subgraph's migration. The statement-level trigger NOTIFYs at commit (PostgreSQL
 * delivers notifications only for committed transactions); relays on the embedded PGlite, where
 * a NOTIFY on one pooled connection never reaches a LISTEN on another, just poll.
 */
export function outboxTableSql(schema: string): string[] {
  return [
    `create table ${schema}.outbox (
       id bigserial primary key,
       topic text not null,
       payload jsonb not null,
       recorded_at timestamptz not null default now())`,
    `create index outbox_recorded_at on ${schema}.outbox (recorded_at)`,
    `create function ${schema}.outbox_notify() returns trigger language plpgsql as $$
     begin
       perform pg_notify('${outboxChannel(schema)}', '');
       return null;
     end $$`,
    `create trigger outbox_notify after insert on ${schema}.outbox for each statement execute function ${schema}.outbox_notify()`,
  ];
}

/**
 * A data-modifying CTE that records one event per row of `source` (a CTE of the same statement,
 * e.g. the `returning` of an insert): the write and its events are one statement, one
 * transaction, and cost no extra round trip. `payload` is a SQL expression over `source`.
 */
export function outboxCte(schema: string, name: string, topic: string, source: string, payload = `to_jsonb(${source})`): string {
  // Topics are names from code, never input: checked anyway, since they are written into SQL.
  if (!/^[A-Za-z]\w*$/.test(topic)) throw new Error(`not a topic name: ${topic}`);
  return `${name} as (insert into ${schema}.outbox (topic, payload) select '${topic}', ${payload} from ${source})`;
}
