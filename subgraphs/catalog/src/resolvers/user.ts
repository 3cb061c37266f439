import { badUserInput, isUser, isUuid, parsePage, toConnection } from '@jobgraph/kit';
import { reviewsByAuthor } from '../db/review-pages.ts';
import { searchHistoryEnabled, searchHistoryPage } from '../db/search-history.ts';
import type { UserResolvers } from '../generated/resolvers.ts';
import { parseReviewPage, reviewConnection } from './review-connection.ts';

/** Identity owns users; catalog knows only the id it adds fields to. */
export interface UserReference {
  readonly id: string;
}

const searchedAtKey = /^h:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/;

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  /** The user themself sees their memberships; anyone else an empty list (an error would null the whole user). */
  companyMemberships: async (user, _args, { principal, loaders }) =>
    isUser(principal) && principal.userId === user.id ? [...(await loaders.membershipsOfUser.load(user.id))] : [],
  searchHistory: async (user, args, { principal, db }) => {
    if (!isUser(principal) || principal.userId !== user.id) return null;
    const page = parsePage(args);
    const searchedAt = page.after && typeof page.after.key === 'string' ? searchedAtKey.exec(page.after.key)?.[1] : undefined;
    if (page.after && (searchedAt === undefined || !isUuid(page.after.id))) throw badUserInput('`after` is a cursor of another list.', { argument: 'after' });
    const rows = await searchHistoryPage(db, user.id, page.limit, page.after && searchedAt ? { searchedAt, id: page.after.id } : null);
    const connection = toConnection(rows, page, (row) => ({ key: `h:${row.sort_key}`, id: row.id }));
    return { edges: [...connection.edges], pageInfo: connection.pageInfo };
  },
  searchHistoryEnabled: async (user, _args, { principal, db }) => (isUser(principal) && principal.userId === user.id ? searchHistoryEnabled(db, user.id) : null),
  companyReviews: async (user, args, { principal, db }) => {
    if (!isUser(principal) || principal.userId !== user.id) return null;
    const page = parseReviewPage(args);
    return reviewConnection(await reviewsByAuthor(db, user.id, page.limit, page.after), page);
  },
};
