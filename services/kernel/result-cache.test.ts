import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache.js';

function counting(value: string) {
  const calls = { count: 0 };
  return { calls, compute: async () => `${value}#${++calls.count}` };
}

describe('ResultCache', () => {
  it('computes once for concurrent and repeated asks within the ttl', async () => {
    let clock = 0;
    const cache = new ResultCache<string>({ ttlMs: 1_000, maxEntries: 10, now: () => clock });
    const { calls, compute } = counting('a');
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual(['a#1', 'a#1']);
    clock = 999;
    expect(await cache.get('k', compute)).toBe('a#1');
    expect(calls.count).toBe(1);
  });

  it('serves an expired answer while one background refresh runs, then the refreshed one', async () => {
    let clock = 0;
    const cache = new ResultCache<string>({ ttlMs: 1_000, maxEntries: 10, now: () => clock });
    let release: () => void = () => undefined;
    let calls = 0;
    const slow = () => {
      calls += 1;
      if (calls === 1) return Promise.resolve('a#1');
      return new Promise<string>((resolve) => (release = () => resolve(`a#${calls}`)));
    };
    await cache.get('k', slow);
    clock = 1_000;
    // Expired: many callers at once get the stale answer without waiting, and only one refresh starts.
    expect(await Promise.all([cache.get('k', slow), cache.get('k', slow), cache.get('k', slow)])).toEqual(['a#1', 'a#1', 'a#1']);
    expect(calls).toBe(2);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', slow)).toBe('a#2');
    expect(calls).toBe(2);
  });

  it('waits for a fresh answer once the stale one is older than twice the ttl', async () => {
    let clock = 0;
    const cache = new ResultCache<string>({ ttlMs: 1_000, maxEntries: 10, now: () => clock });
    const { calls, compute } = counting('a');
    await cache.get('k', compute);
    clock = 2_000;
    expect(await cache.get('k', compute)).toBe('a#2');
    expect(calls.count).toBe(2);
  });

  it('keeps serving the stale answer when a refresh fails, and retries on the next ask', async () => {
    let clock = 0;
    const cache = new ResultCache<string>({ ttlMs: 1_000, maxEntries: 10, now: () => clock });
    await cache.get('k', async () => 'first');
    clock = 1_500;
    let attempts = 0;
    const failing = () => {
      attempts += 1;
      return Promise.reject(new Error('database busy'));
    };
    expect(await cache.get('k', failing)).toBe('first');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', failing)).toBe('first');
    expect(attempts).toBe(2);
  });

  it('drops a refresh that finishes after clear(): a write of this instance meanwhile wins', async () => {
    let clock = 0;
    const cache = new ResultCache<string>({ ttlMs: 1_000, maxEntries: 10, now: () => clock });
    await cache.get('k', async () => 'before');
    clock = 1_200;
    let release: () => void = () => undefined;
    expect(await cache.get('k', () => new Promise<string>((resolve) => (release = () => resolve('refreshed before the write'))))).toBe('before');
    cache.clear();
    expect(await cache.get('k', async () => 'after the write')).toBe('after the write');
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', async () => 'unused')).toBe('after the write');
  });

  it('keeps keys apart, forgets everything on clear, and nothing with a ttl of 0', async () => {
    const cache = new ResultCache<string>({ ttlMs: 60_000 });
    const a = counting('a');
    const b = counting('b');
    expect(await cache.get('a', a.compute)).toBe('a#1');
    expect(await cache.get('b', b.compute)).toBe('b#1');
    cache.clear();
    expect(await cache.get('a', a.compute)).toBe('a#2');

    const off = new ResultCache<string>({ ttlMs: 0 });
    const c = counting('c');
    await off.get('c', c.compute);
    await off.get('c', c.compute);
    expect(c.calls.count).toBe(2);
  });

  it('does not keep a failure', async () => {
    const cache = new ResultCache<string>({ ttlMs: 60_000 });
    await expect(cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('k', async () => 'recovered')).toBe('recovered');
  });

  it('drops the oldest key beyond its size', async () => {
    const cache = new ResultCache<string>({ ttlMs: 60_000, maxEntries: 2 });
    const first = counting('first');
    await cache.get('first', first.compute);
    await cache.get('second', async () => 'second');
    await cache.get('third', async () => 'third');
    expect(await cache.get('first', first.compute)).toBe('first#2');
  });

  it('keeps the summed weight under its bound, dropping the oldest, and counts what it keeps', async () => {
    const cache = new ResultCache<string>({ ttlMs: 60_000, maxWeight: 12, weigh: (value) => value.length });
    const first = counting('aaaa');
    const second = counting('bbbb');
    await cache.get('first', first.compute);
    await cache.get('second', second.compute);
    expect(cache.weight).toBe(12);
    // 'aaaa#1' (6) + 'bbbb#1' (6) + 'cccc' (4) > 12: the oldest goes, the second stays.
    await cache.get('third', async () => 'cccc');
    expect(cache.weight).toBe(10);
    expect(await cache.get('second', second.compute)).toBe('bbbb#1');
    expect(await cache.get('first', first.compute)).toBe('aaaa#2');
    cache.clear();
    expect(cache.weight).toBe(0);
  });

  it('forgets answers past their stale window when it keeps a new one, so they weigh nothing', async () => {
    let clock = 0;
    const cache = new ResultCache<string>({ ttlMs: 500, staleMs: 500, weigh: (value) => value.length, now: () => clock });
    await cache.get('old', async () => 'aaaa');
    clock = 400;
    await cache.get('servable', async () => 'bb');
    expect(cache.weight).toBe(6);
    // At 1 000 'old' is past ttl + stale; 'servable' (kept at 400) may still be served stale.
    clock = 1_000;
    await cache.get('new', async () => 'ddd');
    expect(cache.weight).toBe(2 + 3);
    expect(await cache.get('servable', async () => 'refreshed')).toBe('bb');
  });

  it('serves an expired answer only for staleMs, so its age stays within ttlMs + staleMs', async () => {
    let clock = 0;
    const cache = new ResultCache<string>({ ttlMs: 500, staleMs: 500, now: () => clock });
    const { calls, compute } = counting('a');
    await cache.get('k', compute);
    clock = 999;
    expect(await cache.get('k', compute)).toBe('a#1');
    clock = 1_000;
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('k', compute)).toBe('a#2');
    expect(calls.count).toBe(2);
  });
});
