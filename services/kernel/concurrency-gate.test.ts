import { describe, expect, it } from 'vitest';
import { ConcurrencyGate, GateFull } from './concurrency-gate.js';

/** A task the test finishes by hand: `finish` resolves it, `fail` rejects it. */
function manualTask<T>() {
  let finish!: (value: T) => void;
  let fail!: (error: Error) => void;
  const promise = new Promise<T>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return { task: () => promise, finish, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ConcurrencyGate', () => {
  it('runs at most `limit` tasks and starts the waiting ones in arrival order', async () => {
    const gate = new ConcurrencyGate(2, 10);
    const started: number[] = [];
    const tasks = [0, 1, 2, 3, 4].map(() => manualTask<number>());
    const results = tasks.map((manual, index) =>
      gate.run(() => {
        started.push(index);
        return manual.task();
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(gate.load).toEqual({ running: 2, waiting: 3 });

    tasks[1]!.finish(1);
    await tick();
    expect(started).toEqual([0, 1, 2]);
    tasks[0]!.finish(0);
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    expect(gate.load).toEqual({ running: 2, waiting: 1 });

    for (const [index, manual] of tasks.entries()) manual.finish(index);
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot of a task that failed, and passes its error on', async () => {
    const gate = new ConcurrencyGate(1, 10);
    const failing = manualTask<string>();
    const first = gate.run(failing.task);
    const second = gate.run(async () => 'second');
    failing.fail(new Error('statement failed'));
    await expect(first).rejects.toThrow('statement failed');
    expect(await second).toBe('second');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a task beyond the queue limit without running it, and takes one again once there is room', async () => {
    const gate = new ConcurrencyGate(1, 1);
    const running = manualTask<string>();
    const first = gate.run(running.task);
    const queued = gate.run(async () => 'queued');
    let ranRefused = false;
    const refused = gate.run(async () => {
      ranRefused = true;
      return 'refused';
    });
    await expect(refused).rejects.toBeInstanceOf(GateFull);
    expect(ranRefused).toBe(false);

    running.finish('first');
    expect(await first).toBe('first');
    expect(await queued).toBe('queued');
    expect(await gate.run(async () => 'after')).toBe('after');
  });
});
