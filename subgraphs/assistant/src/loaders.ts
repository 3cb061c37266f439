import type { Kysely } from 'kysely';
import { loaderByUuid, loaderOfLists } from '@jobgraph/kit';
import type { Database } from './db/types.ts';
import { listingFitColumns } from './domain/fit/fit-rows.ts';

export function createLoaders(db: Kysely<Database>) {
  return {
    /** The saved profile of each user id; null for a user who has not saved one. */
    careerProfileByUserId: loaderByUuid(
      (userIds) => db.selectFrom('career_profiles').selectAll().where('user_id', 'in', userIds).execute(),
      (profile) => profile.user_id,
    ),
    educationByUserId: loaderOfLists(
      (userIds) => db.selectFrom('education_entries').selectAll().where('user_id', 'in', userIds).orderBy('user_id').orderBy('position').execute(),
      (entry) => entry.user_id,
    ),
    workExperienceByUserId: loaderOfLists(
      (userIds) => db.selectFrom('work_experiences').selectAll().where('user_id', 'in', userIds).orderBy('user_id').orderBy('position').execute(),
      (entry) => entry.user_id,
    ),
    projectsByUserId: loaderOfLists(
      (userIds) => db.selectFrom('projects').selectAll().where('user_id', 'in', userIds).orderBy('user_id').orderBy('position').execute(),
      (entry) => entry.user_id,
    ),
    /** Catalog's listing as the projection holds it, for fit scores. */
    listingFeaturesById: loaderByUuid(
      (listingIds) => db.selectFrom('listing_features').select(['listing_id', ...listingFitColumns]).where('listing_id', 'in', listingIds).execute(),
      (listing) => listing.listing_id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
