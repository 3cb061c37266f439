import DataLoader from 'dataloader';
import { sql, type Kysely } from 'kysely';
import { loaderByUuid, loaderOfLists } from '@jobgraph/kit';
import { jobListingColumns } from './db/job-listing-columns.ts';
import type { ListedJobListing, ListingPage } from './db/listing-order.ts';
import { listingsOfCompanies } from './db/listings-of-companies.ts';
import { approvedReviewsOfCompanies, ratingsOfCompanies, type ListedReview, type ReviewPosition } from './db/review-pages.ts';
import type { Database, DbListingStatus } from './db/types.ts';

export interface CompanyListingsKey {
  readonly companyId: string;
  readonly statuses: readonly DbListingStatus[];
  readonly page: ListingPage;
  /** Outsiders see public listings only; members see unlisted ones too. */
  readonly publicOnly: boolean;
}

export function createLoaders(db: Kysely<Database>) {
  return {
    /** Live companies only: a deleted company resolves to null everywhere. */
    companyById: loaderByUuid(
      (ids) => db.selectFrom('companies').selectAll().where(sql<boolean>`id = any(${ids}::uuid[])`).where('deleted_at', 'is', null).execute(),
      (company) => company.id,
    ),
    /** Every status: who may see which is decided by `canSeeListing`, not here. */
    jobListingById: loaderByUuid(
      (ids) => db.selectFrom('job_listings').select(jobListingColumns).where(sql<boolean>`id = any(${ids}::uuid[])`).execute(),
      (listing) => listing.id,
    ),
    /** A user's memberships in live companies. */
    membershipsOfUser: loaderOfLists(
      (userIds) =>
        db
          .selectFrom('company_members')
          .innerJoin('companies', 'companies.id', 'company_members.company_id')
          .selectAll('company_members')
          .where('company_members.user_id', 'in', userIds)
          .where('companies.deleted_at', 'is', null)
          .orderBy('company_members.created_at')
          .execute(),
      (member) => member.user_id,
    ),
    companyListings: companyListingsLoader(db),
    companyReviews: companyReviewsLoader(db),
    /** Count and mean of approved reviews, per company. */
    ratingOfCompany: new DataLoader<string, { count: number; average: number | null }>(async (ids) => {
      const rows = await ratingsOfCompanies(db, ids);
      const byId = new Map(rows.map((row) => [row.company_id, { count: row.count, average: row.average }]));
      return ids.map((id) => byId.get(id) ?? { count: 0, average: null });
    }),
    locationById: loaderByUuid(
      (ids) => db.selectFrom('locations').selectAll().where('id', 'in', ids).execute(),
      (location) => location.id,
    ),
    /** Each listing's taxonomy rows, in the employer's order. */
    taggingsOfListing: loaderOfLists(
      (listingIds) => db.selectFrom('listing_tags').selectAll().where('listing_id', 'in', listingIds).orderBy('listing_id').orderBy('position').execute(),
      (row) => row.listing_id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * A page of listings per company. Keys asking for the same page (statuses, size, cursor),
 * as every company of one list does, share one SQL statement.
 */
function companyListingsLoader(db: Kysely<Database>): DataLoader<CompanyListingsKey, readonly ListedJobListing[], string> {
  const pageOf = (key: CompanyListingsKey) => JSON.stringify([key.statuses, key.page, key.publicOnly]);
  return new DataLoader(
    async (keys) => {
      const found = new Map<string, ListedJobListing[]>();
      await Promise.all(
        [...Map.groupBy(keys, pageOf)].map(async ([page, [first, ...rest]]) => {
          if (!first) return;
          const companyIds = [...new Set([first, ...rest].map((key) => key.companyId))];
          for (const row of await listingsOfCompanies(db, companyIds, first.statuses, first.page, first.publicOnly)) {
            const slot = `${page}|${row.company_id}`;
            const rows = found.get(slot);
            if (rows) rows.push(row);
            else found.set(slot, [row]);
          }
        }),
      );
      return keys.map((key) => found.get(`${pageOf(key)}|${key.companyId}`) ?? []);
    },
    { cacheKeyFn: (key) => `${pageOf(key)}|${key.companyId}` },
  );
}

export interface CompanyReviewsKey {
  readonly companyId: string;
  readonly limit: number;
  readonly after: ReviewPosition | null;
}

/** A page of approved reviews per company; keys asking for the same page share one statement. */
function companyReviewsLoader(db: Kysely<Database>): DataLoader<CompanyReviewsKey, readonly ListedReview[], string> {
  const pageOf = (key: CompanyReviewsKey) => JSON.stringify([key.limit, key.after]);
  return new DataLoader(
    async (keys) => {
      const found = new Map<string, ListedReview[]>();
      await Promise.all(
        [...Map.groupBy(keys, pageOf)].map(async ([page, group]) => {
          const first = group[0];
          if (!first) return;
          for (const row of await approvedReviewsOfCompanies(db, [...new Set(group.map((key) => key.companyId))], first.limit, first.after)) {
            const slot = `${page}|${row.company_id}`;
            const rows = found.get(slot);
            if (rows) rows.push(row);
            else found.set(slot, [row]);
          }
        }),
      );
      return keys.map((key) => found.get(`${pageOf(key)}|${key.companyId}`) ?? []);
    },
    { cacheKeyFn: (key) => `${pageOf(key)}|${key.companyId}` },
  );
}
