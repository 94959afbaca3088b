interface Entry<Value> {
  /** Until then the value is served as it is. */
  freshUntil: number;
  value: Promise<Value>;
  /** The value has resolved: once it expires it may be served stale while one refresh runs. */
  settled: boolean;
  refreshing: boolean;
}

/**
 * Answers of an expensive read-only aggregate, kept for `ttlMs` and computed once however many
 * requests ask for the same key at the same moment (they share the pending promise). Once an
 * answer expires, it is still served for up to another `ttlMs` while one request's worth of
 * recomputation runs in the background, so the moment of expiry costs no caller a wait (at 1 M
 * rows an aggregate takes seconds; every request waiting on it would time out together). An
 * answer is thus at most `2 × ttlMs` old, beyond which callers wait for a fresh one. A failed
 * computation is not kept. A service calls `clear()` after its own writes, so its caller reads
 * them at once; writes through another replica show within that bound. A ttl of 0 keeps nothing.
 */
export class ResultCache<Value> {
  private readonly entries = new Map<string, Entry<Value>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<Value>): Promise<Value> {
    if (this.ttlMs <= 0) return compute();
    const cached = this.entries.get(key);
    const now = this.now();
    if (cached && (cached.freshUntil > now || !cached.settled)) return cached.value;
    if (cached && cached.freshUntil + this.ttlMs > now) {
      if (!cached.refreshing) this.refresh(key, cached, compute);
      return cached.value;
    }
    return this.start(key, compute);
  }

  clear(): void {
    this.entries.clear();
  }

  private start(key: string, compute: () => Promise<Value>): Promise<Value> {
    const entry: Entry<Value> = { freshUntil: this.now() + this.ttlMs, value: compute(), settled: false, refreshing: false };
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.value.then(
      () => (entry.settled = true),
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    // Insertion order: the first key is the one set longest ago.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }

  /** One background recomputation of an expired answer; the stale one stays until it succeeds. */
  private refresh(key: string, stale: Entry<Value>, compute: () => Promise<Value>): void {
    stale.refreshing = true;
    compute().then(
      (value) => {
        // A clear() (this instance's own write) meanwhile wins: the refresh may predate the write.
        if (this.entries.get(key) !== stale) return;
        this.entries.set(key, { freshUntil: this.now() + this.ttlMs, value: Promise.resolve(value), settled: true, refreshing: false });
      },
      () => (stale.refreshing = false),
    );
  }
}
