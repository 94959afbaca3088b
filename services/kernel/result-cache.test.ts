import { describe, expect, it } from 'vitest';
import { ResultCache } from './result-cache.js';

function counting(value: string) {
  const calls = { count: 0 };
  return { calls, compute: async () => `${value}#${++calls.count}` };
}

describe('ResultCache', () => {
  it('computes once for concurrent and repeated asks within the ttl, again after it', async () => {
    let clock = 0;
    const cache = new ResultCache<string>(1_000, 10, () => clock);
    const { calls, compute } = counting('a');
    expect(await Promise.all([cache.get('k', compute), cache.get('k', compute)])).toEqual(['a#1', 'a#1']);
    clock = 999;
    expect(await cache.get('k', compute)).toBe('a#1');
    clock = 1_000;
    expect(await cache.get('k', compute)).toBe('a#2');
    expect(calls.count).toBe(2);
  });

  it('keeps keys apart, forgets everything on clear, and nothing with a ttl of 0', async () => {
    const cache = new ResultCache<string>(60_000);
    const a = counting('a');
    const b = counting('b');
    expect(await cache.get('a', a.compute)).toBe('a#1');
    expect(await cache.get('b', b.compute)).toBe('b#1');
    cache.clear();
    expect(await cache.get('a', a.compute)).toBe('a#2');

    const off = new ResultCache<string>(0);
    const c = counting('c');
    await off.get('c', c.compute);
    await off.get('c', c.compute);
    expect(c.calls.count).toBe(2);
  });

  it('does not keep a failure', async () => {
    const cache = new ResultCache<string>(60_000);
    await expect(cache.get('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('k', async () => 'recovered')).toBe('recovered');
  });

  it('drops the oldest key beyond its size', async () => {
    const cache = new ResultCache<string>(60_000, 2);
    const first = counting('first');
    await cache.get('first', first.compute);
    await cache.get('second', async () => 'second');
    await cache.get('third', async () => 'third');
    expect(await cache.get('first', first.compute)).toBe('first#2');
  });
});
