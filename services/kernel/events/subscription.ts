import type { RequestContext } from '../context.js';

/**
 * The events of `topic` a subscription asked for, decoded from their outbox payloads. The
 * subscription's arguments are validated (and its caller authorized) before this is called, so
 * a bad filter never subscribes; `accepts` then selects among this process's events. Before each
 * event is handed to the resolvers, the context is renewed (fresh EntityManager and loaders).
 */
export function eventStream<Event, Loaders>(
  ctx: RequestContext<Loaders>,
  topic: string,
  options: { decode: (payload: Record<string, unknown>) => Event; accepts?: (event: Event) => boolean },
): AsyncIterableIterator<Event> {
  if (!ctx.events) throw new Error(`no event hub in this subgraph for ${topic}`);
  const accepts = options.accepts ?? (() => true);
  const payloads = ctx.events.subscribe(topic, (payload) => accepts(options.decode(payload)));
  const events: AsyncIterableIterator<Event> = {
    next: async () => {
      const next = await payloads.next();
      if (next.done) return { value: undefined, done: true };
      ctx.renew?.();
      return { value: options.decode(next.value), done: false };
    },
    return: async () => {
      await payloads.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => events,
  };
  return events;
}
