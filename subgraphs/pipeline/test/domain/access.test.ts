import { describe, expect, it } from 'vitest';
import { anonymous } from '@jobgraph/kit';
import { userPrincipal } from '@jobgraph/kit/testing';
import { mayReadTrackerOf } from '../../src/domain/access.ts';

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
