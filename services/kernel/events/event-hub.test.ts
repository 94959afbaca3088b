import { describe, expect, it } from 'vitest';
import { SlowConsumer } from '../errors.js';
import { EventHub } from './event-hub.js';

const event = (id: number, topic = 'vacancyPosted', payload: Record<string, unknown> = { id }) => ({ id, topic, payload });

describe('the event hub', () => {
  it("hands each subscriber the events of its topic that its filter accepts, in order", async () => {
    const hub = new EventHub(10);
    const even = hub.subscribe('vacancyPosted', (payload) => (payload.id as number) % 2 === 0);
    hub.publish(event(1));
    hub.publish(event(2));
    hub.publish(event(3, 'vacancyClosed', { id: 4 }));
    hub.publish(event(4));
    expect((await even.next()).value).toEqual({ id: 2 });
    expect((await even.next()).value).toEqual({ id: 4 });
    await even.return?.();
    expect(hub.size).toBe(0);
  });

  it('drops a subscriber whose queue is full with SlowConsumer, and keeps serving the others', async () => {
    const hub = new EventHub(3);
    const slow = hub.subscribe('vacancyPosted');
    const fast = hub.subscribe('vacancyPosted');
    const fastReads: unknown[] = [];
    for (let id = 1; id <= 4; id++) {
      hub.publish(event(id));
      fastReads.push((await fast.next()).value);
    }
    await expect(slow.next()).rejects.toBeInstanceOf(SlowConsumer);
    expect(fastReads).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
    expect(hub.size).toBe(1);
  });

  it('completes every subscription when closed (SIGTERM), and takes no new one', async () => {
    const hub = new EventHub(3);
    const waiting = hub.subscribe('vacancyPosted').next();
    hub.close();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(() => hub.subscribe('vacancyPosted')).toThrow();
  });
});
