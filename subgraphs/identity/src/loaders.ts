import type { Kysely } from 'kysely';
import { loaderByUuid } from '@jobgraph/kit';
import type { Database } from './db/types.ts';

export function createLoaders(db: Kysely<Database>) {
  return {
    /** Live users only: an erased or deleted account resolves to null everywhere. */
    userById: loaderByUuid(
      (ids) => db.selectFrom('users').selectAll().where('id', 'in', ids).where('deleted_at', 'is', null).execute(),
      (user) => user.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
