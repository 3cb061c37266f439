import { sql, type Kysely } from 'kysely';
import type { CompanyReview, Database, DbReviewStatus } from './types.ts';

export type ListedReview = CompanyReview & { readonly sort_key: string };

/** Where the previous page ended: a time to the microsecond (text) and the id. */
export interface ReviewPosition {
  readonly time: string;
  readonly id: string;
}

const utc = (column: 'created_at' | 'updated_at') => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * One page of approved reviews, newest first, for each of many companies in one statement
 * (rows numbered per company, cut at `limit + 1`; served by `company_reviews_approved_idx`).
 */
export async function approvedReviewsOfCompanies(db: Kysely<Database>, companyIds: readonly string[], limit: number, after: ReviewPosition | null): Promise<ListedReview[]> {
  const numbered = db
    .selectFrom('company_reviews')
    .selectAll()
    .select(utc('created_at').as('sort_key'))
    .select(sql<number>`row_number() over (partition by company_id order by created_at desc, id desc)`.as('position'))
    .where('company_id', 'in', companyIds)
    .where('status', '=', 'approved')
    .$call((q) => (after ? q.where(sql<boolean>`(created_at, id) < (${after.time}::timestamptz, ${after.id}::uuid)`) : q));
  const rows = await db.selectFrom(numbered.as('numbered')).selectAll().where('position', '<=', limit + 1).orderBy('company_id').orderBy('position').execute();
  return rows.map(({ position: _position, ...review }) => review);
}

/** Count and mean of approved ratings per company, in one statement. */
export function ratingsOfCompanies(db: Kysely<Database>, companyIds: readonly string[]) {
  return db
    .selectFrom('company_reviews')
    .select(['company_id', sql<number>`count(*)::int`.as('count'), sql<number>`round(avg(rating), 2)::float8`.as('average')])
    .where('company_id', 'in', companyIds)
    .where('status', '=', 'approved')
    .groupBy('company_id')
    .execute();
}

/** The moderation queue: reviews in `status`, oldest change first, `limit + 1` rows. */
export function reviewsInStatus(db: Kysely<Database>, status: DbReviewStatus, limit: number, after: ReviewPosition | null): Promise<ListedReview[]> {
  return db
    .selectFrom('company_reviews')
    .selectAll()
    .select(utc('updated_at').as('sort_key'))
    .where('status', '=', status)
    .$call((q) => (after ? q.where(sql<boolean>`(updated_at, id) > (${after.time}::timestamptz, ${after.id}::uuid)`) : q))
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

/** An author's own reviews, newest first, `limit + 1` rows. */
export function reviewsByAuthor(db: Kysely<Database>, authorId: string, limit: number, after: ReviewPosition | null): Promise<ListedReview[]> {
  return db
    .selectFrom('company_reviews')
    .selectAll()
    .select(utc('created_at').as('sort_key'))
    .where('author_id', '=', authorId)
    .$call((q) => (after ? q.where(sql<boolean>`(created_at, id) < (${after.time}::timestamptz, ${after.id}::uuid)`) : q))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}
