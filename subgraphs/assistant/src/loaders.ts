import type { Kysely } from 'kysely';
import { loaderByUuid } from '@jobgraph/kit';
import type { Database } from './db/types.ts';

export function createLoaders(db: Kysely<Database>) {
  return {
    /** The saved profile of each user id; null for a user who has not saved one. */
    careerProfileByUserId: loaderByUuid(
      (userIds) => db.selectFrom('career_profiles').selectAll().where('user_id', 'in', userIds).execute(),
      (profile) => profile.user_id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
