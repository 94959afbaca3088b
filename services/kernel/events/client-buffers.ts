import type { GraphQLFormattedError } from 'graphql';
import type { ServerResponse } from 'node:http';
import { SlowConsumer } from '../errors.js';

/** The close code of a WebSocket dropped as a slow consumer (graphql-ws keeps 44xx for its own; 4413 is free). */
export const SLOW_CONSUMER_CLOSE_CODE = 4413;

/**
 * What a process holds for subscription clients that do not read (docs/architecture.md §14).
 * Events are written to a client as they come, never held back for it: waiting for a stalled
 * client would stall its stream upstream (the subgraph's events pile up there) and keep the
 * client forever. Instead each client may have at most SUBSCRIPTION_BUFFER_BYTES written and
 * not yet read (its socket's user-space buffer); the next event past that drops it with
 * SlowConsumer. One per process, so `/metrics` can show the peak and the drops.
 */
export class ClientBuffers {
  private peak = 0;
  private dropped = 0;

  constructor(
    readonly maxBytes: number,
    /** How long a dropped client has to read its last event before its socket is cut. */
    readonly graceMs: number,
  ) {}

  /**
   * Whether `next` more bytes may join the `buffered` ones waiting for a client. An event alone
   * always may: a large event is not a slow client. A refusal counts as a drop.
   */
  admits(buffered: number, next: number): boolean {
    if (buffered > 0 && buffered + next > this.maxBytes) {
      this.dropped += 1;
      return false;
    }
    this.peak = Math.max(this.peak, buffered + next);
    return true;
  }

  overflow(): SlowConsumer {
    return new SlowConsumer('subscriptionBufferBytes', this.maxBytes);
  }

  /** For `/metrics`: the most bytes any one client had waiting, and the clients dropped for it. */
  metrics(): { subscriptionBufferPeakBytes: number; slowConsumersDropped: number } {
    return { subscriptionBufferPeakBytes: this.peak, slowConsumersDropped: this.dropped };
  }

  /**
   * An event stream's chunks to `res` as they come, within the bound. When the source fails (a
   * SlowConsumer from the subgraph's hub) or the client falls past the bound, the client gets
   * `farewell(error)` as its last event, and the connection is closed once the client has read
   * it, or after `graceMs`. It is closed rather than ended: an ended response does not abort the
   * request, and Hive would keep the upstream subscription until its next event. The source is
   * returned when the stream ends or the client leaves.
   */
  async pipeEventStream(
    source: AsyncIterator<string | Uint8Array>,
    res: ServerResponse,
    farewell: (error: unknown) => GraphQLFormattedError,
  ): Promise<void> {
    const stop = () => void source.return?.();
    res.once('close', stop);
    try {
      for (;;) {
        const next = await source.next();
        if (next.done || !res.writable) break;
        if (!this.admits(res.writableLength, Buffer.byteLength(next.value))) throw this.overflow();
        res.write(next.value);
      }
      res.end();
      this.cutAfterGrace(res);
    } catch (error) {
      stop();
      if (!res.writable) return;
      // Written in order: once the last event reached the socket, so did everything before it.
      res.write(lastEvent(farewell(error)), () => res.destroy());
      this.cutAfterGrace(res);
    } finally {
      res.off('close', stop);
    }
  }

  private cutAfterGrace(res: ServerResponse): void {
    if (res.destroyed) return;
    const cut = setTimeout(() => res.destroy(), this.graceMs).unref();
    res.once('close', () => clearTimeout(cut));
  }
}

/** The graphql-sse (distinct connections) events that end a stream with an error. */
function lastEvent(error: GraphQLFormattedError): string {
  return `event: next\ndata: ${JSON.stringify({ errors: [error] })}\n\nevent: complete\ndata:\n\n`;
}
