import { isUser, type Principal } from '@jobgraph/kit';

/**
 * Whether `principal` may read the application tracker (applications, stages) of
 * `userId`. A tracker is private: only its owner reads it.
 */
export function mayReadTrackerOf(principal: Principal, userId: string): boolean {
  return isUser(principal) && principal.userId.toLowerCase() === userId.toLowerCase();
}
