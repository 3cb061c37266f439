import { describe, expect, it } from 'vitest';
import { can, type CompanyMemberRole } from '../../src/domain/company-permissions.ts';
import { canSeeListing } from '../../src/domain/listing-visibility.ts';

const now = new Date('2030-01-01T00:00:00Z');

describe('company permissions', () => {
  it.each<[CompanyMemberRole | null, boolean, boolean, boolean]>([
    ['owner', true, true, true],
    ['admin', true, true, true],
    ['recruiter', false, true, true],
    ['member', false, false, true],
    [null, false, false, false],
  ])('%s: manage company %s, manage listings %s, see unpublished %s', (role, company, listings, unpublished) => {
    expect([can(role, 'manage_company'), can(role, 'manage_listings'), can(role, 'view_unpublished')]).toEqual([company, listings, unpublished]);
  });
});

describe('who sees a listing', () => {
  it('shows an open listing to everyone', () => {
    expect(canSeeListing({ status: 'open', expires_at: null }, null, now)).toBe(true);
  });

  it('shows drafts, closed and expired listings to members only', () => {
    for (const listing of [
      { status: 'draft' as const, expires_at: null },
      { status: 'closed' as const, expires_at: null },
      { status: 'open' as const, expires_at: new Date('2029-12-31T00:00:00Z') },
    ]) {
      expect(canSeeListing(listing, null, now)).toBe(false);
      expect(canSeeListing(listing, 'member', now)).toBe(true);
    }
  });
});
