import { describe, expect, it } from 'vitest';
import { effectiveStatus, nextStatus, transition, type ListingAction, type ListingStatus } from '../../src/domain/listing-status.ts';

const now = new Date('2030-06-01T12:00:00Z');
const earlier = new Date('2030-05-01T00:00:00Z');
const later = new Date('2030-07-01T00:00:00Z');

describe('the listing state machine', () => {
  it.each<[ListingStatus, ListingAction, ListingStatus | null]>([
    ['draft', 'publish', 'open'],
    ['draft', 'close', 'closed'],
    ['draft', 'expire', null],
    ['open', 'publish', null],
    ['open', 'close', 'closed'],
    ['open', 'expire', 'expired'],
    ['expired', 'publish', 'open'],
    ['expired', 'close', 'closed'],
    ['expired', 'expire', null],
    ['closed', 'publish', null],
    ['closed', 'close', null],
    ['closed', 'expire', null],
  ])('%s, on %s, becomes %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('answers an illegal move with INVALID_TRANSITION on the given field', () => {
    expect(transition({ status: 'closed', expires_at: null }, 'publish', now, ['id'])).toEqual({
      ok: false,
      errors: [{ code: 'INVALID_TRANSITION', field: ['id'], message: 'A listing that is closed cannot be published.' }],
    });
  });

  it('treats an open listing past its expiry as expired, so it may be published again', () => {
    const stale = { status: 'open' as const, expires_at: earlier };
    expect(effectiveStatus(stale, now)).toBe('expired');
    expect(transition(stale, 'publish', now)).toEqual({ ok: true, value: 'open' });
  });

  it('keeps an open listing open until its expiry', () => {
    expect(effectiveStatus({ status: 'open', expires_at: later }, now)).toBe('open');
    expect(effectiveStatus({ status: 'open', expires_at: null }, now)).toBe('open');
    expect(effectiveStatus({ status: 'open', expires_at: now }, now)).toBe('expired');
  });

  it('does not let expiry touch drafts or closed listings', () => {
    expect(effectiveStatus({ status: 'draft', expires_at: earlier }, now)).toBe('draft');
    expect(effectiveStatus({ status: 'closed', expires_at: earlier }, now)).toBe('closed');
  });
});
