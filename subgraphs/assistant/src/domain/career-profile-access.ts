import { isUser, type Principal } from '@jobgraph/kit';

/**
 * Only the user themself reads their career profile for now; employers reading an
 * applicant's profile is a later rule.
 */
export function canReadCareerProfile(principal: Principal, userId: string): boolean {
  return isUser(principal) && principal.userId.toLowerCase() === userId.toLowerCase();
}
