import { describe, expect, it } from 'vitest';
import { makeCallsInFlight } from '../../main/api/calls-in-flight.js';

/** A promise and its resolver: a call that ends when the test says so. */
const gate = () => {
  let open = () => {};
  const closed = new Promise<void>((r) => (open = r));
  return { closed, open };
};

describe('calls in flight (what closing the practice waits for)', () => {
  it('ended waits for the calls under way, however they end', async () => {
    const calls = makeCallsInFlight();
    const a = gate();
    const b = gate();
    const order: string[] = [];
    void calls.run(async () => {
      await a.closed;
      order.push('a');
    });
    const failing = calls.run(async () => {
      await b.closed;
      order.push('b');
      throw new Error('refused');
    });
    failing.catch(() => undefined);
    const ended = calls.ended(10_000).then(() => order.push('ended'));
    await new Promise((r) => setTimeout(r, 20));
    b.open();
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual(['b']);
    a.open();
    await ended;
    expect(order).toEqual(['b', 'a', 'ended']);
    await expect(failing).rejects.toThrow('refused');
  });

  it('a close begun inside a call does not wait for that call', async () => {
    const calls = makeCallsInFlight();
    const answer = await calls.run(async () => {
      await calls.ended(10_000);
      return 'closed from inside';
    });
    expect(answer).toBe('closed from inside');
  });

  it('a call aside (queued for the door) is not waited for while it is aside', async () => {
    const calls = makeCallsInFlight();
    const door = gate();
    const order: string[] = [];
    const call = calls.run(async () => {
      await calls.aside(() => door.closed);
      order.push('through the door');
      await new Promise((r) => setTimeout(r, 20));
      order.push('call ended');
    });
    // The call is under way; once it is aside, ended no longer waits for it.
    await calls.ended(10_000);
    order.push('ended');
    door.open();
    await call;
    expect(order).toEqual(['ended', 'through the door', 'call ended']);
  });

  it('calls that start while calls are held wait for the hold, and ended does not wait for them', async () => {
    const calls = makeCallsInFlight();
    const order: string[] = [];
    let late: Promise<void> | null = null;
    await calls.holding(async () => {
      late = calls.run(async () => {
        order.push('late call ran');
      });
      // What a move does inside the hold: wait for the calls under way (none but the held one).
      await calls.ended(10_000);
      order.push('hold done');
    });
    await late;
    expect(order).toEqual(['hold done', 'late call ran']);
    // One hold at a time; the next can begin once the first is over.
    await expect(calls.holding(() => calls.holding(async () => undefined))).rejects.toThrow(
      'already held',
    );
    await calls.holding(async () => undefined);
  });

  it('gives up after the limit when a call does not end', async () => {
    const calls = makeCallsInFlight();
    void calls.run(() => new Promise<void>(() => {}));
    const started = Date.now();
    await calls.ended(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
