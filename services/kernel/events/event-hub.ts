import { SlowConsumer } from '../errors.js';
import type { OutboxEvent } from './outbox.js';

export class HubClosed extends Error {
  override readonly name = 'HubClosed';
}

interface Subscriber {
  topic: string;
  accepts: (payload: Record<string, unknown>) => boolean;
  queue: Record<string, unknown>[];
  wake: (() => void) | undefined;
  failure: Error | undefined;
  done: boolean;
}

/**
 * This process's subscribers, fed by its relay. Each subscriber has a bounded queue: one that
 * does not keep up (SUBSCRIPTION_QUEUE_SIZE events waiting) gets SlowConsumer (LIMIT_EXCEEDED) and is dropped,
 * so memory never grows with a stalled client. Subscribers select their events with a
 * predicate (the subscription's validated filters) and see each event at most once.
 */
export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private closed = false;

  constructor(private readonly queueLimit: number) {}

  get size(): number {
    return this.subscribers.size;
  }

  publish(event: OutboxEvent): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.topic !== event.topic || subscriber.done || !subscriber.accepts(event.payload)) continue;
      if (subscriber.queue.length >= this.queueLimit) {
        this.end(subscriber, new SlowConsumer('subscriptionQueue', this.queueLimit));
        continue;
      }
      subscriber.queue.push(event.payload);
      subscriber.wake?.();
    }
  }

  /** The events of `topic` that `accepts`, as they are published, until the consumer returns. */
  subscribe(topic: string, accepts: (payload: Record<string, unknown>) => boolean = () => true): AsyncIterableIterator<Record<string, unknown>> {
    if (this.closed) throw new HubClosed('the event hub is closed');
    const subscriber: Subscriber = { topic, accepts, queue: [], wake: undefined, failure: undefined, done: false };
    this.subscribers.add(subscriber);
    const iterator: AsyncIterableIterator<Record<string, unknown>> = {
      next: async () => {
        while (subscriber.queue.length === 0 && !subscriber.done) {
          await new Promise<void>((resolve) => {
            subscriber.wake = resolve;
          });
          subscriber.wake = undefined;
        }
        const payload = subscriber.queue.shift();
        if (payload) return { value: payload, done: false };
        if (subscriber.failure) throw subscriber.failure;
        return { value: undefined, done: true };
      },
      return: async () => {
        this.end(subscriber);
        subscriber.queue.length = 0;
        return { value: undefined, done: true };
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /** Ends every subscription (SIGTERM): each stream completes instead of hanging. */
  close(): void {
    this.closed = true;
    for (const subscriber of this.subscribers) this.end(subscriber);
  }

  private end(subscriber: Subscriber, failure?: Error): void {
    subscriber.done = true;
    subscriber.failure ??= failure;
    // A dropped slow consumer loses what it had not read: the error says so.
    if (failure) subscriber.queue.length = 0;
    this.subscribers.delete(subscriber);
    subscriber.wake?.();
  }
}
