import { describe, expect, it } from 'vitest';
import { can } from '../../src/domain/company-permissions.ts';
import { invitationEmail, mayAssignRole, mayManageMember, wouldOrphan } from '../../src/domain/team-rules.ts';

describe('team rights', () => {
  it('lets owners and admins manage the team, and nobody else', () => {
    expect(can('owner', 'manage_team')).toBe(true);
    expect(can('admin', 'manage_team')).toBe(true);
    expect(can('recruiter', 'manage_team')).toBe(false);
    expect(can('member', 'manage_team')).toBe(false);
    expect(can(null, 'manage_team')).toBe(false);
    expect(can('member', 'view_team')).toBe(true);
    expect(can(null, 'view_team')).toBe(false);
  });

  it('keeps the owner role in owners\' hands', () => {
    expect(mayAssignRole('owner', 'owner')).toBe(true);
    expect(mayAssignRole('admin', 'owner')).toBe(false);
    expect(mayAssignRole('admin', 'recruiter')).toBe(true);
    expect(mayAssignRole('recruiter', 'member')).toBe(false);
    expect(mayManageMember('admin', 'owner')).toBe(false);
    expect(mayManageMember('admin', 'admin')).toBe(true);
    expect(mayManageMember('owner', 'owner')).toBe(true);
    expect(mayManageMember('member', 'member')).toBe(false);
  });

  it('never leaves a company without an owner', () => {
    expect(wouldOrphan('owner', null, 1)).toBe(true);
    expect(wouldOrphan('owner', 'admin', 1)).toBe(true);
    expect(wouldOrphan('owner', 'admin', 2)).toBe(false);
    expect(wouldOrphan('owner', 'owner', 1)).toBe(false);
    expect(wouldOrphan('admin', null, 0)).toBe(false);
  });

  it('accepts plausible addresses only', () => {
    expect(invitationEmail('  Ada@Example.com ')).toBe('Ada@Example.com');
    expect(invitationEmail('no-at-sign')).toBeNull();
    expect(invitationEmail('a@b')).toBeNull();
    expect(invitationEmail('a b@example.com')).toBeNull();
    expect(invitationEmail('a\u0000@example.com')).toBeNull();
    expect(invitationEmail(`${'a'.repeat(10_000)}@example.com`)).toBeNull();
  });
});
