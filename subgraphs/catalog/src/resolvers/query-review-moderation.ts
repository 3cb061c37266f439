import { requireRole } from '@jobgraph/kit';
import { reviewsInStatus } from '../db/review-pages.ts';
import type { DbReviewStatus } from '../db/types.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';
import { parseReviewPage, reviewConnection } from './review-connection.ts';

/** The moderation queue (CA-26): platform admins only. */
export const companyReviewsForModeration: QueryResolvers['companyReviewsForModeration'] = async (_parent, args, { principal, db }) => {
  requireRole(principal, 'admin');
  const page = parseReviewPage(args);
  const status = (args.status ?? 'PENDING').toLowerCase() as DbReviewStatus;
  return reviewConnection(await reviewsInStatus(db, status, page.limit, page.after), page);
};
