import { describe, expect, it } from 'vitest';
import { calendarMonthOf, freeSubscription, freeSubscriptionId } from '../../src/domain/free-subscription.ts';
import { planIds } from '../../src/domain/plan-catalog.ts';
import { uuidV5 } from '@jobgraph/kit';

describe('the Free subscription of a user without one', () => {
  it('has an id derived from the user id alone, whatever its case', () => {
    const userId = '0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0';
    expect(freeSubscriptionId(userId)).toBe(freeSubscriptionId(userId.toLowerCase()));
    expect(freeSubscriptionId(userId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(freeSubscriptionId(userId)).not.toBe(freeSubscriptionId(crypto.randomUUID()));
  });

  it('is on the Free plan, active, for the calendar month', () => {
    const userId = crypto.randomUUID();
    const subscription = freeSubscription(userId, new Date('2031-12-31T23:59:59Z'));
    expect(subscription).toEqual({
      id: freeSubscriptionId(userId),
      user_id: userId,
      plan_id: planIds.free,
      status: 'active',
      current_period_start: new Date('2031-12-01T00:00:00Z'),
      current_period_end: new Date('2032-01-01T00:00:00Z'),
      cancel_at_period_end: false,
    });
  });

  it('counts calendar months in UTC, whatever the local time zone', () => {
    expect(calendarMonthOf(new Date('2032-02-29T12:00:00-10:00'))).toEqual({ start: new Date('2032-02-01T00:00:00Z'), end: new Date('2032-03-01T00:00:00Z') });
    expect(calendarMonthOf(new Date('2032-03-01T00:30:00+02:00'))).toEqual({ start: new Date('2032-02-01T00:00:00Z'), end: new Date('2032-03-01T00:00:00Z') });
  });
});

describe('version 5 UUIDs', () => {
  it('match the RFC 9562 test vector', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
