import { forbidden, isUuid, requireUser, type Principal } from '@jobgraph/kit';
import { mayReadTrackerOf } from '../domain/access.ts';

/** The signed-in user's id, lower-cased as Postgres returns uuids; anonymous: UNAUTHENTICATED. */
export function requireViewerId(principal: Principal): string {
  const { userId } = requireUser(principal);
  if (!isUuid(userId)) throw forbidden('This principal is not a user account that can track applications.');
  return userId.toLowerCase();
}

/** Anonymous: UNAUTHENTICATED; anyone but the owner of `userId`'s tracker: FORBIDDEN. */
export function requireTrackerReader(principal: Principal, userId: string): void {
  requireUser(principal);
  if (!mayReadTrackerOf(principal, userId)) throw forbidden('Only the user themself can see their applications, stages and tasks.');
}
