/**
 * Answers of an expensive read-only aggregate, kept for `ttlMs` and computed once however many
 * requests ask for the same key at the same moment (they share the pending promise). A failed
 * computation is not kept. A service calls `clear()` after its own writes, so its caller reads
 * them at once; writes through another replica show within `ttlMs`. A ttl of 0 keeps nothing.
 */
export class ResultCache<Value> {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<Value> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<Value>): Promise<Value> {
    if (this.ttlMs <= 0) return compute();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const entry = { expiresAt: this.now() + this.ttlMs, value: compute() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    // Insertion order: the first key is the one set longest ago.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }
}
