import type { JobListingSnapshot } from '@jobgraph/kit';
import type { JobListing } from '../db/types.ts';

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/**
 * A listing as every listing event carries it: the stored row after the change, with the
 * database's lower-case enums and ISO timestamps. The stored status, not the one a reader
 * would derive: an open listing past its expiry is announced as expired by the change
 * that stores `expired` (an edit), not by time passing. The description stays out (it
 * is long and free text); who created the listing stays out (a person, not the listing).
 */
export function listingSnapshot(listing: JobListing): JobListingSnapshot {
  return {
    listingId: listing.id,
    companyId: listing.company_id,
    title: listing.title,
    status: listing.status,
    employmentType: listing.employment_type,
    remoteType: listing.remote_type,
    seniority: listing.seniority,
    location: listing.location,
    tags: [...listing.tags],
    // The table's CHECK keeps the three salary columns all null or with a currency.
    salary: listing.salary_currency === null ? null : { minCents: listing.salary_min_cents, maxCents: listing.salary_max_cents, currency: listing.salary_currency },
    postedAt: iso(listing.posted_at),
    closedAt: iso(listing.closed_at),
    expiresAt: iso(listing.expires_at),
  };
}
