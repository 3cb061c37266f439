import { fail, succeed, userError, type Outcome } from '@jobgraph/kit';
import type { Kysely } from 'kysely';
import type { Database, ListingSnapshotJson } from '../db/types.ts';

/**
 * The catalog listing `userId` may apply to, as pipeline's projection knows it, and the
 * snapshot the application keeps of it (PI-05). A listing the projection does not know,
 * or a draft of a company the user is not a member of, answers NOT_FOUND: a draft is not
 * public, and an unknown id must not be told apart from a hidden one.
 */
export async function listingToApplyTo(trx: Kysely<Database>, userId: string, listingId: string, now: Date): Promise<Outcome<ListingSnapshotJson>> {
  const row = await trx
    .selectFrom('listing_ownership')
    .leftJoin('company_names', 'company_names.company_id', 'listing_ownership.company_id')
    .leftJoin('company_members', (join) => join.onRef('company_members.company_id', '=', 'listing_ownership.company_id').on('company_members.user_id', '=', userId))
    .select(['listing_ownership.job_listing_id', 'listing_ownership.company_id', 'listing_ownership.title', 'listing_ownership.status', 'listing_ownership.snapshot', 'company_names.name as company_name', 'company_members.user_id as member'])
    .where('listing_ownership.job_listing_id', '=', listingId)
    .executeTakeFirst();
  if (!row || (row.status === 'draft' && row.member === null)) {
    return fail(userError('NOT_FOUND', 'There is no listing with this id.', ['input', 'jobId']));
  }
  return succeed(snapshotOf(row, now));
}

interface ProjectedListing {
  readonly job_listing_id: string;
  readonly company_id: string;
  readonly title: string;
  readonly status: string;
  readonly snapshot: Record<string, unknown>;
  readonly company_name: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The fields of catalog's snapshot an application keeps, whatever else the event carried. */
export function snapshotOf(row: ProjectedListing, now: Date): ListingSnapshotJson {
  const s = row.snapshot;
  const salary = s['salary'] as ListingSnapshotJson['salary'] | undefined;
  return {
    listingId: row.job_listing_id,
    companyId: row.company_id,
    companyName: row.company_name,
    title: row.title,
    status: row.status,
    employmentType: text(s['employmentType']) ?? 'unknown',
    remoteType: text(s['remoteType']) ?? 'unknown',
    seniority: text(s['seniority']),
    location: text(s['location']),
    tags: Array.isArray(s['tags']) ? s['tags'].filter((tag): tag is string => typeof tag === 'string') : [],
    salary: salary ?? null,
    postedAt: text(s['postedAt']),
    takenAt: now.toISOString(),
  };
}
