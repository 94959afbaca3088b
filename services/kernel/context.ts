import type { Principal } from './auth.js';
import type { EntityManager } from './db.js';
import type { EventHub } from './events/event-hub.js';
import type { Logger } from './logger.js';

/**
 * What every resolver receives. One forked EntityManager and one set of DataLoaders per request:
 * loaders batch within a request and never cache across requests (no stale reads, no leaks
 * between callers).
 */
export interface RequestContext<Loaders> {
  requestId: string;
  em: EntityManager;
  loaders: Loaders;
  log: Logger;
  /** The verified caller, null when anonymous. Every subgraph verifies the token itself. */
  principal: Principal | null;
  /** This process's subscribers (subgraphs that own events); null elsewhere. */
  events: EventHub | null;
  /**
   * A subscription keeps one context for its whole life: before each event the subscription
   * helper renews `em` and `loaders`, so an event is resolved from fresh reads, as a request is.
   */
  renew?: () => void;
}
