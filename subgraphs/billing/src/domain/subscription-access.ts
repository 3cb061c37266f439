import { isUser, type Principal } from '@jobgraph/kit';

/** A subscription is its user's business only (support tooling will get its own rule). */
export function canReadSubscription(principal: Principal, userId: string): boolean {
  return isUser(principal) && principal.userId.toLowerCase() === userId.toLowerCase();
}

/** Credits, like the subscription they come from, are their user's business only. */
export function canReadCredits(principal: Principal, userId: string): boolean {
  return canReadSubscription(principal, userId);
}
