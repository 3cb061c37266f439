import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { CalendarFeedParent } from '../resolvers/timeline/parents.ts';
import { feedTokenHash, newFeedToken } from './calendar-feed.ts';
import type { PipelineDeps } from './deps.ts';

export interface IssuedFeed {
  readonly feed: CalendarFeedParent;
  /** The secret token, shown once: only its hash is kept. */
  readonly token: string;
}

/** Makes the user's feed, or replaces its token (the old address stops answering at once). */
export async function rotateCalendarFeed(deps: PipelineDeps, userId: string): Promise<IssuedFeed> {
  const token = newFeedToken();
  const feed = await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
    return trx.insertInto('calendar_feeds').values({ user_id: userId, token_hash: feedTokenHash(token) }).returning(['created_at', 'last_fetched_at']).executeTakeFirstOrThrow();
  });
  return { feed, token };
}

/** Turns the user's feed off; its address answers 404 from then on. */
export async function revokeCalendarFeed(deps: PipelineDeps, userId: string): Promise<Outcome<CalendarFeedParent>> {
  const feed = await deps.db.deleteFrom('calendar_feeds').where('user_id', '=', userId).returning(['created_at', 'last_fetched_at']).executeTakeFirst();
  return feed ? succeed(feed) : fail(userError('NOT_FOUND', 'You have no calendar feed.', []));
}
