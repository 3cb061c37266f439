import { sql, type Kysely } from 'kysely';
import { fail, succeed, userError, type Outcome, type PageRequest } from '@jobgraph/kit';
import type { Database } from '../../db/types.ts';
import { jobMatchView, type JobMatchView } from './fit-view.ts';

/** The statement behind a page of matches (the bench EXPLAINs it as the resolver runs it). */
export function jobMatchesQuery(db: Kysely<Database>, userId: string, page: PageRequest) {
  let query = db
    .selectFrom('fit_scores as f')
    .innerJoin('listing_features as l', 'l.listing_id', 'f.listing_id')
    .selectAll('f')
    .select('l.salary_currency')
    .where('f.user_id', '=', userId.toLowerCase())
    .where('l.status', '=', 'open');
  if (page.after) {
    const score = Number(page.after.key);
    query = query.where(sql<boolean>`(f.score < ${score} or (f.score = ${score} and f.listing_id > ${page.after.id}::uuid))`);
  }
  return query.orderBy('f.score', 'desc').orderBy('f.listing_id').limit(page.limit + 1);
}

/**
 * A page of the user's matches: their stored scores with open listings, best first, ties
 * by listing id. Fetches `limit + 1` rows so the caller knows whether more follow.
 */
export async function jobMatchesPage(db: Kysely<Database>, userId: string, page: PageRequest): Promise<JobMatchView[]> {
  const rows = await jobMatchesQuery(db, userId, page).execute();
  return rows.map(jobMatchView);
}

/** Marks the user's match with a listing seen (the first time only). NOT_FOUND for a listing they have no match with. */
export async function markJobMatchViewed(db: Kysely<Database>, userId: string, listingId: string): Promise<Outcome<JobMatchView>> {
  const user = userId.toLowerCase();
  const listing = listingId.toLowerCase();
  await db
    .updateTable('fit_scores')
    .set({ viewed_at: sql<Date>`coalesce(viewed_at, now())` })
    .where('user_id', '=', user)
    .where('listing_id', '=', listing)
    .execute();
  const row = await db
    .selectFrom('fit_scores as f')
    .innerJoin('listing_features as l', 'l.listing_id', 'f.listing_id')
    .selectAll('f')
    .select('l.salary_currency')
    .where('f.user_id', '=', user)
    .where('f.listing_id', '=', listing)
    .where('l.status', '=', 'open')
    .executeTakeFirst();
  return row ? succeed(jobMatchView(row)) : fail(userError('NOT_FOUND', 'You have no match with this listing.', ['listingId']));
}
