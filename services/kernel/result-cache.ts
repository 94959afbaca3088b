interface Entry<Value> {
  /** Until then the value is served as it is. */
  freshUntil: number;
  value: Promise<Value>;
  /** The value has resolved: once it expires it may be served stale while one refresh runs. */
  settled: boolean;
  refreshing: boolean;
  /** What the value weighs against `maxWeight` once settled (0 before). */
  weight: number;
}

export interface ResultCacheOptions<Value> {
  /** How long an answer is served as it is; 0 keeps nothing. */
  ttlMs: number;
  /** How long after that an expired answer is still served while one refresh runs (default: `ttlMs`). */
  staleMs?: number;
  maxEntries?: number;
  /** A bound on the summed `weigh(value)` of the kept answers (e.g. bytes); the oldest go first. */
  maxWeight?: number;
  weigh?: (value: Value) => number;
  now?: () => number;
}

/**
 * Answers of an expensive read-only aggregate, kept for `ttlMs` and computed once however many
 * requests ask for the same key at the same moment (they share the pending promise). Once an
 * answer expires, it is still served for up to `staleMs` while one request's worth of
 * recomputation runs in the background, so the moment of expiry costs no caller a wait (at 1 M
 * rows an aggregate takes seconds; every request waiting on it would time out together). An
 * answer is thus at most `ttlMs + staleMs` old, beyond which callers wait for a fresh one. A failed
 * computation is not kept. A service calls `clear()` after its own writes, so its caller reads
 * them at once; writes through another replica show within that bound. A ttl of 0 keeps nothing.
 */
export class ResultCache<Value> {
  private readonly entries = new Map<string, Entry<Value>>();
  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly maxEntries: number;
  private readonly maxWeight: number;
  private readonly weigh: (value: Value) => number;
  private readonly now: () => number;
  private totalWeight = 0;

  constructor(options: ResultCacheOptions<Value>) {
    this.ttlMs = options.ttlMs;
    this.staleMs = options.staleMs ?? options.ttlMs;
    this.maxEntries = options.maxEntries ?? 1_000;
    this.maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
    this.weigh = options.weigh ?? (() => 0);
    this.now = options.now ?? Date.now;
  }

  /** The summed weight of the answers kept now (the tile cache's bytes, for its metric and its bound). */
  get weight(): number {
    return this.totalWeight;
  }

  get(key: string, compute: () => Promise<Value>): Promise<Value> {
    if (this.ttlMs <= 0) return compute();
    const cached = this.entries.get(key);
    const now = this.now();
    if (cached && (cached.freshUntil > now || !cached.settled)) return cached.value;
    if (cached && cached.freshUntil + this.staleMs > now) {
      if (!cached.refreshing) this.refresh(key, cached, compute);
      return cached.value;
    }
    return this.start(key, compute);
  }

  clear(): void {
    this.entries.clear();
    this.totalWeight = 0;
  }

  /** Keeps `entry` under `key` (replacing what was there), forgets the expired and evicts the oldest beyond the bounds. */
  private keep(key: string, entry: Entry<Value>): void {
    this.forget(key);
    this.forgetExpired();
    this.entries.set(key, entry);
    this.evictBeyondBounds(key);
  }

  /**
   * Answers past their stale window are never served again, so they hold memory for nothing until
   * the bounds push them out. Insertion order is age order: the sweep stops at the first one still
   * servable (or pending), so each entry is looked at about once.
   */
  private forgetExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) {
      if (!entry.settled || entry.freshUntil + this.staleMs > now) break;
      this.forget(key);
    }
  }

  /** Insertion order: the first key is the one set longest ago. `newest` stays, even alone over the weight. */
  private evictBeyondBounds(newest: string): void {
    while (this.entries.size > this.maxEntries || this.totalWeight > this.maxWeight) {
      const oldest = this.entries.keys().next().value!;
      if (oldest === newest) break;
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.totalWeight -= entry.weight;
    this.entries.delete(key);
  }

  private settle(key: string, entry: Entry<Value>, value: Value): void {
    entry.settled = true;
    if (this.entries.get(key) !== entry) return;
    entry.weight = this.weigh(value);
    this.totalWeight += entry.weight;
    this.evictBeyondBounds(key);
  }

  private start(key: string, compute: () => Promise<Value>): Promise<Value> {
    const entry: Entry<Value> = { freshUntil: this.now() + this.ttlMs, value: compute(), settled: false, refreshing: false, weight: 0 };
    this.keep(key, entry);
    entry.value.then(
      (value) => this.settle(key, entry, value),
      () => {
        if (this.entries.get(key) === entry) this.forget(key);
      },
    );
    return entry.value;
  }

  /** One background recomputation of an expired answer; the stale one stays until it succeeds. */
  private refresh(key: string, stale: Entry<Value>, compute: () => Promise<Value>): void {
    stale.refreshing = true;
    compute().then(
      (value) => {
        // A clear() (this instance's own write) meanwhile wins: the refresh may predate the write.
        if (this.entries.get(key) !== stale) return;
        const fresh: Entry<Value> = { freshUntil: this.now() + this.ttlMs, value: Promise.resolve(value), settled: false, refreshing: false, weight: 0 };
        this.keep(key, fresh);
        this.settle(key, fresh, value);
      },
      () => (stale.refreshing = false),
    );
  }
}
