import { describe, expect, it } from 'vitest';
import { EdgeRefusal } from '../src/edge.ts';
import { createAdmission } from '../src/http/admission.ts';

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('admission: at most N operations execute, the rest wait in arrival order', () => {
  it('grants slots up to the limit, then hands each freed slot to the oldest waiter', async () => {
    const admission = createAdmission({ maxInFlight: 2, maxQueued: 10, maxWaitMs: 10_000, maxHoldMs: 60_000 });
    const order: string[] = [];
    const a = await admission.enter();
    const b = await admission.enter();
    const waiters = ['c', 'd', 'e'].map((name) => admission.enter().then((release) => (order.push(name), release)));
    await settle();
    expect(order).toEqual([]);
    expect({ executing: admission.executing, waiting: admission.waiting }).toEqual({ executing: 2, waiting: 3 });
    a();
    await settle();
    expect(order).toEqual(['c']);
    b();
    b(); // a second release of the same slot frees nothing more
    await settle();
    expect(order).toEqual(['c', 'd']);
    expect({ executing: admission.executing, waiting: admission.waiting }).toEqual({ executing: 2, waiting: 1 });
    for (const release of await Promise.all(waiters.slice(0, 2))) release();
    (await waiters[2]!)();
    expect({ executing: admission.executing, waiting: admission.waiting }).toEqual({ executing: 0, waiting: 0 });
  });

  it('refuses at once with 503 OVERLOADED when the queue is full', async () => {
    const admission = createAdmission({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 10_000, maxHoldMs: 60_000 });
    const first = await admission.enter();
    const queued = admission.enter();
    const refusal = await admission.enter().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(EdgeRefusal);
    expect(refusal).toMatchObject({ status: 503, code: 'OVERLOADED', headers: { 'retry-after': '1' } });
    first();
    (await queued)();
  });

  it('refuses a waiter whose wait runs out, and its place is not granted later', async () => {
    const admission = createAdmission({ maxInFlight: 1, maxQueued: 5, maxWaitMs: 30, maxHoldMs: 60_000 });
    const first = await admission.enter();
    const late = await admission.enter().catch((error: unknown) => error);
    expect(late).toMatchObject({ status: 503, code: 'OVERLOADED' });
    expect(admission.waiting).toBe(0);
    first();
    expect(admission.executing).toBe(0);
  });

  it('takes a waiter whose client went away out of the queue, freeing its place', async () => {
    const admission = createAdmission({ maxInFlight: 1, maxQueued: 1, maxWaitMs: 10_000, maxHoldMs: 60_000 });
    const first = await admission.enter();
    let leave!: () => void;
    const gone = admission.enter(() => new Promise<void>((resolve) => (leave = resolve))).catch((error: unknown) => error);
    leave();
    expect(await gone).toMatchObject({ code: 'OVERLOADED' });
    const next = admission.enter();
    first();
    (await next)();
    expect({ executing: admission.executing, waiting: admission.waiting }).toEqual({ executing: 0, waiting: 0 });
  });

  it('keeps order over many more waiters than slots', async () => {
    const admission = createAdmission({ maxInFlight: 3, maxQueued: 5000, maxWaitMs: 10_000, maxHoldMs: 60_000 });
    const order: number[] = [];
    const all = Array.from({ length: 3000 }, (_, index) =>
      admission.enter().then(async (release) => {
        order.push(index);
        await settle();
        release();
      }),
    );
    await Promise.all(all);
    expect(order).toEqual(Array.from({ length: 3000 }, (_, index) => index));
    expect({ executing: admission.executing, waiting: admission.waiting }).toEqual({ executing: 0, waiting: 0 });
  });

  it('frees the slot of an operation that holds it past maxHoldMs (a slow subgraph), once', async () => {
    const admission = createAdmission({ maxInFlight: 1, maxQueued: 5, maxWaitMs: 10_000, maxHoldMs: 40 });
    const slow = await admission.enter();
    const started = Date.now();
    const next = await admission.enter();
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    expect({ executing: admission.executing, waiting: admission.waiting }).toEqual({ executing: 1, waiting: 0 });
    slow(); // the slow operation's answer, after its slot was taken back, frees nothing more
    expect(admission.executing).toBe(1);
    next();
    expect(admission.executing).toBe(0);
  });
});
