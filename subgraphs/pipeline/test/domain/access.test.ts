import { describe, expect, it } from 'vitest';
import { anonymous } from '@jobgraph/kit';
import { userPrincipal } from '@jobgraph/kit/testing';
import { applicationReader, mayReadNotesOf, mayReadTrackerOf, maySeeApplicantsOf, type CompanyMembership } from '../../src/domain/access.ts';

describe('mayReadTrackerOf', () => {
  const userId = crypto.randomUUID();

  it('lets the user read their own tracker, whatever the case of the id', () => {
    expect(mayReadTrackerOf(userPrincipal(userId), userId.toUpperCase())).toBe(true);
  });

  it('keeps everyone else out, admins and anonymous callers included', () => {
    expect(mayReadTrackerOf(userPrincipal(crypto.randomUUID()), userId)).toBe(false);
    expect(mayReadTrackerOf(userPrincipal(crypto.randomUUID(), 'admin'), userId)).toBe(false);
    expect(mayReadTrackerOf(anonymous, userId)).toBe(false);
  });
});

describe('maySeeApplicantsOf', () => {
  const companyId = crypto.randomUUID();
  const listing = { listingId: crypto.randomUUID(), companyId };
  const employerId = crypto.randomUUID();
  const member = (userId: string, company = companyId, role: CompanyMembership['role'] = 'recruiter'): CompanyMembership => ({ companyId: company, userId, role });

  it('lets a member of the company that owns the listing see its applicants, in any role', () => {
    for (const role of ['owner', 'admin', 'recruiter', 'member'] as const) {
      expect(maySeeApplicantsOf(userPrincipal(employerId, 'employer'), listing, [member(employerId, companyId, role)])).toBe(true);
    }
    expect(maySeeApplicantsOf(userPrincipal(employerId.toUpperCase()), { ...listing, companyId: companyId.toUpperCase() }, [member(employerId)])).toBe(true);
  });

  it('keeps out members of other companies, and a principal whose id is not the member’s', () => {
    expect(maySeeApplicantsOf(userPrincipal(employerId, 'employer'), listing, [member(employerId, crypto.randomUUID())])).toBe(false);
    expect(maySeeApplicantsOf(userPrincipal(crypto.randomUUID(), 'employer'), listing, [member(employerId)])).toBe(false);
  });

  it('keeps out admins without membership, anonymous callers, and everyone for a listing the projection does not know', () => {
    expect(maySeeApplicantsOf(userPrincipal(crypto.randomUUID(), 'admin'), listing, [])).toBe(false);
    expect(maySeeApplicantsOf(anonymous, listing, [member(employerId)])).toBe(false);
    expect(maySeeApplicantsOf(userPrincipal(employerId, 'employer'), null, [member(employerId)])).toBe(false);
  });
});

describe('applicationReader', () => {
  const candidateId = crypto.randomUUID();
  const employerId = crypto.randomUUID();
  const companyId = crypto.randomUUID();
  const listingId = crypto.randomUUID();
  const listing = { listingId, companyId };
  const memberships: CompanyMembership[] = [{ companyId, userId: employerId, role: 'recruiter' }];
  const application = { userId: candidateId, jobListingId: listingId };

  it('reads the owner as owner, even with no listing known', () => {
    expect(applicationReader(userPrincipal(candidateId), application, null, [])).toBe('owner');
    expect(applicationReader(userPrincipal(candidateId), { ...application, jobListingId: null }, null, [])).toBe('owner');
  });

  it('reads a member of the listing’s company as employer', () => {
    expect(applicationReader(userPrincipal(employerId, 'employer'), application, listing, memberships)).toBe('employer');
  });

  it('reads nobody else: another candidate, a member when the listing given is not the application’s, a hand-entered job', () => {
    expect(applicationReader(userPrincipal(crypto.randomUUID()), application, listing, memberships)).toBeNull();
    expect(applicationReader(userPrincipal(employerId), application, { listingId: crypto.randomUUID(), companyId }, memberships)).toBeNull();
    expect(applicationReader(userPrincipal(employerId), { ...application, jobListingId: null }, listing, memberships)).toBeNull();
    expect(applicationReader(anonymous, application, listing, memberships)).toBeNull();
  });
});

describe('mayReadNotesOf', () => {
  it('keeps notes for the owner alone', () => {
    const userId = crypto.randomUUID();
    expect(mayReadNotesOf(userPrincipal(userId), { userId })).toBe(true);
    expect(mayReadNotesOf(userPrincipal(crypto.randomUUID(), 'employer'), { userId })).toBe(false);
    expect(mayReadNotesOf(anonymous, { userId })).toBe(false);
  });
});
