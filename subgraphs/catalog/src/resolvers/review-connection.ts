import { badUserInput, isUuid, parsePage, toConnection, type ConnectionArgs } from '@jobgraph/kit';
import type { ListedReview, ReviewPosition } from '../db/review-pages.ts';
import type { ResolversTypes } from '../generated/resolvers.ts';

const timeKey = /^t:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)$/;

/** `first`/`after` of a review list; a cursor of any other list is BAD_USER_INPUT. */
export function parseReviewPage(args: ConnectionArgs): { limit: number; after: ReviewPosition | null } {
  const { limit, after } = parsePage(args);
  if (after === null) return { limit, after: null };
  const time = typeof after.key === 'string' ? timeKey.exec(after.key)?.[1] : undefined;
  if (time === undefined || !isUuid(after.id)) throw badUserInput('`after` is a cursor of another list.', { argument: 'after' });
  return { limit, after: { time, id: after.id.toLowerCase() } };
}

export function reviewConnection(rows: readonly ListedReview[], page: { limit: number; after: ReviewPosition | null }): Awaited<ResolversTypes['CompanyReviewConnection']> {
  const after = page.after && { key: `t:${page.after.time}`, id: page.after.id };
  const connection = toConnection(rows, { limit: page.limit, after }, (row) => ({ key: `t:${row.sort_key}`, id: row.id }));
  return { edges: [...connection.edges], pageInfo: connection.pageInfo };
}
